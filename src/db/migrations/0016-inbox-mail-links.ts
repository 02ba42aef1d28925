/**
 * What the inbox and its mail need beyond migration 0013:
 *
 * - `archive_secrets`: keys the archive makes for itself, by name, kept in
 *   the database so every process (and every machine sharing PostgreSQL)
 *   signs with the same one. The one-click mail preference links are signed
 *   with `mail-links` (HMAC-SHA256), made on first use; deleting the row
 *   (and restarting) makes a new key and voids every link already mailed.
 * - `inbox_items_unread`: the header's unread count reads only a person's
 *   unread items (`user_id = ? and read_at is null`), not all they ever had.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('archive_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbox_items_unread').on('inbox_items').columns(['user_id', 'read_at']).execute();
}
