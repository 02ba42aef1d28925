/**
 * SQL for personal API tokens and OPDS app passwords (the api_tokens table):
 * create, list a person's own, revoke, and find the live credential behind a
 * secret's hash together with the user it acts for.
 */
import { VIEWER_COLUMNS } from './viewer-row.ts';
import type { ApiToken, TokenScope } from './accounts.table.ts';
import type { Db } from '../db/database.ts';

export async function insertToken(
  db: Db,
  token: { userId: number; name: string; scope: TokenScope; tokenHash: string },
): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      name: token.name,
      scope: token.scope,
      token_hash: token.tokenHash,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A person's tokens and app passwords, live ones first, newest first. */
export async function listTokens(db: Db, userId: number): Promise<ApiToken[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy((eb) => eb.case().when('revoked_at', 'is', null).then(0).else(1).end())
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
export async function revokeToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A live (unrevoked) credential by its hash, with the flags of the user it acts for. */
export async function findLiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.scope', 'api_tokens.last_used_at', ...VIEWER_COLUMNS])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Db, tokenId: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}
