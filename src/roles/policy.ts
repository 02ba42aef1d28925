/**
 * What each role may do across the archive: `can(person, action)`, pure.
 * Wranglers and admins wrangle tags; only admins grant roles. The page
 * layout asks here as well as the wrangling routes, so this module imports
 * nothing: every folder may depend on it.
 */

/** The roles a person holds (a Viewer has these). */
export interface Roles {
  isAdmin: boolean;
  isWrangler: boolean;
  isModerator?: boolean;
}

export type RoleAction = 'wrangle' | 'manage-wranglers' | 'manage-settings';

export function can(person: Roles | null, action: RoleAction): boolean {
  switch (action) {
    case 'wrangle':
      return !!person && (person.isWrangler || person.isAdmin);
    case 'manage-wranglers':
      return !!person && person.isAdmin;
    // The archive's settings, invitations, refused addresses, the banner and news posts.
    case 'manage-settings':
      return !!person && person.isAdmin;
  }
}

/**
 * Whether this person must have two-factor sign-in on before the admin area opens to them: admins and
 * moderators (src/accounts/two-factor/admin-gate.tsx asks it, and the admin pages ask that gate).
 */
export function requiresTwoFactor(person: Roles | null): boolean {
  return !!person && (person.isAdmin || !!person.isModerator);
}
