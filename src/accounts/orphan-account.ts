/**
 * The archive's orphan account (made by migration 0037): orphaned works are
 * credited to it. It cannot log in — its password hash is no argon2 hash —
 * and it is no member: it does not count towards "is the archive empty?".
 */
export const ORPHAN_USERNAME = 'orphan_account';

export function isOrphanAccount(user: { username: string }): boolean {
  return user.username === ORPHAN_USERNAME;
}
