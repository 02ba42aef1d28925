/**
 * The demo archive's wrangled vocabulary: three public-domain book fandoms
 * with their canonical characters and relationships, some synonyms fans
 * really type, and a small meta-tag tree of additional tags. Plain data;
 * load-demo.ts wrangles it through the real wrangling commands.
 */
import type { TagKind } from '../tags/tags.table.ts';

export interface DemoTag {
  name: string;
  synonyms?: string[];
}

export interface DemoRelationship extends DemoTag {
  /** Character names (canonical) the relationship is attached to. */
  characters: string[];
}

export interface DemoFandom extends DemoTag {
  characters: DemoTag[];
  relationships: DemoRelationship[];
  /** Places and objects the work templates draw on. */
  places: string[];
  objects: string[];
}

export const DEMO_MEDIA = 'Books & Literature';

export const DEMO_FANDOMS: DemoFandom[] = [
  {
    name: 'Les Misérables - Victor Hugo',
    synonyms: ['Les Mis', 'Les Miserables'],
    characters: [
      { name: 'Jean Valjean', synonyms: ['Valjean'] },
      { name: 'Javert' },
      { name: 'Cosette Fauchelevent', synonyms: ['Cosette'] },
      { name: 'Marius Pontmercy' },
      { name: 'Éponine Thénardier', synonyms: ['Eponine'] },
      { name: 'Enjolras' },
      { name: 'Grantaire' },
      { name: 'Fantine' },
    ],
    relationships: [
      {
        name: 'Javert/Jean Valjean',
        synonyms: ['Valjean/Javert', 'javert x valjean'],
        characters: ['Javert', 'Jean Valjean'],
      },
      { name: 'Enjolras/Grantaire', synonyms: ['E/R'], characters: ['Enjolras', 'Grantaire'] },
      {
        name: 'Cosette Fauchelevent/Marius Pontmercy',
        synonyms: ['Cosette/Marius'],
        characters: ['Cosette Fauchelevent', 'Marius Pontmercy'],
      },
      { name: 'Cosette Fauchelevent & Jean Valjean', characters: ['Cosette Fauchelevent', 'Jean Valjean'] },
    ],
    places: [
      'the garden on the rue Plumet',
      'the back room of the Café Musain',
      'a convent lane at dusk',
      'the Seine embankment',
    ],
    objects: ['a pair of silver candlesticks', 'a tricolour ribbon', 'a borrowed lantern', 'a folded letter'],
  },
  {
    name: 'Sherlock Holmes - Arthur Conan Doyle',
    synonyms: ['Sherlock Holmes (ACD)', 'ACD Holmes'],
    characters: [
      { name: 'Sherlock Holmes', synonyms: ['Holmes'] },
      { name: 'John Watson', synonyms: ['Dr. Watson'] },
      { name: 'Mrs. Hudson' },
      { name: 'Mycroft Holmes' },
      { name: 'Irene Adler' },
    ],
    relationships: [
      {
        name: 'Sherlock Holmes/John Watson',
        synonyms: ['Holmes/Watson'],
        characters: ['Sherlock Holmes', 'John Watson'],
      },
      {
        name: 'Sherlock Holmes & John Watson',
        synonyms: ['Holmes & Watson'],
        characters: ['Sherlock Holmes', 'John Watson'],
      },
      { name: 'Mrs. Hudson & Sherlock Holmes', characters: ['Mrs. Hudson', 'Sherlock Holmes'] },
    ],
    places: [
      'the sitting room at Baker Street',
      'a fogbound stair down to the Thames',
      'a railway carriage bound for Devon',
      'the Strangers’ Room of a quiet club',
    ],
    objects: [
      'a violin with a loose peg',
      'an unopened telegram',
      'a jar of pipe tobacco kept in a slipper',
      'a magnifying lens',
    ],
  },
  {
    name: 'Pride and Prejudice - Jane Austen',
    synonyms: ['P&P', 'Pride & Prejudice'],
    characters: [
      { name: 'Elizabeth Bennet', synonyms: ['Lizzy Bennet'] },
      { name: 'Fitzwilliam Darcy', synonyms: ['Mr. Darcy'] },
      { name: 'Jane Bennet' },
      { name: 'Charles Bingley' },
      { name: 'Charlotte Lucas' },
    ],
    relationships: [
      {
        name: 'Elizabeth Bennet/Fitzwilliam Darcy',
        synonyms: ['Darcy/Elizabeth', 'Lizzy/Darcy'],
        characters: ['Elizabeth Bennet', 'Fitzwilliam Darcy'],
      },
      {
        name: 'Charles Bingley/Jane Bennet',
        synonyms: ['Jane/Bingley'],
        characters: ['Charles Bingley', 'Jane Bennet'],
      },
      { name: 'Charlotte Lucas & Elizabeth Bennet', characters: ['Charlotte Lucas', 'Elizabeth Bennet'] },
    ],
    places: [
      'the Netherfield drawing room',
      'the muddy lane to Meryton',
      'the long gallery at Pemberley',
      'the parsonage at Hunsford',
    ],
    objects: [
      'a letter written in a close hand',
      'a muddied petticoat hem',
      'a pianoforte left open',
      'a book of sermons no one reads',
    ],
  },
];

export interface DemoFreeform extends DemoTag {
  /** The canonical meta tag above it, if any. */
  meta?: string;
}

/** Additional tags: metas first, so subs can be put under them. */
export const DEMO_FREEFORMS: DemoFreeform[] = [
  { name: 'Alternate Universe', synonyms: ['AU'] },
  { name: 'Alternate Universe - Canon Divergence', synonyms: ['canon divergence au'], meta: 'Alternate Universe' },
  { name: 'Alternate Universe - Modern Setting', synonyms: ['Modern AU'], meta: 'Alternate Universe' },
  { name: 'Alternate Universe - Coffee Shops & Cafés', synonyms: ['coffee shop au'], meta: 'Alternate Universe' },
  { name: 'Angst' },
  { name: 'Angst with a Happy Ending', meta: 'Angst' },
  { name: 'Hurt/Comfort', synonyms: ['h/c'] },
  { name: 'Fluff' },
  { name: 'Friendship' },
  { name: 'Found Family' },
  { name: 'Epistolary', synonyms: ['Letters'] },
  { name: 'Rainy Days' },
  { name: 'Tea' },
];

/** Tags the demo works use that nobody has wrangled yet, so the wrangling bins have something in them. */
export const DEMO_UNWRANGLED: Array<{ name: string; kind: TagKind }> = [
  { name: 'the barricade but everyone lives', kind: 'freeform' },
  { name: 'tea solves most things', kind: 'freeform' },
  { name: 'Inspector Javert', kind: 'character' },
  { name: 'holmes/watson/a very tired landlady', kind: 'relationship' },
  { name: '雨夜', kind: 'freeform' },
  { name: 'Meryton Assembly Rooms', kind: 'unsorted' },
];
