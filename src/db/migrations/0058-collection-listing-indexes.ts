/**
 * Indexes for a collection's page at 20,000 works: its approved works read
 * from the index alone (collection, status, work — the listing's scope on
 * SQL and the in-memory index's candidates), and the few unrevealed works
 * found without reading every work of the collection (its Mystery Work
 * count), through a partial index that holds only them.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('collection_items_listing')
    .on('collection_items')
    .columns(['collection_id', 'status', 'work_id'])
    .execute();
  // The condition as src/visibility's `inWorkState` writes it, so both databases know the index answers it.
  await db.schema
    .createIndex('works_unrevealed')
    .on('works')
    .column('id')
    .where(sql.ref('is_unrevealed'), '!=', sql.lit(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('works_unrevealed').execute();
  await db.schema.dropIndex('collection_items_listing').execute();
}
