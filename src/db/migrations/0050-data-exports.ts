/**
 * `data_exports`: a member's "Export my data" zips (src/data-export/). Each
 * row is one request: `preparing` while the background job builds the file,
 * `ready` with the file's name under `<dataDir>/exports/` and the time its
 * link stops working, or `failed` with the reason. At most one export per
 * member is being prepared at a time: the partial unique index is the guard
 * two quick presses (or two server processes) cannot get past. Rows go with
 * the account (the hourly sweep removes files no row claims).
 */
import { sql, type Kysely } from 'kysely';
import { counter, dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('data_exports'), dialectOf(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('preparing'))
    .addColumn('file_name', 'text')
    .addColumn('size_bytes', 'integer', counter)
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('data_exports_user').on('data_exports').columns(['user_id', 'id']).execute();
  await db.schema
    .createIndex('data_exports_one_preparing')
    .on('data_exports')
    .column('user_id')
    .unique()
    .where(sql<boolean>`status = 'preparing'`)
    .execute();
  await db.schema.createIndex('data_exports_expires').on('data_exports').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_exports').execute();
}
