/**
 * The archive's settings, kept in the database so every process reads the same ones (`quire serve --workers N`,
 * several machines), and invitations.
 *
 * - `site_settings`: one row per setting by name, its value as JSON text. `site_settings_version` holds one row
 *   whose `version` goes up with every change: each process checks it on a short interval and reloads the
 *   settings only when it moved (src/settings/store.ts).
 * - `users.tos_version`: the version of the Terms of Service the person last accepted (0: none yet).
 * - `invitations`: codes that open an account when creation is by invitation; `user_id` is who may pass it on
 *   (null: sent by the archive), `email` where it was sent, `used_by`/`used_at` once an account took it.
 * - `invite_requests`: people waiting in the queue for an invitation, by email, in order of asking.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .createTable('site_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('site_settings_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('site_settings_version').values({ id: 1, version: 0 }).execute();
  await db.schema
    .alterTable('users')
    .addColumn('tos_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db.schema.createTable('invitations'), d)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('used_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_user_id').on('invitations').column('user_id').execute();

  await withId(db.schema.createTable('invite_requests'), d)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('invited_at', 'text')
    .execute();
  await db.schema.createIndex('invite_requests_email').on('invite_requests').column('email').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invite_requests').execute();
  await db.schema.dropTable('invitations').execute();
  await db.schema.alterTable('users').dropColumn('tos_version').execute();
  await db.schema.dropTable('site_settings_version').execute();
  await db.schema.dropTable('site_settings').execute();
}
