/**
 * Who may block or mute whom: `can(viewer, 'block' | 'mute', user)`, pure.
 * Nobody blocks or mutes themselves. Anyone else may be muted, staff
 * included; staff (admins and moderators) may not be blocked, because a
 * block would stop them answering on their own works and comments — the way
 * the archive's official accounts reach people (AO3 refuses the same).
 */
import type { Viewer } from '../web/context.ts';
import type { BlockOrMute } from './queries.ts';

/** The facts about the person to block or mute that the rules read. */
export interface BlockTarget {
  id: number;
  is_admin: number;
  is_moderator: number;
}

export type Refusal = 'guest' | 'self' | 'staff';

/** Why `viewer` may not block or mute `user`, or null when they may. */
export function whyCannot(viewer: Pick<Viewer, 'id'> | null, action: BlockOrMute, user: BlockTarget): Refusal | null {
  if (!viewer) return 'guest';
  if (viewer.id === user.id) return 'self';
  if (action === 'block' && (user.is_admin || user.is_moderator)) return 'staff';
  return null;
}

export function can(viewer: Pick<Viewer, 'id'> | null, action: BlockOrMute, user: BlockTarget): boolean {
  return whyCannot(viewer, action, user) === null;
}
