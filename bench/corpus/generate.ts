/**
 * A deterministic AO3-shaped corpus: the same `--works N --seed S` always
 * gives the same works, tags and wrangling. Shaped by published facts about
 * AO3's 2021 public data: 16.4 tags per work on average (median 14, mode 11,
 * at most 75 free-text tags); tag use heavily skewed (most distinct tags used
 * fewer than 5 times, a small head carrying most uses); distinct tags by kind
 * ≈ Additional 64%, Relationship 14%, Character 10%, Unsorted 10%, Fandom
 * 1.4%; languages ≈ English 90%, Chinese 4.6%, Russian 1.9%, then a tail;
 * 94% of works under 25,000 words; a rating, warnings and categories on every
 * work; complete works and works in progress. Text is invented syllables.
 */
import { CATEGORIES, RATINGS, WARNINGS } from '../../src/domain-facts.ts';
import type { TagKind } from '../../src/tags/tags.table.ts';
import { Draw, capitalized, inventedWord, seededRandom } from './random.ts';

export interface CorpusTag {
  name: string;
  kind: TagKind;
  isCanonical: boolean;
  /** Name of the canonical this tag is a synonym of. */
  synonymOf: string | null;
}

export interface CorpusLink {
  kind: 'meta' | 'parent';
  /** meta: sub tag; parent: child tag. */
  from: string;
  /** meta: meta tag; parent: fandom. */
  to: string;
}

export interface CorpusWork {
  /** 1-based position in the corpus. */
  key: number;
  title: string;
  summary: string;
  body: string;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  /** Additional tags and unsorted tags, as typed into the free-text field. */
  freeforms: string[];
  languageCode: string;
  /** 0-based index of the creating user. */
  creator: number;
  isDraft: boolean;
  isRestricted: boolean;
  isHidden: boolean;
  isAnonymous: boolean;
  postedChapters: number;
  expectedChapters: number | null;
  wordCount: number;
  publishedOn: string;
  updatedOn: string;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
}

/** One step of the corpus: a work, and the tags and links it brought into the archive. */
export interface CorpusStep {
  work: CorpusWork;
  newTags: CorpusTag[];
  newLinks: CorpusLink[];
}

const LANGUAGES: Array<[string, number]> = [
  ['en', 90], ['zh', 4.6], ['ru', 1.9], ['es', 0.9], ['fr', 0.6], ['de', 0.5], ['ja', 0.4], ['ko', 0.3],
  ['pt-BR', 0.3], ['it', 0.2], ['pl', 0.1], ['id', 0.1], ['vi', 0.1],
]; // prettier-ignore
const RATING_WEIGHTS: Array<[string, number]> = [
  ['General Audiences', 21], ['Teen And Up Audiences', 29], ['Mature', 16], ['Explicit', 23], ['Not Rated', 11],
]; // prettier-ignore
const WARNING_WEIGHTS: Array<[string, number]> = [
  [WARNINGS[1], 58], [WARNINGS[0], 27], [WARNINGS[2], 9], [WARNINGS[3], 4], [WARNINGS[4], 1.5], [WARNINGS[5], 0.5],
]; // prettier-ignore
const CATEGORY_WEIGHTS: Array<[string, number]> = [
  ['M/M', 45], ['F/M', 24], ['Gen', 19], ['F/F', 8], ['Multi', 3], ['Other', 1],
]; // prettier-ignore

/** Per tag kind: the chance a tag slot brings a new tag, how skewed re-use is, and how many are wrangled. */
const KINDS = {
  fandom: { mint: 0.026, skew: 5, canonical: 0.7 },
  relationship: { mint: 0.075, skew: 20, canonical: 0.35 },
  character: { mint: 0.024, skew: 20, canonical: 0.4 },
  freeform: { mint: 0.11, skew: 24, canonical: 0.12 },
  // Unsorted tags are one-off spellings nobody has sorted: mostly new when they occur at all.
  unsorted: { mint: 0.8, skew: 4.5, canonical: 0 },
} as const;
type MintedKind = keyof typeof KINDS;
const IN_FANDOM: ReadonlySet<MintedKind> = new Set(['relationship', 'character']);
/** The share of free-text tag slots that hold an unsorted tag. */
const UNSORTED_SLOT = 0.04;
/** The first tags of each kind are the popular, wrangled head. */
const CANONICAL_HEAD = 200;

const COMMON_WORDS = 4000;
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2009, 10, 14);
const LAST_DAY = Date.UTC(2021, 11, 31);

export class CorpusGenerator {
  private readonly draw: Draw;
  private readonly vocabulary = new Map<MintedKind, string[]>();
  private readonly canonicals = new Map<MintedKind, string[]>();
  private readonly metaFandoms: string[] = [];
  private readonly names = new Set<string>();
  /** Each fandom's relationships and characters, in the order they appeared. */
  private readonly casts = new Map<string, string[]>();
  private minted = 0;
  private key = 0;
  readonly users: number;

  constructor(
    readonly works: number,
    readonly seed: number,
  ) {
    this.draw = new Draw(seededRandom(seed));
    this.users = Math.max(3, Math.ceil(works / 6));
    for (const kind of Object.keys(KINDS) as MintedKind[]) {
      this.vocabulary.set(kind, []);
      this.canonicals.set(kind, []);
    }
  }

  /** The next work, or null after the last. */
  next(): CorpusStep | null {
    if (this.key >= this.works) return null;
    const key = ++this.key;
    const d = this.draw;
    const newTags: CorpusTag[] = [];
    const newLinks: CorpusLink[] = [];
    const take = (kind: MintedKind, count: number, context: string[]) => {
      const chosen = new Set<string>();
      // A work holds a tag once: a popular tag drawn twice is drawn again.
      for (let tries = 0; chosen.size < count && tries < count * 4; tries++) {
        chosen.add(this.tagFor(kind, newTags, newLinks, context));
      }
      return [...chosen];
    };

    // Tags per work: log-normal around a median of 14 (mean ≈ 16.4, mode ≈ 11), rating, warnings and categories included.
    const total = Math.max(4, Math.round(5 + d.logNormal(9, 0.69)));
    const warnings = [
      ...new Set([d.weighted(WARNING_WEIGHTS), ...(d.chance(0.15) ? [d.weighted(WARNING_WEIGHTS)] : [])]),
    ];
    const categories = [
      ...new Set([d.weighted(CATEGORY_WEIGHTS), ...(d.chance(0.12) ? [d.weighted(CATEGORY_WEIGHTS)] : [])]),
    ];
    const fandomCount = d.weighted([
      [1, 85],
      [2, 11],
      [3, 3],
      [4, 1],
    ] as const);
    const fandoms = take('fandom', fandomCount, []);
    const free = Math.max(0, total - 1 - warnings.length - categories.length - fandoms.length);
    const relationships = take('relationship', Math.round(free * 0.17 * d.random() * 2), fandoms);
    const characters = take('character', Math.round(free * 0.28 * d.random() * 2), fandoms);
    const freeCount = Math.min(75, Math.max(0, free - relationships.length - characters.length));
    const freeforms: string[] = [];
    const unsorted = Array.from({ length: freeCount }, () => d.chance(UNSORTED_SLOT)).filter(Boolean).length;
    freeforms.push(...take('freeform', freeCount - unsorted, fandoms), ...take('unsorted', unsorted, fandoms));

    const wordCount = Math.max(100, Math.round(d.logNormal(3000, 1.3)));
    const isMultiChapter = d.chance(0.38);
    const postedChapters = isMultiChapter ? Math.min(200, 2 + Math.floor(d.logNormal(4, 0.9))) : 1;
    const isComplete = !isMultiChapter || d.chance(0.55);
    const expectedChapters = isComplete ? postedChapters : d.chance(0.5) ? null : postedChapters + d.int(1, 20);
    const published = FIRST_DAY + Math.floor((d.random() ** 0.7 * (LAST_DAY - FIRST_DAY)) / DAY) * DAY;
    const updated = isMultiChapter ? Math.min(LAST_DAY, published + Math.floor(d.logNormal(60, 1.5)) * DAY) : published;
    const hits = Math.round(d.logNormal(900, 1.4) * Math.sqrt(wordCount / 3000));
    const kudos = Math.round(hits * d.logNormal(0.07, 0.5));

    return {
      work: {
        key,
        title: this.sentence(d.int(1, 4), true),
        summary: `<p>${this.sentence(d.int(8, 40), true)}.</p>`,
        body: `<p>${this.sentence(Math.min(wordCount, d.int(40, 120)), true)}.</p>`,
        rating: d.weighted(RATING_WEIGHTS),
        warnings,
        categories,
        fandoms,
        relationships,
        characters,
        freeforms: [...new Set(freeforms)],
        languageCode: d.weighted(LANGUAGES),
        creator: d.skewedIndex(this.users, 1.6),
        isDraft: d.chance(0.01),
        isRestricted: d.chance(0.05),
        isHidden: d.chance(0.001),
        isAnonymous: d.chance(0.01),
        postedChapters,
        expectedChapters,
        wordCount,
        publishedOn: new Date(published).toISOString().slice(0, 10),
        updatedOn: new Date(updated).toISOString().slice(0, 10),
        hits,
        kudos,
        comments: Math.round(kudos * d.logNormal(0.15, 0.8)),
        bookmarks: Math.round(kudos * d.logNormal(0.12, 0.6)),
      },
      newTags,
      newLinks,
    };
  }

  /** An existing tag of the kind (skewed towards the popular head), or a new one. */
  private tagFor(kind: MintedKind, newTags: CorpusTag[], newLinks: CorpusLink[], fandoms: string[]): string {
    const d = this.draw;
    // Relationships and characters belong to a fandom: most are drawn from the work's own fandom's cast.
    const local = IN_FANDOM.has(kind) && fandoms.length && d.chance(0.97) ? this.castOf(fandoms[0], kind) : null;
    const known = local ?? this.vocabulary.get(kind)!;
    if (known.length && !d.chance(KINDS[kind].mint)) {
      return known[d.skewedIndex(known.length, local ? 14 : KINDS[kind].skew)];
    }
    const name = this.mint(kind, newTags, newLinks, fandoms);
    if (IN_FANDOM.has(kind) && fandoms.length) this.castOf(fandoms[0], kind).push(name);
    return name;
  }

  private castOf(fandom: string, kind: MintedKind): string[] {
    const key = `${kind}\u0000${fandom}`;
    let cast = this.casts.get(key);
    if (!cast) this.casts.set(key, (cast = []));
    return cast;
  }

  private mint(kind: MintedKind, newTags: CorpusTag[], newLinks: CorpusLink[], fandoms: string[]): string {
    const d = this.draw;
    const known = this.vocabulary.get(kind)!;
    const canonicals = this.canonicals.get(kind)!;
    const name = this.uniqueName(kind);
    const isCanonical = kind !== 'unsorted' && (known.length < CANONICAL_HEAD || d.chance(KINDS[kind].canonical));
    // Some new spellings are synonyms of a popular canonical ("javert/valjean" for "Javert/Jean Valjean").
    const synonymOf =
      !isCanonical && kind !== 'unsorted' && canonicals.length && d.chance(0.25)
        ? canonicals[d.skewedIndex(canonicals.length, 3)]
        : null;
    newTags.push({ name, kind, isCanonical, synonymOf });
    known.push(name);
    if (isCanonical) {
      canonicals.push(name);
      if (kind === 'fandom' && d.chance(0.15)) {
        // A fandom family (a franchise meta tag), so multi-fandom works are not all crossovers.
        if (!this.metaFandoms.length || d.chance(0.1)) {
          const meta = `${this.uniqueName('fandom')} (Franchise)`;
          newTags.push({ name: meta, kind: 'fandom', isCanonical: true, synonymOf: null });
          this.metaFandoms.push(meta);
        }
        newLinks.push({ kind: 'meta', from: name, to: d.pick(this.metaFandoms) });
      }
      if (kind === 'freeform' && canonicals.length > 20 && d.chance(0.08)) {
        newLinks.push({ kind: 'meta', from: name, to: canonicals[d.skewedIndex(20, 1)] });
      }
      if ((kind === 'relationship' || kind === 'character') && fandoms.length) {
        newLinks.push({ kind: 'parent', from: name, to: fandoms[0] });
      }
    }
    return name;
  }

  private uniqueName(kind: MintedKind): string {
    for (;;) {
      const a = capitalized(inventedWord(this.minted++));
      const b = capitalized(inventedWord((this.minted * 7919) % 100_003));
      const name =
        kind === 'fandom' ? `${a} ${b} Chronicles`
        : kind === 'relationship' ? `${a}/${b}`
        : kind === 'character' ? `${a} ${b}`
        : kind === 'unsorted' ? `${a.toLowerCase()} ${b.toLowerCase()} feels`
        : `${a} ${b.toLowerCase()}`; // prettier-ignore
      if (!this.names.has(name.toLowerCase())) {
        this.names.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** Invented words, common ones often (so searches for two words find something), rare ones sometimes. */
  sentence(words: number, capital: boolean): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(inventedWord(this.draw.skewedIndex(COMMON_WORDS, 2.2) + 32));
    if (capital && out.length) out[0] = capitalized(out[0]);
    return out.join(' ');
  }
}

export { RATINGS, WARNINGS, CATEGORIES };
