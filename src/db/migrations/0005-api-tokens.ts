/**
 * Credentials for programs acting for a person: personal API tokens (scope
 * `read` or `write`, sent as `Authorization: Bearer`) and app passwords for
 * e-reader apps reading the OPDS catalog (scope `opds`, sent with HTTP Basic
 * auth). Only a SHA-256 of each secret is kept — the secrets are long and
 * random, so a fast hash is enough and lookups stay one indexed read — and
 * revoking keeps the row so the person can see what was revoked and when.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('api_tokens'), dialectOf(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('read', 'write', 'opds')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'id']).execute();
}
