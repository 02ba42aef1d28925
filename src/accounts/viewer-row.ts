/**
 * The users columns a Viewer is made of, and the Viewer made from them. A
 * browser session and an API token both act for a user; reading the roles
 * and preferences one way keeps a new role or preference from reaching the
 * site but not the API (or the other way round).
 */
import type { User } from './accounts.table.ts';
import type { Viewer } from '../web/context.ts';

/** Select these beside the session or token columns, with `users` joined. */
export const VIEWER_COLUMNS = [
  'users.id',
  'users.username',
  'users.is_admin',
  'users.is_wrangler',
  'users.is_moderator',
  'users.is_support',
  'users.suspended_until',
  'users.banned_at',
  'users.skip_adult_notice',
  'users.hide_warnings',
  'users.hide_freeform',
  'users.email_confirmed_at',
] as const;

type ViewerRow = Pick<
  User,
  | 'id'
  | 'username'
  | 'is_admin'
  | 'is_wrangler'
  | 'is_moderator'
  | 'is_support'
  | 'suspended_until'
  | 'banned_at'
  | 'skip_adult_notice'
  | 'hide_warnings'
  | 'hide_freeform'
  | 'email_confirmed_at'
>;

/** A banned account's sessions and tokens stop working at once: it is no viewer at all. */
export function isBannedRow(row: Pick<ViewerRow, 'banned_at'>): boolean {
  return row.banned_at !== null;
}

export function viewerOf(row: ViewerRow, sessionId: string): Viewer {
  return {
    id: row.id,
    username: row.username,
    isAdmin: row.is_admin === 1,
    isWrangler: row.is_wrangler === 1,
    isModerator: row.is_moderator === 1,
    isSupport: row.is_support === 1,
    suspendedUntil: row.suspended_until && row.suspended_until > new Date().toISOString() ? row.suspended_until : null,
    skipAdultNotice: row.skip_adult_notice === 1,
    hideWarnings: row.hide_warnings === 1,
    hideFreeform: row.hide_freeform === 1,
    sessionId,
    ...(row.email_confirmed_at === null ? { unconfirmed: true } : {}),
  };
}
