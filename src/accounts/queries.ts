/**
 * SQL of accounts: users, their pseuds and preferences. A user always has
 * exactly one default pseud, created with the account and named after it.
 */
import { sql } from 'kysely';
import type { Pseud, User } from './accounts.table.ts';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';
import { ORPHAN_USERNAME } from './orphan-account.ts';

export interface NewAccount {
  username: string;
  email: string;
  passwordHash: string;
  isAdmin?: boolean;
  /** Make an admin if the archive has no account yet — decided inside the insert's transaction. */
  adminIfFirst?: boolean;
  /** Opened by sign-up: the address waits for its confirmation link. Others (the CLI, the first admin) are confirmed. */
  unconfirmed?: boolean;
}

export async function createUser(db: Db, account: NewAccount): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    let isAdmin = account.isAdmin === true;
    if (account.adminIfFirst && !isAdmin) {
      // Two sign-ups on an empty archive must not both become its admin: on PostgreSQL the second waits
      // here until the first commits, then counts it (SQLite already runs one write transaction at a time).
      if (dialectOf(trx) === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
      isAdmin = (await countUsers(trx)) === 0;
    }
    const user = await trx
      .insertInto('users')
      .values({
        username: account.username,
        email: account.email,
        password_hash: account.passwordHash,
        is_admin: isAdmin ? 1 : 0,
        created_at: now,
        // The first admin needs no mail: nobody could have posted as them before.
        email_confirmed_at: account.unconfirmed && !isAdmin ? null : now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pseuds')
      .values({ user_id: user.id, name: account.username, is_default: 1, created_at: now })
      .execute();
    return user;
  });
}

/** The archive's members: every account but the orphan account. */
export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '!=', ORPHAN_USERNAME)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByName(db: Db, username: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/** Who to write to about an account. */
export async function findUserContact(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'username', 'email']).where('id', '=', userId).executeTakeFirst();
}

export async function findUserByLogin(db: Db, login: string): Promise<User | undefined> {
  const key = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]))
    .executeTakeFirst();
}

export async function listPseuds(db: Db, userId: number): Promise<Pseud[]> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

export async function findDefaultPseud(db: Db, userId: number): Promise<Pseud> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .where('is_default', '=', 1)
    .executeTakeFirstOrThrow();
}

/**
 * Which account field a unique-index violation was about, so a race lost to
 * another sign-up reads as "that username is taken", not a server error.
 * SQLite names the index in its message; PostgreSQL in `constraint`.
 */
export function uniqueViolationField(error: unknown): 'username' | 'email' | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  const isUnique = code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!isUnique) return undefined;
  const where = `${String(constraint ?? '')} ${String(message ?? '')}`;
  if (where.includes('users_username_unique')) return 'username';
  if (where.includes('users_email_unique')) return 'email';
  return undefined;
}

export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export interface Preferences {
  skipAdultNotice: boolean;
  hideWarnings: boolean;
  hideFreeform: boolean;
  /** Feedback (migration 0013), by AO3's names. */
  commentEmailsOff: boolean;
  kudosEmailsOff: boolean;
  commentCopiesOff: boolean;
  guestRepliesOff: boolean;
}

/** The feedback preferences, which the Viewer does not carry (only the preferences page and mail read them). */
export async function findFeedbackPreferences(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['comment_emails_off', 'kudos_emails_off', 'comment_copies_off', 'guest_replies_off'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function updatePreferences(db: Db, userId: number, preferences: Preferences): Promise<void> {
  await db
    .updateTable('users')
    .set({
      skip_adult_notice: preferences.skipAdultNotice ? 1 : 0,
      hide_warnings: preferences.hideWarnings ? 1 : 0,
      hide_freeform: preferences.hideFreeform ? 1 : 0,
      comment_emails_off: preferences.commentEmailsOff ? 1 : 0,
      kudos_emails_off: preferences.kudosEmailsOff ? 1 : 0,
      comment_copies_off: preferences.commentCopiesOff ? 1 : 0,
      guest_replies_off: preferences.guestRepliesOff ? 1 : 0,
    })
    .where('id', '=', userId)
    .execute();
}

/** Mail the one-click link may turn off (mail-links.ts); it never turns anything on. */
export type MailPreference = 'comment_emails_off' | 'kudos_emails_off' | 'comment_copies_off';

export async function turnOffMail(db: Db, userId: number, preference: MailPreference): Promise<void> {
  await db
    .updateTable('users')
    .set({ [preference]: 1 })
    .where('id', '=', userId)
    .execute();
}

export const ROLES = ['admin', 'wrangler', 'moderator', 'support'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_COLUMNS = {
  admin: 'is_admin',
  wrangler: 'is_wrangler',
  moderator: 'is_moderator',
  support: 'is_support',
} as const;

export async function setRole(db: Db, userId: number, role: Role, granted: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ [ROLE_COLUMNS[role]]: granted ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

export function hasRole(user: User, role: Role): boolean {
  return user[ROLE_COLUMNS[role]] === 1;
}

export async function findPseud(db: Db, userId: number, pseudId: number): Promise<Pseud | undefined> {
  return db.selectFrom('pseuds').selectAll().where('user_id', '=', userId).where('id', '=', pseudId).executeTakeFirst();
}

/** Folds a pseud name for "same name?" checks, the same way on both databases. */
export function pseudNameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('und');
}

/**
 * Adds a pseud unless the user already has one by that name (any case);
 * returns undefined then. The check runs in the same transaction as the insert.
 */
export async function createPseud(
  db: Db,
  userId: number,
  pseud: { name: string; description: string },
): Promise<Pseud | undefined> {
  return db.transaction().execute(async (trx) => {
    // A no-op update locks the user's row on PostgreSQL, so two requests
    // adding the same name at once take turns (SQLite already serializes).
    await trx.updateTable('users').set({ id: userId }).where('id', '=', userId).execute();
    const existing = await trx.selectFrom('pseuds').select('name').where('user_id', '=', userId).execute();
    const key = pseudNameKey(pseud.name);
    if (existing.some((row) => pseudNameKey(row.name) === key)) return undefined;
    return trx
      .insertInto('pseuds')
      .values({
        user_id: userId,
        name: pseud.name,
        description: pseud.description,
        is_default: 0,
        created_at: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Makes one of the user's pseuds the default (and no other); false if it is not theirs. */
export async function makePseudDefault(db: Db, userId: number, pseudId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const pseud = await findPseud(trx, userId, pseudId);
    if (!pseud) return false;
    await trx.updateTable('pseuds').set({ is_default: 0 }).where('user_id', '=', userId).execute();
    await trx.updateTable('pseuds').set({ is_default: 1 }).where('id', '=', pseudId).execute();
    return true;
  });
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Password resets: the emailed link carries a random token; only its SHA-256 is stored (see migration 0006).

/** Stores a new reset token for the user, retiring any earlier unused one: only the latest link works. */
export async function createPasswordReset(
  db: Db,
  userId: number,
  tokenHash: string,
  expiresAt: Date,
  issuedAt: Date = new Date(),
): Promise<void> {
  // The caller's clock reading, so that the link lives exactly as long as it says (a second `new Date()` could differ).
  const now = issuedAt.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('password_resets')
      .values({ user_id: userId, token_hash: tokenHash, created_at: now, expires_at: expiresAt.toISOString() })
      .execute();
  });
}

/** The unused, unexpired reset with this token hash, and its user; undefined for any other. */
export async function findUsablePasswordReset(db: Db, tokenHash: string) {
  return db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.id', 'password_resets.user_id', 'users.username'])
    .where('password_resets.token_hash', '=', tokenHash)
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
}

/**
 * Spends a reset: in one transaction marks it used — only if it still was
 * unused and unexpired, which is what makes a link single-use when two
 * requests race — sets the new password hash, retires the user's other
 * resets and ends every session of theirs. Returns the user, or undefined
 * when the link was no longer usable.
 */
export async function completePasswordReset(
  db: Db,
  tokenHash: string,
  passwordHash: string,
): Promise<{ id: number; username: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const spent = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!spent) return undefined;
    const user = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', spent.user_id)
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    return user;
  });
}

/**
 * Renames and re-describes one of the user's pseuds (and makes it the default if asked) unless another
 * of theirs has the name (any case): 'taken' then, 'not-found' when the pseud is not theirs.
 */
export async function updatePseud(
  db: Db,
  userId: number,
  pseudId: number,
  change: { name: string; description: string; makeDefault: boolean },
): Promise<'updated' | 'taken' | 'not-found'> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ id: userId }).where('id', '=', userId).execute();
    const pseuds = await trx.selectFrom('pseuds').select(['id', 'name']).where('user_id', '=', userId).execute();
    if (!pseuds.some((p) => p.id === pseudId)) return 'not-found';
    const key = pseudNameKey(change.name);
    if (pseuds.some((p) => p.id !== pseudId && pseudNameKey(p.name) === key)) return 'taken';
    await trx
      .updateTable('pseuds')
      .set({ name: change.name, description: change.description })
      .where('id', '=', pseudId)
      .execute();
    if (change.makeDefault) {
      await trx.updateTable('pseuds').set({ is_default: 0 }).where('user_id', '=', userId).execute();
      await trx.updateTable('pseuds').set({ is_default: 1 }).where('id', '=', pseudId).execute();
    }
    return 'updated';
  });
}
