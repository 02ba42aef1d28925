/**
 * A collection's icon (optional): `collections.icon_file`, the file name under the data folder's
 * `collection-icons/` (null: none), and `collections.icon_alt`, its alt text (null with no icon) — the same
 * shape as a pseud's (migration 0052), re-encoded on upload by src/users/pseud-icons.ts.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collections').addColumn('icon_file', 'text').execute();
  await db.schema.alterTable('collections').addColumn('icon_alt', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('collections').dropColumn('icon_alt').execute();
  await db.schema.alterTable('collections').dropColumn('icon_file').execute();
}
