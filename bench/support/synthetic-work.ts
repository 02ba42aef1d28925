/**
 * A generated work for benchmarks: deterministic (seeded), with the given
 * number of words spread over the chapters, in paragraphs of varied length
 * with some emphasis, dialogue, scene breaks and a little Cyrillic and Greek,
 * so the builders meet what real chapters hold. The words are invented
 * syllable strings, not text from any book.
 */
import type { DownloadableChapter, DownloadableWork } from '../../src/downloads/downloadable-work.ts';

/** mulberry32: a tiny seeded generator, so every run measures the same work. */
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

const SYLLABLES = [
  'la',
  'mor',
  'ven',
  'ta',
  'ris',
  'el',
  'do',
  'qua',
  'sen',
  'bri',
  'ho',
  'lun',
  'ca',
  'mir',
  'tes',
  'an',
  'ou',
  'gal',
];
const FOREIGN = ['маяк', 'гавань', 'ветер', 'φάρος', 'θάλασσα', 'λιμάνι'];

export interface SyntheticOptions {
  words: number;
  chapters: number;
  seed?: number;
}

export function syntheticWork({ words, chapters, seed = 20240301 }: SyntheticOptions): DownloadableWork {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const word = () => {
    if (random() < 0.01) return pick(FOREIGN);
    const length = 1 + Math.floor(random() * 3);
    return Array.from({ length }, () => pick(SYLLABLES)).join('');
  };

  const paragraph = (count: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      let w = word();
      if (i === 0) w = w[0].toUpperCase() + w.slice(1);
      if (random() < 0.03) w = `<em>${w}</em>`;
      else if (random() < 0.01) w = `<strong>${w}</strong>`;
      parts.push(w);
      if (i < count - 1 && random() < 0.08) parts[parts.length - 1] += ',';
    }
    const text = `${parts.join(' ')}.`;
    return random() < 0.2 ? `<p>“${text}” ${word()} said.</p>` : `<p>${text}</p>`;
  };

  const perChapter = Math.floor(words / chapters);
  const list: DownloadableChapter[] = [];
  for (let c = 0; c < chapters; c++) {
    const target = c === chapters - 1 ? words - perChapter * (chapters - 1) : perChapter;
    const body: string[] = [];
    let written = 0;
    while (written < target) {
      const count = Math.min(target - written, 40 + Math.floor(random() * 80));
      // "said" and the speaker add two words to a line of dialogue; count what is really written.
      const html = paragraph(count);
      written += count + (html.includes('” ') ? 2 : 0);
      body.push(html);
      if (random() < 0.02) body.push('<hr />');
    }
    list.push({
      title: `The ${word()} of ${word()}`,
      summaryHtml: c % 5 === 0 ? `<p>${word()} ${word()} ${word()}.</p>` : '',
      notesHtml: c % 3 === 0 ? `<p>Chapter note: ${word()} ${word()}.</p>` : '',
      endNotesHtml: '',
      bodyHtml: body.join('\n'),
      words: written,
    });
  }
  const total = list.reduce((sum, chapter) => sum + chapter.words, 0);
  return {
    id: 1,
    url: 'http://localhost:3000/works/1',
    archiveName: 'Quire',
    title: 'A Generated Harbour',
    creators: ['bench'],
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['Gen'],
    fandoms: ['Original Work'],
    relationships: [],
    characters: ['Keeper'],
    freeforms: ['Benchmark'],
    language: { code: 'en', name: 'English' },
    series: [{ title: 'Benchmarks', position: 1 }],
    publishedOn: '2024-03-01',
    updatedOn: '2024-03-01',
    completedOn: '2024-03-01',
    words: total,
    chaptersPosted: chapters,
    chaptersExpected: chapters,
    stats: { comments: 0, kudos: 0, bookmarks: 0, hits: 0 },
    summaryHtml: '<p>A generated work for measuring how fast downloads are built.</p>',
    notesHtml: '<p>Generated text.</p>',
    endNotesHtml: '<p>The end.</p>',
    chapters: list,
    revisedAt: '2024-03-01T00:00:00.000Z',
  };
}
