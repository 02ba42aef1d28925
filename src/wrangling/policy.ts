/**
 * Who may wrangle: tag wranglers and admins wrangle tags; only admins
 * grant or revoke the wrangler role and assign fandoms to other people.
 * Pure functions of the viewer, so routes and views ask the same question.
 */
import type { Viewer } from '../web/context.ts';

type Roles = Pick<Viewer, 'isAdmin' | 'isWrangler'>;

export function canWrangle(viewer: Roles | null): boolean {
  return !!viewer && (viewer.isWrangler || viewer.isAdmin);
}

export function canManageWranglers(viewer: Roles | null): boolean {
  return !!viewer && viewer.isAdmin;
}
