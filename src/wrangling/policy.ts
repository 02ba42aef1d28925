/**
 * Who may wrangle: tag wranglers and admins wrangle tags; only admins
 * grant or revoke the wrangler role and assign fandoms to other people.
 * The rule lives with the other roles in src/roles/policy.ts.
 */
import { can, type Roles } from '../roles/policy.ts';

export function canWrangle(viewer: Roles | null): boolean {
  return can(viewer, 'wrangle');
}

export function canManageWranglers(viewer: Roles | null): boolean {
  return can(viewer, 'manage-wranglers');
}
