/**
 * Collections (src/collections/):
 *
 * - `collections`: a named gathering of works (its URL is `/collections/:name`), its texts (description,
 *   introduction, rules, FAQ: sanitized HTML), its settings — closed, moderated, members only, unrevealed,
 *   anonymous — an optional parent collection, and a scheduled reveal (`reveal_at`, ISO time, with what it
 *   reveals: `works`, `creators` or `both`).
 * - `collection_participants`: the named people of a collection: owners and moderators (its maintainers) and
 *   members (who may post to a closed or members-only collection). One row per person.
 * - `collection_items`: a work in a collection and where it stands: `awaiting` a maintainer, `approved`,
 *   `rejected`, `removed`, `invited` (a maintainer asked; its creators have not answered) or `declined`.
 *   The works' own `is_anonymous`/`is_unrevealed` are derived from these rows (src/collections/derive-states.ts).
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, lowerUniqueIndex, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await withId(db.schema.createTable('collections'), d)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('faq', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_closed', 'integer', flag)
    .addColumn('is_moderated', 'integer', flag)
    .addColumn('is_members_only', 'integer', flag)
    .addColumn('is_unrevealed', 'integer', flag)
    .addColumn('is_anonymous', 'integer', flag)
    .addColumn('parent_id', 'integer', (c) => c.references('collections.id').onDelete('set null'))
    .addColumn('reveal_at', 'text')
    .addColumn('reveal_what', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await lowerUniqueIndex(db, 'collections_name', 'collections', 'name');
  await db.schema.createIndex('collections_parent').on('collections').column('parent_id').execute();
  await db.schema
    .createTable('collection_participants')
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_participants_pk', ['collection_id', 'user_id'])
    .execute();
  await db.schema.createIndex('collection_participants_user').on('collection_participants').column('user_id').execute();
  await withId(db.schema.createTable('collection_items'), d)
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('collection_items_once', ['collection_id', 'work_id'])
    .execute();
  await db.schema.createIndex('collection_items_work').on('collection_items').column('work_id').execute();
}
