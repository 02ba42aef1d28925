/**
 * The works' listing facts — rating and every visibility state's column — beside the id, in one narrow
 * index. A bookmark listing joins each bookmark's work for exactly these; on PostgreSQL a count over
 * thousands of bookmarks hashes the works, and it now reads them from this index alone (an index-only
 * scan) rather than the whole works table. SQLite looks a work up by its rowid whatever the indexes, so
 * there it would only cost space: PostgreSQL alone gets it. The columns are the visibility states' as of
 * this migration (src/visibility/work-states.ts); a state added later would add its column to a new index.
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db.schema
    .createIndex('works_listing_facts')
    .on('works')
    .columns([
      'id',
      'rating',
      'status',
      'deleted_at',
      'is_hidden',
      'is_held',
      'is_restricted',
      'is_anonymous',
      'is_unrevealed',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db.schema.dropIndex('works_listing_facts').execute();
}
