/**
 * The fixed vocabulary (docs/DOMAIN.md, Works): ratings, archive warnings, categories,
 * relations between works and comment permissions. Seeded as canonical tags
 * by migration 0002 and used by forms, validation and the import parser.
 */
export const RATINGS = ['Not Rated', 'General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'] as const;
export type Rating = (typeof RATINGS)[number];

/** Ratings that show the adult content notice before the work. */
export const ADULT_RATINGS: readonly Rating[] = ['Mature', 'Explicit', 'Not Rated'];

export const WARNINGS = [
  'Creator Chose Not To Use Archive Warnings',
  'No Archive Warnings Apply',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
] as const;

export const CATEGORIES = ['F/F', 'F/M', 'Gen', 'M/M', 'Multi', 'Other'] as const;

export const RELATIONS = {
  inspired_by: 'Inspired by',
  remix: 'A remix of',
  translation: 'A translation of',
  sequel: 'A sequel to',
} as const;

export const COMMENT_PERMISSIONS = {
  everyone: 'Registered users and guests can comment',
  registered: 'Only registered users can comment',
  none: 'No one can comment',
} as const;

export const LIMITS = {
  titleMax: 255,
  summaryMax: 1250,
  notesMax: 5000,
  freeTextTagsMax: 75,
  chapterBodyMax: 500_000,
  tagNameMax: 150,
  /** Creators of one work: the poster's pseuds and co-creators, or an imported file's authors. */
  creatorsMax: 20,
  /** Gift recipients a form or file may name for one work. */
  giftRecipientsMax: 20,
  /** A creator or gift recipient named as text (no account here). */
  personNameMax: 100,
  /** Series one imported work may join. */
  seriesPerWorkMax: 20,
  /** An imported work's original Work ID (its source reference). */
  sourceRefMax: 100,
  expectedChaptersMax: 100_000,
} as const;

/** Languages offered on a new archive; admins may add more rows to `languages`. */
export const LANGUAGES: ReadonlyArray<[code: string, name: string]> = [
  ['en', 'English'],
  ['zh', '中文-普通话 國語'],
  ['ru', 'Русский'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['pt-BR', 'Português brasileiro'],
  ['it', 'Italiano'],
  ['pl', 'Polski'],
  ['nl', 'Nederlands'],
  ['uk', 'Українська'],
  ['vi', 'Tiếng Việt'],
  ['th', 'ไทย'],
  ['id', 'Bahasa Indonesia'],
  ['tr', 'Türkçe'],
  ['sv', 'Svenska'],
  ['fi', 'Suomi'],
  ['cs', 'Čeština'],
  ['el', 'Ελληνικά'],
  ['he', 'עברית'],
  ['ar', 'العربية'],
  ['la', 'Lingua latina'],
];
