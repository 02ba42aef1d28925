/**
 * Pseud icons, settled: `pseuds.icon_file` is the icon's file name under the
 * data folder's `pseud-icons/` (null: no icon), `pseuds.icon_alt` its alt
 * text (null with no icon). Migration 0037 had made the columns as
 * `icon_path` and a not-null `icon_alt` ('' for none) that nothing wrote;
 * they are renamed and the alt text made nullable, keeping any value, the
 * same way on both dialects (SQLite cannot drop a NOT NULL in place).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pseuds').renameColumn('icon_path', 'icon_file').execute();
  await db.schema.alterTable('pseuds').renameColumn('icon_alt', 'icon_alt_0037').execute();
  await db.schema.alterTable('pseuds').addColumn('icon_alt', 'text').execute();
  await sql`update pseuds set icon_alt = nullif(icon_alt_0037, '')`.execute(db);
  await db.schema.alterTable('pseuds').dropColumn('icon_alt_0037').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pseuds').renameColumn('icon_alt', 'icon_alt_0052').execute();
  await db.schema
    .alterTable('pseuds')
    .addColumn('icon_alt', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update pseuds set icon_alt = coalesce(icon_alt_0052, '')`.execute(db);
  await db.schema.alterTable('pseuds').dropColumn('icon_alt_0052').execute();
  await db.schema.alterTable('pseuds').renameColumn('icon_file', 'icon_path').execute();
}
