/** KOReader sync: keys, document hashes and positions (migration 0024). */
import type { Db } from '../db/database.ts';
import { VIEWER_COLUMNS } from '../accounts/viewer-row.ts';
import type { KoreaderProgressTable } from './koreader.table.ts';

export async function insertKoreaderKey(db: Db, tokenId: number, keyHash: string): Promise<void> {
  await db.insertInto('koreader_keys').values({ token_id: tokenId, key_hash: keyHash }).execute();
}

/** The person a live KOReader key acts for. */
export async function findLiveKoreaderKey(db: Db, keyHash: string) {
  return db
    .selectFrom('koreader_keys')
    .innerJoin('api_tokens', 'api_tokens.id', 'koreader_keys.token_id')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', ...VIEWER_COLUMNS])
    .where('koreader_keys.key_hash', '=', keyHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Remembers which work (and version) a document hash names; the newest build wins. */
export async function rememberDocuments(
  db: Db,
  workId: number,
  revisedAt: string,
  documents: { document: string; kind: 'binary' | 'filename' }[],
): Promise<void> {
  for (const { document, kind } of documents) {
    await db
      .insertInto('koreader_documents')
      .values({ document, work_id: workId, revised_at: revisedAt, kind })
      .onConflict((oc) => oc.column('document').doUpdateSet({ work_id: workId, revised_at: revisedAt, kind }))
      .execute();
  }
}

export async function findDocument(db: Db, document: string) {
  return db
    .selectFrom('koreader_documents')
    .select(['work_id', 'revised_at', 'kind'])
    .where('document', '=', document)
    .executeTakeFirst();
}

export async function saveProgress(db: Db, row: KoreaderProgressTable): Promise<void> {
  const { user_id: _u, work_id: _w, ...changes } = row;
  await db
    .insertInto('koreader_progress')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'work_id']).doUpdateSet(changes))
    .execute();
}

export async function findProgress(db: Db, userId: number, workId: number) {
  return db
    .selectFrom('koreader_progress')
    .selectAll()
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
}
