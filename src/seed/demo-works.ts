/**
 * The demo works: short original stories put together from templates, the
 * same every run (a seeded random generator), spread over the three demo
 * fandoms, ratings, languages and chapter counts — plus one Chinese and one
 * Russian work, and one "imported" work without a fandom that the archive
 * files under its fandom through its wrangled relationship. All prose here
 * was written for Quire; none is taken from the novels or from fan works.
 */
import type { Rating } from '../domain-facts.ts';
import { DEMO_FANDOMS, DEMO_UNWRANGLED, type DemoFandom } from './demo-vocabulary.ts';
import type { WorkTagNames } from '../works/work-input.ts';

export interface DemoWork extends WorkTagNames {
  /** Index into the demo users. */
  author: number;
  title: string;
  summary: string;
  rating: Rating;
  languageCode: string;
  expectedChapters: number | null;
  publishedOn: string;
  chapters: Array<{ title: string; body: string }>;
}

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
  };
}

const PARAGRAPHS = [
  '{A} had not meant to stay so long in {place}. The light had gone the colour of weak tea, and still {B} was talking, and still {A} was listening as though the words were a map to somewhere neither of them had been.',
  'There was {object} on the table between them. Neither mentioned it. {B} turned it a quarter-turn, then back again, the way one might test a lock without wishing to open it.',
  '“You are late,” said {B}. “I am exactly as late as I intended,” said {A}, and hung up a coat that was wetter than it had any right to be.',
  'Afterwards, {A} would remember the small things: the creak of the third stair, the smell of candle smoke, the way {B} laughed once, quietly, as if laughter were a thing to be rationed.',
  'The rain kept on. In {place} it drummed on the shutters and found its way under the door, and {A} and {B} moved their chairs closer to the fire without either of them admitting to the cold.',
  '{B} wrote three letters that evening and burned two. The third lay unsent until morning, when {A} found it, read the first line, and put it back exactly where it had been.',
  '“Tell me what you are thinking,” {A} said. {B} considered this with great seriousness. “That the kettle is about to boil,” came the answer, “and that I am glad you are here to hear it.”',
  'Nothing was resolved. But the street outside was quiet, and the lamp burned steady, and for the length of one evening that seemed enough.',
  'It was {A} who noticed {object} first, and {A} who pretended not to. Some kindnesses are best done sideways, where no one has to thank anyone for them.',
  'By the time the bells rang the hour, {B} had mended the fire, the chair, and very nearly the argument. {A} allowed the last of these to go unmended, for the pleasure of having something left to say tomorrow.',
];

const TITLES = [
  'The Weight of Small Things',
  'Letters Kept in a Drawer',
  'A Quiet Hour',
  'What the Rain Knew',
  'Small Mercies',
  'Lamplight',
  'An Inventory of Kindnesses',
  'The Third Stair from the Top',
  'The Long Way Round',
  'Winter Accounts',
  'Borrowed Coats',
  'Before the Bells',
  'The Kettle and the Clock',
  'A Map of Nowhere in Particular',
  'Candle Smoke',
  'The Argument Left Unmended',
  'Three Letters, Two Burned',
  'Quarter-Turn',
  'The Colour of Weak Tea',
  'A Coat Too Wet',
  'Rationed Laughter',
  'Sideways Kindness',
  'Closer to the Fire',
  'One Evening Was Enough',
  'Under the Door',
  'The Hour the Bells Rang',
  'Something Left to Say',
];

const SUMMARIES = [
  '{A} and {B}, {place}, and one evening that refuses to end.',
  'Five times {A} almost said it, and one time {B} said it first.',
  'A study in patience, with {object}.',
  'Rain, a fire that will not draw, and a conversation put off for far too long.',
  '{B} keeps a list. {A} is on it, though not for the reasons {A} fears.',
];

const RATINGS: Rating[] = [
  'General Audiences',
  'Teen And Up Audiences',
  'General Audiences',
  'Mature',
  'Not Rated',
  'Teen And Up Audiences',
  'Explicit',
];
const FREEFORM_CHOICES = [
  'Fluff',
  'Angst with a Happy Ending',
  'Hurt/Comfort',
  'h/c',
  'Modern AU',
  'canon divergence au',
  'Found Family',
  'Letters',
  'Rainy Days',
  'Tea',
  'coffee shop au',
  'Friendship',
];

/** The items in an order the generator decides (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: ReturnType<typeof generator>): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.between(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function fill(template: string, names: { A: string; B: string; place: string; object: string }): string {
  return template.replace(/\{(A|B|place|object)\}/g, (_, key: keyof typeof names) => names[key]);
}

/** A first name for prose: "Jean Valjean" → "Valjean", "Elizabeth Bennet" → "Elizabeth". */
function proseName(character: string): string {
  const special: Record<string, string> = {
    'Jean Valjean': 'Valjean',
    'Sherlock Holmes': 'Holmes',
    'John Watson': 'Watson',
    'Fitzwilliam Darcy': 'Darcy',
  };
  return special[character] ?? character.split(' ')[0];
}

function categoryOf(relationship: string): string {
  if (relationship.includes(' & ')) return 'Gen';
  if (/Elizabeth|Jane Bennet|Cosette Fauchelevent\//.test(relationship)) return 'F/M';
  return 'M/M';
}

function dayBefore(days: number): string {
  return new Date(Date.UTC(2025, 5, 1) - days * 86_400_000).toISOString().slice(0, 10);
}

function fandomWorks(fandom: DemoFandom, fandomIndex: number, count: number): DemoWork[] {
  const random = generator(1847 + fandomIndex);
  const works: DemoWork[] = [];
  for (let i = 0; i < count; i++) {
    const relationship = fandom.relationships[i % fandom.relationships.length];
    const [first, second] = relationship.characters;
    // Now and then a writer types a synonym; wrangling files the work under the canonical anyway.
    const typedRelationship = relationship.synonyms && i % 3 === 1 ? relationship.synonyms[0] : relationship.name;
    const names = {
      A: proseName(first),
      B: proseName(second),
      place: random.pick(fandom.places),
      object: random.pick(fandom.objects),
    };
    const chapterCount = i % 4 === 3 ? random.between(2, 3) : 1;
    const expected = chapterCount === 1 ? 1 : i % 8 === 7 ? null : chapterCount + (i % 2);
    // Each paragraph once per work: the templates in a shuffled order, three to a chapter.
    const order = shuffled(PARAGRAPHS, random);
    const chapters = Array.from({ length: chapterCount }, (_, c) => ({
      title: chapterCount > 1 ? ['Evening', 'Night', 'Morning'][c] : '',
      body: order
        .slice(c * 3, c * 3 + 3)
        .map((paragraph) => `<p>${fill(paragraph, names)}</p>`)
        .join('\n'),
    }));
    const freeforms = [random.pick(FREEFORM_CHOICES), random.pick(FREEFORM_CHOICES)];
    if (i === 2) freeforms.push(DEMO_UNWRANGLED[fandomIndex % 2].name);
    works.push({
      author: 1 + ((i + fandomIndex) % 3),
      title: TITLES[fandomIndex * count + i],
      summary: fill(random.pick(SUMMARIES), names),
      rating: RATINGS[(i + fandomIndex) % RATINGS.length],
      warnings:
        i === 5 && fandomIndex === 0
          ? ['Major Character Death']
          : [i % 4 === 2 ? 'Creator Chose Not To Use Archive Warnings' : 'No Archive Warnings Apply'],
      categories: [categoryOf(relationship.name)],
      fandoms: [i % 5 === 4 && fandom.synonyms ? fandom.synonyms[0] : fandom.name],
      relationships: [typedRelationship],
      characters: [first, second],
      freeforms: [...new Set(freeforms)],
      languageCode: 'en',
      expectedChapters: expected,
      publishedOn: dayBefore(fandomIndex * 40 + i * 9),
      chapters,
    });
  }
  return works;
}

const CHINESE_WORK: DemoWork = {
  author: 4,
  title: '灯下',
  summary: '雨夜，一封信，和一盏迟迟不肯熄灭的灯。',
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['F/M'],
  fandoms: ['Pride and Prejudice - Jane Austen'],
  relationships: ['Elizabeth Bennet/Fitzwilliam Darcy'],
  characters: ['Elizabeth Bennet', 'Fitzwilliam Darcy'],
  freeforms: ['雨夜', 'Epistolary'],
  languageCode: 'zh',
  expectedChapters: 1,
  publishedOn: '2025-03-14',
  chapters: [
    {
      title: '',
      body: [
        '<p>雨下了一整夜。伊丽莎白坐在窗边读那封信，读到第三遍的时候，终于忍不住笑了出来。</p>',
        '<p>她把信折好，放进抽屉，又拿了出来。窗外的灯一盏一盏地灭了，只有她桌上的那一盏还亮着，像是在等一个迟到的回答。</p>',
        '<p>天快亮的时候，她提起笔，只写了一行字。剩下的话，她想，还是当面说比较好。</p>',
      ].join('\n'),
    },
  ],
};

const RUSSIAN_WORK: DemoWork = {
  author: 5,
  title: 'Туман над Темзой',
  summary: 'Утро, туман и разговор, который давно пора было начать.',
  rating: 'Teen And Up Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['Gen'],
  fandoms: ['Sherlock Holmes - Arthur Conan Doyle'],
  relationships: ['Holmes & Watson'],
  characters: ['Sherlock Holmes', 'John Watson'],
  freeforms: ['Friendship', 'Tea'],
  languageCode: 'ru',
  expectedChapters: 2,
  publishedOn: '2025-04-02',
  chapters: [
    {
      title: 'Утро',
      body: [
        '<p>Туман пришёл с реки ещё до рассвета. Уотсон стоял у окна и смотрел, как фонари на Бейкер-стрит один за другим исчезают в белой мгле.</p>',
        '<p>— Вы опять не спали, — сказал он, не оборачиваясь.</p>',
        '<p>— Спать, — ответил Холмс, — это роскошь для тех, кому нечего ждать. А я жду чаю.</p>',
      ].join('\n'),
    },
    {
      title: 'Чай',
      body: [
        '<p>Миссис Хадсон принесла чай ровно в восемь, как будто туман был не властен над её часами.</p>',
        '<p>Они пили молча. Молчание это было лёгким, привычным, и Уотсон подумал, что именно такие утра он будет вспоминать, когда забудет все громкие дела.</p>',
      ].join('\n'),
    },
  ],
};

/** An imported work whose file had no Fandom line: the archive finds its fandom through the wrangled relationship. */
const IMPORTED_WITHOUT_FANDOM: DemoWork = {
  author: 2,
  title: 'A Candle in the Window',
  summary: 'Imported from an old archive, where it had no fandom tag.',
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['Gen'],
  fandoms: [],
  relationships: ['Cosette Fauchelevent & Jean Valjean'],
  characters: ['Cosette', 'Valjean'],
  freeforms: ['Found Family'],
  languageCode: 'en',
  expectedChapters: 1,
  publishedOn: '2024-12-24',
  chapters: [
    {
      title: '',
      body: '<p>Every winter the old man set a candle in the window, and every winter the girl asked him why. “So that anyone walking late will know there is a warm room here,” he said at last, and she thought about that for a long time, and then fetched a second candle.</p>',
    },
  ],
};

export function demoWorks(): DemoWork[] {
  return [
    ...DEMO_FANDOMS.flatMap((fandom, index) => fandomWorks(fandom, index, 9)),
    CHINESE_WORK,
    RUSSIAN_WORK,
    IMPORTED_WITHOUT_FANDOM,
  ];
}
