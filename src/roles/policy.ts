/**
 * What each role may do across the archive: `can(person, action)`, pure.
 * Wranglers and admins wrangle tags; only admins grant roles. Moderators
 * review reports and act on works, comments, bookmarks and users; support
 * reads reports and user details but cannot act. A suspended person may read
 * and log in but not write. The page layout asks here as well as every admin
 * route, so this module imports nothing: every folder may depend on it.
 */

/** The roles a person holds (a Viewer has these). */
export interface Roles {
  isAdmin: boolean;
  isWrangler: boolean;
  isModerator?: boolean;
  isSupport?: boolean;
  /** Until when (ISO time) the person is suspended; null or absent when they are not. */
  suspendedUntil?: string | null;
  /** Not yet confirmed its email address. */
  unconfirmed?: boolean;
}

export type RoleAction =
  | 'wrangle'
  | 'manage-wranglers'
  /** Open /admin and see what waits there. */
  | 'enter-admin'
  /** Read the report queue, the held items and a user's details and notes. */
  | 'read-reports'
  /** Act: resolve reports, hide, delete, suspend, ban, write notes and warnings. */
  | 'moderate'
  /** Read the audit log. */
  | 'read-audit-log'
  | 'grant-roles'
  /** The archive's settings, invitations, refused addresses, the banner and news posts. */
  | 'manage-settings'
  /** Delete someone else's account (the admin area's user page, as `quire user delete` does). */
  | 'delete-accounts'
  /** Post, comment, bookmark, give kudos, invite: what a suspension takes away. */
  | 'write'
  /** Post works, comment and bookmark: a member whose email address is confirmed. */
  | 'contribute';

export function can(person: Roles | null, action: RoleAction): boolean {
  if (!person) return false;
  const isModerator = person.isAdmin || !!person.isModerator;
  switch (action) {
    case 'wrangle':
      return person.isWrangler || person.isAdmin;
    case 'manage-wranglers':
    case 'grant-roles':
    case 'manage-settings':
    case 'delete-accounts':
      return person.isAdmin;
    case 'enter-admin':
    case 'read-reports':
      return isModerator || !!person.isSupport;
    case 'moderate':
    case 'read-audit-log':
      return isModerator;
    case 'write':
      return !isSuspended(person);
    case 'contribute':
      return !person.unconfirmed;
  }
}

/** Whether a suspension is in force now. */
export function isSuspended(person: Pick<Roles, 'suspendedUntil'>, now = new Date()): boolean {
  return !!person.suspendedUntil && person.suspendedUntil > now.toISOString();
}

/**
 * Whether this person must have two-factor sign-in on before the admin area opens to them: admins and
 * moderators (src/accounts/two-factor/admin-gate.tsx asks it, and the admin pages ask that gate).
 */
export function requiresTwoFactor(person: Roles | null): boolean {
  return !!person && (person.isAdmin || !!person.isModerator);
}
