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
  /** Not yet confirmed its email address. */
  unconfirmed?: boolean;
}

/** `contribute`: post works, comment and bookmark — a member whose email address is confirmed. */
export type RoleAction = 'wrangle' | 'manage-wranglers' | 'contribute';

export function can(person: Roles | null, action: RoleAction): boolean {
  switch (action) {
    case 'wrangle':
      return !!person && (person.isWrangler || person.isAdmin);
    case 'manage-wranglers':
      return !!person && person.isAdmin;
    case 'contribute':
      return !!person && !person.unconfirmed;
  }
}
