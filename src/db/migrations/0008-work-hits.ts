/**
 * Hits: one per visitor per day (docs/DOMAIN.md, Works). A visitor is a logged-in
 * user's id or a hash of a guest's address and browser; rows older than
 * yesterday are pruned as new ones arrive, so the table stays one day deep.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_hits')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_hits_pk', ['work_id', 'day', 'visitor'])
    .execute();
  await db.schema.createIndex('work_hits_day').on('work_hits').column('day').execute();
}
