/** SQL of an account's standing with the archive's settings: when it was made, which terms it accepted. */
import type { Db } from '../db/database.ts';

export async function accountFacts(db: Db, userId: number): Promise<{ createdAt: string; tosVersion: number } | null> {
  const row = await db
    .selectFrom('users')
    .select(['created_at', 'tos_version'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? { createdAt: row.created_at, tosVersion: Number(row.tos_version) } : null;
}

export async function acceptTerms(db: Db, userId: number, version: number): Promise<void> {
  await db.updateTable('users').set({ tos_version: version }).where('id', '=', userId).execute();
}
