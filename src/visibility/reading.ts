/**
 * Reading one work: who may open it, and which of its chapters they see.
 * The listing rule (work-states.ts) with the exceptions a single work's
 * pages make: creators read their own drafts and hidden works, moderators
 * read hidden and held works, a guest meets a restricted work's log-in prompt
 * instead of nothing. The work page, the API, downloads, OPDS and the
 * edit gates all ask here.
 */
import type { Viewer } from '../web/context.ts';
import type { WorkState } from './work-states.ts';

/** What the rules need to know about one work (see `findWorkAccess`). */
export interface WorkAccess {
  id: number;
  status: 'draft' | 'posted';
  isRestricted: boolean;
  isHidden: boolean;
  /** Every state the work is in (`statesOf` its row). */
  states: WorkState[];
  /** Users with an accepted creatorship, plus the importer of an imported work. */
  creatorUserIds: number[];
  /**
   * The maintainers of the collections that make the work anonymous or unrevealed: like its creators, they see
   * who wrote it and what it is before the reveal. Empty for a work in neither state.
   */
  insiderUserIds?: number[];
  /** The titles of the unrevealed collections the work is in, for its Mystery Work page. */
  mysteryCollections?: string[];
}

export function isCreator(viewer: Viewer | null, work: Pick<WorkAccess, 'creatorUserIds'>): boolean {
  return !!viewer && work.creatorUserIds.includes(viewer.id);
}

/** Skips the adult content notice: the reader chose so, already confirmed this session, or wrote it. */
export function skipsAdultNotice(
  viewer: Viewer | null,
  work: Pick<WorkAccess, 'creatorUserIds'>,
  confirmedThisSession: boolean,
): boolean {
  return confirmedThisSession || !!viewer?.skipAdultNotice || isCreator(viewer, work);
}

export function isStaff(viewer: Viewer | null): boolean {
  return !!viewer && (viewer.isAdmin || viewer.isModerator);
}

/** Its creators and the maintainers of the collection that conceals it: who sees an anonymous or unrevealed work whole. */
export function seesConcealed(viewer: Viewer | null, work: Pick<WorkAccess, 'creatorUserIds' | 'insiderUserIds'>) {
  return isCreator(viewer, work) || (!!viewer && (work.insiderUserIds ?? []).includes(viewer.id));
}

/** Whether this viewer is shown "Anonymous" for the work's creators. */
export function hidesCreatorsFrom(viewer: Viewer | null, work: WorkAccess): boolean {
  return work.states.some((s) => s === 'anonymous' || s === 'unrevealed') && !seesConcealed(viewer, work);
}

/** Why a viewer may not read a work, or null when they may. `unrevealed`: a Mystery Work until its reveal. */
export type ReadRefusal = 'not_found' | 'log_in' | 'hidden' | 'unrevealed';

export function whyCannotReadWork(viewer: Viewer | null, work: WorkAccess): ReadRefusal | null {
  const is = (state: WorkState) => work.states.includes(state);
  // A deleted work waits for its purge, kept for reports and the audit log: to readers it is gone.
  if (is('deleted')) return 'not_found';
  if (isCreator(viewer, work)) return null;
  // Drafts exist only for their creators: to everyone else they are simply not there.
  if (is('draft')) return 'not_found';
  if (is('hidden')) return isStaff(viewer) ? null : 'hidden';
  // A held work has not gone public yet: moderators review it, everyone else finds nothing there.
  if (is('held')) return isStaff(viewer) ? null : 'not_found';
  if (is('restricted') && !viewer) return 'log_in';
  if (is('unrevealed') && !seesConcealed(viewer, work)) return 'unrevealed';
  return null;
}

/**
 * Whether the viewer may learn that the work exists; when not, every page of it, the edit pages
 * included, answers 404 rather than "not yours". Admins know of drafts, so that they can delete them.
 */
export function knowsWorkExists(viewer: Viewer | null, work: WorkAccess): boolean {
  if (work.states.includes('deleted')) return false;
  return whyCannotReadWork(viewer, work) !== 'not_found' || !!viewer?.isAdmin;
}

/**
 * Drafts are still being written: there is nothing to download, even for their creators; nor is there in a
 * news post's work, which only holds the post's comments.
 */
export function hasDownloads(work: Pick<WorkAccess, 'states'>): boolean {
  return !work.states.includes('draft') && !work.states.includes('deleted') && !work.states.includes('news');
}

/** Why a viewer may not download a work, or null when they may: reading's rule, and only works with downloads. */
export function whyCannotDownloadWork(viewer: Viewer | null, work: WorkAccess): ReadRefusal | null {
  return hasDownloads(work) ? whyCannotReadWork(viewer, work) : 'not_found';
}

/** The chapters this viewer may read, numbered as they read them: draft chapters only for the creators. */
export function readableChapters<Chapter extends { isPosted: boolean }>(
  chapters: readonly Chapter[],
  viewer: Viewer | null,
  work: Pick<WorkAccess, 'creatorUserIds'>,
): Array<Chapter & { number: number }> {
  const creator = isCreator(viewer, work);
  return chapters.filter((ch) => ch.isPosted || creator).map((ch, i) => ({ ...ch, number: i + 1 }));
}
