/**
 * The shape of a work as the post form, the import parser and the API hand
 * it to the saving commands: already validated, with tag names cleaned and
 * chapter bodies already turned into safe HTML.
 */
import type { CommentPermission, Relation } from './works.table.ts';
import type { Rating } from '../domain-facts.ts';

/** A work's tags by field, as names (warnings and categories from the fixed lists), in the order given. */
export interface WorkTagNames {
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
}

export interface WorkInput extends WorkTagNames {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  rating: Rating;
  languageCode: string;
  /** null: the expected total is unknown ("?"). */
  expectedChapters: number | null;
  isRestricted: boolean;
  commentPermission: CommentPermission;
  moderatedComments: boolean;
  /** A backdated publication date (YYYY-MM-DD), or null for the day it is posted. */
  publishedOn: string | null;
  /** The posting user's own pseuds: creators at once. */
  creatorPseudIds: number[];
  /** Other users' pseuds, invited as co-creators; they show once accepted. */
  coCreatorPseudIds: number[];
  /** Creator names from an import with no pseud here. */
  externalCreators: string[];
  series: SeriesInput[];
  related: RelatedWorkInput[];
  gifts: GiftInput[];
  /** The original Work ID of an imported work. */
  sourceRef: string | null;
}

export interface SeriesInput {
  seriesId?: number;
  newTitle?: string;
  /** Position in the series; the end when absent. */
  position?: number;
}

export interface RelatedWorkInput {
  relation: Relation;
  parentWorkId?: number;
  url?: string;
  title?: string;
  creator?: string;
}

export interface GiftInput {
  recipientPseudId?: number;
  recipientName: string;
}

export interface ChapterInput {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  /** Safe HTML (see body.ts). */
  body: string;
}

/** A WorkInput with every optional part empty, for callers that fill in only some fields. */
export function blankWorkInput(overrides: Partial<WorkInput> = {}): WorkInput {
  return {
    title: '',
    summary: '',
    notes: '',
    endNotes: '',
    rating: 'Not Rated',
    warnings: ['Creator Chose Not To Use Archive Warnings'],
    categories: [],
    fandoms: [],
    relationships: [],
    characters: [],
    freeforms: [],
    languageCode: 'en',
    expectedChapters: 1,
    isRestricted: false,
    commentPermission: 'registered',
    moderatedComments: false,
    publishedOn: null,
    creatorPseudIds: [],
    coCreatorPseudIds: [],
    externalCreators: [],
    series: [],
    related: [],
    gifts: [],
    sourceRef: null,
    ...overrides,
  };
}
