/**
 * KOReader progress sync:
 *
 * - `koreader_keys`: KOReader sends md5(password) as `x-auth-key`, never the
 *   password, so a KOReader app password (an `opds` credential in
 *   `api_tokens`) also keeps SHA-256(md5(password)) here. Revoking the app
 *   password revokes the key (lookups join the live credential).
 * - `koreader_documents`: the document hashes KOReader may send for a
 *   Quire EPUB (its partial MD5 of the file, or md5 of the file name), each
 *   mapped back to the work and the version it was built from.
 * - `koreader_progress`: per person per work, the last position KOReader put.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('koreader_keys')
    .addColumn('token_id', 'integer', (c) => c.primaryKey().references('api_tokens.id').onDelete('cascade'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('koreader_documents')
    .addColumn('document', 'text', (c) => c.primaryKey())
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('koreader_progress')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('percentage', 'real', (c) => c.notNull())
    .addColumn('chapter_number', 'integer')
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('koreader_progress_pk', ['user_id', 'work_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('koreader_progress').execute();
  await db.schema.dropTable('koreader_documents').execute();
  await db.schema.dropTable('koreader_keys').execute();
}
