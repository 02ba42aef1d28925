/**
 * Password reset links, and the answers writers give about other people's
 * works. `password_resets` keeps only a SHA-256 of each emailed token (the
 * token is long and random, so a fast hash suffices, and a leaked database
 * cannot be turned into working links); a row is spent by setting used_at.
 * `related_works.is_declined` records that a parent work's creator removed a
 * link from their work, so editing the child does not ask them again; the
 * gifts index serves a recipient's gifts page.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('password_resets'), dialectOf(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').columns(['user_id', 'id']).execute();

  await db.schema.alterTable('related_works').addColumn('is_declined', 'integer', flag).execute();
  await db.schema.createIndex('gifts_recipient').on('gifts').column('recipient_pseud_id').execute();
}
