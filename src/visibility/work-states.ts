/**
 * Who sees which works: the one definition. A work is in zero or more
 * states that keep it from readers — a draft, deleted (kept 30 days for
 * reports and the audit log), hidden by a moderator, restricted to
 * logged-in readers, held for review (a young account's spam-like work),
 * anonymous or unrevealed in a collection. Each state
 * is defined once here, with the column that records it and its bit in the
 * in-memory listing index; an audience (who is looking, and on which page)
 * says which states it may not see. From that one table come the per-row
 * answer (`isListedFor`), the in-memory index's bits (`stateBitsOf`,
 * `hiddenStateBits`) and the SQL predicate (`listedWorks` in queries.ts),
 * so listings, counts, facets, search, feeds, OPDS, the API and downloads
 * cannot disagree. Reading one work (its page) adds the creator's and the
 * moderators' exceptions in reading.ts.
 */
import type { Viewer } from '../web/context.ts';

/** The columns of `works` that visibility reads, as a row holds them. */
export interface WorkStateRow {
  status: string;
  is_hidden: number;
  is_held: number;
  is_restricted: number;
  is_anonymous: number;
  is_unrevealed: number;
  deleted_at: string | null;
}

/**
 * Every state that keeps a work from some readers: the column and the value a work NOT in that state
 * has, and the state's bit in the in-memory index (bits 1, 64 and 128 belong to the index itself).
 */
export const WORK_STATES = {
  draft: { column: 'status', clearValue: 'posted', bit: 2 },
  deleted: { column: 'deleted_at', clearValue: null, bit: 256 },
  hidden: { column: 'is_hidden', clearValue: 0, bit: 4 },
  held: { column: 'is_held', clearValue: 0, bit: 512 },
  restricted: { column: 'is_restricted', clearValue: 0, bit: 8 },
  anonymous: { column: 'is_anonymous', clearValue: 0, bit: 16 },
  unrevealed: { column: 'is_unrevealed', clearValue: 0, bit: 32 },
} as const satisfies Record<string, { column: keyof WorkStateRow; clearValue: string | number | null; bit: number }>;

export type WorkState = keyof typeof WORK_STATES;
const ALL_STATES = Object.keys(WORK_STATES) as WorkState[];

/**
 * Who is looking at a listing, count, feed or notice. Built only by the functions below, so a
 * page never decides for itself what its readers may see.
 */
export interface WorkAudience {
  /** Logged in (a session, an API token, an app password): restricted works are theirs to see. */
  includeRestricted: boolean;
  /** A creator on their own works page: works a moderator hid are listed too, marked as such. */
  includeHidden?: boolean;
  /** A creator's page seen by anyone else: anonymous and unrevealed works would give the creator away. */
  excludeAnonymous?: boolean;
  /**
   * Unrevealed works are listed: a creator on their own pages, a collection's maintainers on its pages. For
   * everyone else an unrevealed work is a Mystery Work — no title, tags or text in any listing, count or feed.
   */
  includeUnrevealed?: boolean;
}

/** Everyone, logged in or not, on listings that are not one creator's: the archive's own listings, tags, search. */
export function listingAudience(viewer: Viewer | null): WorkAudience {
  return { includeRestricted: !!viewer };
}

/** What a guest sees: public feeds, the notices whose readers we cannot know. */
export const GUEST_AUDIENCE: WorkAudience = Object.freeze({ includeRestricted: false });

/** Any logged-in reader: what the archive's operator counts from the command line. */
export const MEMBER_AUDIENCE: WorkAudience = Object.freeze({ includeRestricted: true });

/** A creator's own pages (works, pseuds, gifts…), seen by the creator themself or by someone else. */
export function creatorPageAudience(viewer: Viewer | null, creatorUserId: number): WorkAudience {
  const isOwner = viewer?.id === creatorUserId;
  return {
    includeRestricted: !!viewer,
    includeHidden: isOwner,
    excludeAnonymous: !isOwner,
    includeUnrevealed: isOwner,
  };
}

/** A collection's maintainers on its own pages: its unrevealed works are theirs to see. */
export function maintainerAudience(viewer: Viewer | null): WorkAudience {
  return { includeRestricted: !!viewer, includeUnrevealed: true };
}

/**
 * The same audience on a page that names creators beside its works — a series page, a series' "next work":
 * a work whose creators are concealed (anonymous, unrevealed) would give them away, so it is left out.
 */
export function withCreatorsNamed(audience: WorkAudience): WorkAudience {
  return { ...audienceOf(audience), excludeAnonymous: true };
}

/** Only the audience of a filter or scope that carries one. */
export function audienceOf(from: WorkAudience): WorkAudience {
  return {
    includeRestricted: from.includeRestricted,
    includeHidden: from.includeHidden,
    excludeAnonymous: from.excludeAnonymous,
    includeUnrevealed: from.includeUnrevealed,
  };
}

/** The states this audience may not see: a work in any of them is left out. */
export function statesHiddenFrom(audience: WorkAudience): WorkState[] {
  const states: WorkState[] = ['draft', 'deleted'];
  if (!audience.includeHidden) states.push('hidden');
  // A held work waits for a moderator: only its creators (their own pages, its page) see it, like a hidden one.
  if (!audience.includeHidden) states.push('held');
  if (!audience.includeRestricted) states.push('restricted');
  if (audience.excludeAnonymous) states.push('anonymous');
  if (audience.excludeAnonymous || !audience.includeUnrevealed) states.push('unrevealed');
  return states;
}

export function isInState<S extends WorkState>(
  row: Pick<WorkStateRow, (typeof WORK_STATES)[S]['column']>,
  state: S,
): boolean {
  const { column, clearValue } = WORK_STATES[state];
  const value = (row as WorkStateRow)[column]; // the state's own column, which the type above requires
  // SQLite hands flags back as numbers, PostgreSQL too (integer columns); a missing deleted_at is null or undefined.
  return clearValue === null ? value != null : value !== clearValue;
}

/** The states a work is in. */
export function statesOf(row: WorkStateRow): WorkState[] {
  return ALL_STATES.filter((state) => isInState(row, state));
}

/** Whether this audience's listings, counts and feeds may show the work. */
export function isListedFor(audience: WorkAudience, row: WorkStateRow): boolean {
  return statesHiddenFrom(audience).every((state) => !isInState(row, state));
}

/** The same, for a work whose states are known (`WorkAccess.states`). */
export function isListedWithStates(audience: WorkAudience, states: readonly WorkState[]): boolean {
  return statesHiddenFrom(audience).every((state) => !states.includes(state));
}

/** The states that conceal who wrote a work (the work itself may still be listed). */
export const CONCEALING_STATES: readonly WorkState[] = ['anonymous', 'unrevealed'];

/** Whether the work's creators are hidden from readers: it must not be found, or left out, by its creator's name. */
export function concealsCreators(row: Pick<WorkStateRow, 'is_anonymous' | 'is_unrevealed'>): boolean {
  // Only the concealing states' own columns are read.
  return CONCEALING_STATES.some((state) => isInState(row as WorkStateRow, state));
}

/** The in-memory index's bits for the states a work is in. */
export function stateBitsOf(row: WorkStateRow): number {
  let bits = 0;
  for (const state of ALL_STATES) if (isInState(row, state)) bits |= WORK_STATES[state].bit;
  return bits;
}

/** Bits no work this audience may see carries. */
export function hiddenStateBits(audience: WorkAudience): number {
  let bits = 0;
  for (const state of statesHiddenFrom(audience)) bits |= WORK_STATES[state].bit;
  return bits;
}
