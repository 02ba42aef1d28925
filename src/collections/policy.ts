/**
 * Who may do what with a collection, pure: its owners and moderators
 * (maintainers) run it, admins too, and only owners name its people;
 * members may post to it when it is
 * closed or members only; any member of the archive may make one.
 */
import type { Viewer } from '../web/context.ts';
import type { Collection, ParticipantRole } from './collections.table.ts';

export function isMaintainerRole(role: ParticipantRole | null): boolean {
  return role === 'owner' || role === 'moderator';
}

/** Maintains the collection: approves, rejects, invites, reveals, edits it. */
export function canMaintain(viewer: Viewer | null, role: ParticipantRole | null): boolean {
  return !!viewer && (isMaintainerRole(role) || viewer.isAdmin);
}

/** May put a work into the collection (the work's creatorship is checked by the route). */
export function canPostTo(
  viewer: Viewer | null,
  collection: Pick<Collection, 'is_closed' | 'is_members_only'>,
  role: ParticipantRole | null,
): boolean {
  if (!viewer) return false;
  if (collection.is_closed === 0 && collection.is_members_only === 0) return true;
  return role !== null || viewer.isAdmin;
}

/** Names and removes its members, moderators and owners: its owners (and admins), not its moderators. */
export function canManagePeople(viewer: Viewer | null, role: ParticipantRole | null): boolean {
  return !!viewer && (role === 'owner' || viewer.isAdmin);
}

export function canCreateCollection(viewer: Viewer | null): boolean {
  return !!viewer;
}
