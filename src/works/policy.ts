/**
 * What a viewer may do with a work: `can(viewer, action, work)`, pure, the
 * one place these rules live. Who may read a work (drafts, hidden,
 * restricted, deleted) is the visibility module's; this adds changing and
 * deleting it and the adult content notice.
 */
import { isCreator, whyCannotReadWork, type WorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';

export { isCreator, whyCannotReadWork, type ReadRefusal, type WorkAccess } from '../visibility/index.ts';

export type WorkAction = 'read' | 'edit' | 'delete';

export function can(viewer: Viewer | null, action: WorkAction, work: WorkAccess): boolean {
  switch (action) {
    case 'read':
      return whyCannotReadWork(viewer, work) === null;
    case 'edit':
      return isCreator(viewer, work);
    case 'delete':
      return isCreator(viewer, work) || !!viewer?.isAdmin;
  }
}

export function canEditWork(viewer: Viewer | null, work: WorkAccess): boolean {
  return can(viewer, 'edit', work);
}

export function canDeleteWork(viewer: Viewer | null, work: WorkAccess): boolean {
  return can(viewer, 'delete', work);
}

export { skipsAdultNotice } from '../visibility/index.ts';
