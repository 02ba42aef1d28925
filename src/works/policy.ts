/**
 * Who may do what with a work: pure functions over the viewer and the
 * work's access facts, the one place these rules live. Routes, listings,
 * downloads and the API all ask here.
 */
import type { Viewer } from '../web/context.ts';

/** What the policies need to know about a work (see `findWorkAccess`). */
export interface WorkAccess {
  id: number;
  status: 'draft' | 'posted';
  isRestricted: boolean;
  isHidden: boolean;
  /** Users with an accepted creatorship, plus the importer of an imported work. */
  creatorUserIds: number[];
}

export function isCreator(viewer: Viewer | null, work: WorkAccess): boolean {
  return !!viewer && work.creatorUserIds.includes(viewer.id);
}

/** Why a viewer may not read a work, or null when they may. */
export type ReadRefusal = 'not_found' | 'log_in' | 'hidden';

export function whyCannotReadWork(viewer: Viewer | null, work: WorkAccess): ReadRefusal | null {
  if (isCreator(viewer, work)) return null;
  // Drafts exist only for their creators: to everyone else they are simply not there.
  if (work.status !== 'posted') return 'not_found';
  if (work.isHidden) return viewer?.isAdmin || viewer?.isModerator ? null : 'hidden';
  if (work.isRestricted && !viewer) return 'log_in';
  return null;
}

export function canEditWork(viewer: Viewer | null, work: WorkAccess): boolean {
  return isCreator(viewer, work);
}

export function canDeleteWork(viewer: Viewer | null, work: WorkAccess): boolean {
  return isCreator(viewer, work) || !!viewer?.isAdmin;
}

/** Skips the adult content notice: the reader chose so, already confirmed this session, or wrote it. */
export function skipsAdultNotice(viewer: Viewer | null, work: WorkAccess, confirmedThisSession: boolean): boolean {
  return confirmedThisSession || !!viewer?.skipAdultNotice || isCreator(viewer, work);
}
