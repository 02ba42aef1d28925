/** SQL of two-factor sign-in (migration 0035): a person's TOTP secret, and their hashed recovery codes. */
import type { Db } from '../../db/database.ts';

export interface TwoFactorRow {
  secret: string;
  enabledAt: string | null;
  lastStep: number;
}

export async function findTwoFactor(db: Db, userId: number): Promise<TwoFactorRow | null> {
  const row = await db
    .selectFrom('two_factor')
    .select(['secret', 'enabled_at', 'last_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { secret: row.secret, enabledAt: row.enabled_at, lastStep: Number(row.last_step) } : null;
}

export async function hasTwoFactorOn(db: Db, userId: number): Promise<boolean> {
  return !!(await findTwoFactor(db, userId))?.enabledAt;
}

/** A new secret waiting for its first code (replacing one not yet confirmed; never one that is on). */
export async function savePendingSecret(db: Db, userId: number, secret: string): Promise<void> {
  await db.deleteFrom('two_factor').where('user_id', '=', userId).where('enabled_at', 'is', null).execute();
  await db
    .insertInto('two_factor')
    .values({ user_id: userId, secret, enabled_at: null })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** Turns it on with its recovery codes (hashes); in one transaction with the code's step. */
export async function enableTwoFactor(db: Db, userId: number, step: number, codeHashes: string[], now: Date) {
  await db
    .updateTable('two_factor')
    .set({ enabled_at: now.toISOString(), last_step: step })
    .where('user_id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  for (const code_hash of codeHashes) {
    await db.insertInto('recovery_codes').values({ user_id: userId, code_hash, used_at: null }).execute();
  }
}

export async function disableTwoFactor(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('two_factor').where('user_id', '=', userId).execute();
}

/** Takes this time step for the person unless it (or a later one) was taken: a code is good once. */
export async function claimStep(db: Db, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('two_factor')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('last_step', '<', step)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the recovery code used if it is this person's and unused; whether it was. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
