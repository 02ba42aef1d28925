/**
 * A writer's account is theirs:
 *
 * - `users.email_confirmed_at`: an account confirms its address before it
 *   posts, comments or bookmarks. Accounts that existed before are taken as
 *   confirmed (they were made when nobody was asked).
 * - `users.username_changed_at`: a username changes at most once a week.
 * - `email_confirmations`: emailed links confirming an address — a new
 *   account's, or the new one of an email change (which takes effect only
 *   then). Only a SHA-256 of each token is kept, set when the link is mailed.
 * - `former_usernames`: a renamed account's old names, so `/users/old/…`
 *   redirects and the name is held from others for 30 days.
 * - `pseuds.icon_path`, `pseuds.icon_alt`: a pseud's icon, a file under the
 *   data folder, with its alt text.
 * - the archive's orphan account, `orphan_account`, which orphaned works are
 *   credited to. Its password hash is no argon2 hash, so no password ever
 *   verifies and it can never log in.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export const ORPHAN_USERNAME = 'orphan_account';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email_confirmed_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('username_changed_at', 'text').execute();
  await sql`update users set email_confirmed_at = created_at`.execute(db);

  await withId(db.schema.createTable('email_confirmations'), dialectOf(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('email_confirmations_user')
    .on('email_confirmations')
    .columns(['user_id', 'id'])
    .execute();

  await withId(db.schema.createTable('former_usernames'), dialectOf(db))
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('former_usernames_name')
    .on('former_usernames')
    .columns(['name_key', 'changed_at'])
    .execute();
  await db.schema.createIndex('former_usernames_user').on('former_usernames').column('user_id').execute();

  await db.schema.alterTable('pseuds').addColumn('icon_path', 'text').execute();
  await db.schema
    .alterTable('pseuds')
    .addColumn('icon_alt', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  const now = new Date().toISOString();
  const orphan = await db
    .insertInto('users')
    .values({
      username: ORPHAN_USERNAME,
      email: 'orphan_account@orphans.invalid',
      password_hash: '!no-log-in',
      created_at: now,
      email_confirmed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('pseuds')
    .values({ user_id: orphan.id, name: ORPHAN_USERNAME, is_default: 1, created_at: now })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('users').where('username', '=', ORPHAN_USERNAME).execute();
  await db.schema.alterTable('pseuds').dropColumn('icon_alt').execute();
  await db.schema.alterTable('pseuds').dropColumn('icon_path').execute();
  await db.schema.dropTable('former_usernames').execute();
  await db.schema.dropTable('email_confirmations').execute();
  await db.schema.alterTable('users').dropColumn('username_changed_at').execute();
  await db.schema.alterTable('users').dropColumn('email_confirmed_at').execute();
}
