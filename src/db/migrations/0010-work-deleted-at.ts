/**
 * Soft deletion of works: a deleted work keeps its row (with `deleted_at`
 * set) for 30 days, so abuse reports and audit entries still point at what
 * they name; a periodic job purges it after that. Who may see a deleted work
 * — nobody but moderators, through reports and the log — is decided in
 * src/visibility, like every other visibility state.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('works').addColumn('deleted_at', 'text').execute();
  await db.schema.createIndex('works_deleted_at').on('works').column('deleted_at').execute();
}
