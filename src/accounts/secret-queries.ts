/**
 * SQL of the archive's own keys (`archive_secrets`, migration 0016): one
 * row per name, made on first use. Two processes making the same key at
 * once both insert; the primary key keeps the first, and both read it back.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';

export async function findOrMakeSecret(db: Db, name: string): Promise<string> {
  await db
    .insertInto('archive_secrets')
    .values({ name, value: crypto.randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('archive_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
