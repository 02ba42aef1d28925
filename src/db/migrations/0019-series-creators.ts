/**
 * Series co-creators: a series' owner (`series.owner_id`, always its first
 * creator) invites other people's pseuds; each row counts only once
 * `is_accepted` is 1, as with work co-creators (`creatorships`). Declining
 * deletes the row. One row per pseud per series.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('series_creators'), dialectOf(db))
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
    .addColumn('is_accepted', 'integer', flag)
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('series_creators_series_pseud')
    .on('series_creators')
    .columns(['series_id', 'pseud_id'])
    .unique()
    .execute();
  await db.schema.createIndex('series_creators_pseud').on('series_creators').column('pseud_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('series_creators').execute();
}
