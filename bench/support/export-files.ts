/**
 * Plain-text export files for the benches that import (bench/import, bench/chaos): seeded, original invented
 * text of about `words` words in one to three chapters, tags from a small vocabulary so that most already exist
 * after the first files, as in a real archive's import.
 */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export interface GeneratedWork {
  title: string;
  summary: string;
  chapters: Array<{ title: string; text: string }>;
  file: string;
}

export function exportFileGenerator({
  seed,
  words,
  author = 'benchadmin',
}: {
  seed: number;
  words: number;
  author?: string;
}) {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const SYLLABLES = ['la', 'mor', 'ven', 'ta', 'ris', 'el', 'do', 'qua', 'sen', 'bri', 'ho', 'lun', 'ca', 'mir'];
  const word = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
  const name = () => {
    const w = word();
    return w[0].toUpperCase() + w.slice(1);
  };
  const FANDOMS = Array.from({ length: 40 }, (_, i) => `Bench Fandom ${i + 1}`);
  const CHARACTERS = Array.from({ length: 400 }, (_, i) => `${name()} ${name()} ${i}`);
  const FREEFORMS = Array.from({ length: 300 }, (_, i) => `Bench Trope ${i + 1}`);
  const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Not Rated'];

  function paragraphs(count: number): string {
    const out: string[] = [];
    let left = count;
    while (left > 0) {
      const n = Math.min(left, 20 + Math.floor(random() * 60));
      out.push(`${Array.from({ length: n }, word).join(' ')}.`);
      left -= n;
    }
    return out.join('\n\n');
  }

  return function generate(i: number): GeneratedWork {
    const chapterCount = 1 + Math.floor(random() * 3);
    const characters = [pick(CHARACTERS), pick(CHARACTERS), pick(CHARACTERS)];
    const title = `${name()} of the ${name()} ${i + 1}`;
    const summary = paragraphs(30);
    const chapters = Array.from({ length: chapterCount }, (_, c) => ({
      title: c === 0 ? '' : `${name()} ${name()}`,
      text: paragraphs(Math.ceil(words / chapterCount)),
    }));
    const lines = [
      `Title: ${title}`,
      `Work ID: ${100000 + i}`,
      `Author: ${author}`,
      `Rating: ${pick(RATINGS)}`,
      'Archive Warning: No Archive Warnings Apply',
      'Category: Gen',
      `Fandom: ${pick(FANDOMS)}`,
      `Relationship: ${characters[0]}/${characters[1]}`,
      `Character: ${[...new Set(characters)].join(', ')}`,
      `Additional Tags: ${[...new Set([pick(FREEFORMS), pick(FREEFORMS)])].join(', ')}`,
      'Language: English',
      `Chapters: ${chapterCount}/${chapterCount}`,
      '',
      'Summary:',
      summary,
      '',
      'Work text:',
      ...chapters.flatMap((c, n) =>
        chapterCount > 1
          ? ['', c.title ? `Chapter ${n + 1}: ${c.title}` : `Chapter ${n + 1}`, '', c.text]
          : ['', c.text],
      ),
      '',
    ];
    return { title, summary, chapters, file: lines.join('\n') };
  };
}
