/**
 * SQL of emailed address confirmations (migration 0037). One table serves a
 * new account's address and an email change's new one: spending a link sets
 * the account's email to the link's address and marks the account
 * confirmed. Only a SHA-256 of each token is kept, written when it is mailed.
 */
import type { Db } from '../db/database.ts';

/** A new confirmation for this address, retiring the account's earlier unspent ones: only the latest link works. */
export async function insertEmailConfirmation(
  db: Db,
  userId: number,
  email: string,
  expiresAt: Date,
  now: Date = new Date(),
): Promise<number> {
  await db
    .updateTable('email_confirmations')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  const row = await db
    .insertInto('email_confirmations')
    .values({ user_id: userId, email, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The unspent, unexpired confirmation and its account, for the listener that mails its link. */
export async function findPendingConfirmation(db: Db, confirmationId: number) {
  return db
    .selectFrom('email_confirmations')
    .innerJoin('users', 'users.id', 'email_confirmations.user_id')
    .select([
      'email_confirmations.id',
      'email_confirmations.email',
      'email_confirmations.expires_at',
      'users.username',
      'users.email as current_email',
      'users.email_confirmed_at',
    ])
    .where('email_confirmations.id', '=', confirmationId)
    .where('email_confirmations.used_at', 'is', null)
    .where('email_confirmations.expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
}

export async function setConfirmationToken(db: Db, confirmationId: number, tokenHash: string): Promise<void> {
  await db.updateTable('email_confirmations').set({ token_hash: tokenHash }).where('id', '=', confirmationId).execute();
}

/** The usable confirmation with this token hash, for the page that asks "confirm?". */
export async function findUsableConfirmation(db: Db, tokenHash: string) {
  return db
    .selectFrom('email_confirmations')
    .innerJoin('users', 'users.id', 'email_confirmations.user_id')
    .select(['email_confirmations.id', 'email_confirmations.email', 'users.username'])
    .where('email_confirmations.token_hash', '=', tokenHash)
    .where('email_confirmations.used_at', 'is', null)
    .where('email_confirmations.expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
}

export interface SpentConfirmation {
  userId: number;
  username: string;
  oldEmail: string;
  newEmail: string;
}

/**
 * Spends a link in one transaction: marks it used only if it still was
 * unused and unexpired (what makes it single-use when two requests race),
 * sets the account's email to its address and confirms the account.
 * Undefined when the link was no longer usable. A unique-index violation
 * (the address was taken meanwhile) rolls everything back and is thrown.
 */
export async function spendConfirmation(db: Db, tokenHash: string): Promise<SpentConfirmation | undefined> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const spent = await trx
      .updateTable('email_confirmations')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id', 'email'])
      .executeTakeFirst();
    if (!spent) return undefined;
    const before = await trx
      .selectFrom('users')
      .select(['username', 'email', 'email_confirmed_at'])
      .where('id', '=', spent.user_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({ email: spent.email, email_confirmed_at: before.email_confirmed_at ?? now })
      .where('id', '=', spent.user_id)
      .execute();
    return { userId: spent.user_id, username: before.username, oldEmail: before.email, newEmail: spent.email };
  });
}
