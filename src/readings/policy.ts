/**
 * Who may do what with readings, pure. A member's history, marked-for-later
 * list and statuses are theirs alone: anyone else (and a guest) is refused.
 * A member keeps a reading of a work — a visit, a mark, a status — only when
 * they may read it and the archive's listings show it to them (no drafts,
 * no hidden works: a reading list names what it holds).
 */
import type { Viewer } from '../web/context.ts';
import { isListedWithStates, listingAudience, whyCannotReadWork, type WorkAccess } from '../visibility/index.ts';

export type ReadingsAction = 'see-readings' | 'keep-reading';

export function can(viewer: Viewer | null, action: 'see-readings', owner: { id: number }): boolean;
export function can(viewer: Viewer | null, action: 'keep-reading', access: WorkAccess): boolean;
export function can(viewer: Viewer | null, action: ReadingsAction, resource: unknown): boolean {
  if (!viewer) return false;
  switch (action) {
    case 'see-readings':
      // What someone read, and what they thought of it, is theirs to know.
      return viewer.id === (resource as { id: number }).id;
    case 'keep-reading': {
      const access = resource as WorkAccess;
      return whyCannotReadWork(viewer, access) === null && isListedWithStates(listingAudience(viewer), access.states);
    }
  }
}
