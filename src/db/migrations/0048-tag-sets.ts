/**
 * Tag sets (src/tag-sets/):
 *
 * - `tag_sets`: a named list of tags with a sanitized description, whether
 *   others may see it and use it (in their challenges), and its nomination
 *   rules: open or closed, how many fandoms one person may nominate and how
 *   many characters and relationships under each.
 * - `tag_set_maintainers`: the users who change a set; owners (`is_owner`)
 *   also add and remove co-maintainers. One row per user per set.
 * - `tag_set_tags`: the set's tags with the kind the set uses each as
 *   (fandom, character, relationship, freeform): an unsorted tag gets the
 *   kind of the list it was added to.
 * - `tag_set_associations`: a character or relationship of the set belongs
 *   to one of its fandoms, whether or not the archive's wrangling says so.
 */
import type { Kysely } from 'kysely';
import { counter, dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('tag_sets'), dialectOf(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_usable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('are_nominations_open', 'integer', flag)
    .addColumn('fandom_nomination_limit', 'integer', counter)
    .addColumn('character_nomination_limit', 'integer', counter)
    .addColumn('relationship_nomination_limit', 'integer', counter)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tag_set_maintainers')
    .addColumn('tag_set_id', 'integer', (c) => c.notNull().references('tag_sets.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_owner', 'integer', flag)
    .addPrimaryKeyConstraint('tag_set_maintainers_pk', ['tag_set_id', 'user_id'])
    .execute();
  await db.schema.createIndex('tag_set_maintainers_user').on('tag_set_maintainers').column('user_id').execute();
  await db.schema
    .createTable('tag_set_tags')
    .addColumn('tag_set_id', 'integer', (c) => c.notNull().references('tag_sets.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_set_tags_pk', ['tag_set_id', 'tag_id'])
    .execute();
  await db.schema
    .createTable('tag_set_associations')
    .addColumn('tag_set_id', 'integer', (c) => c.notNull().references('tag_sets.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('fandom_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('tag_set_associations_pk', ['tag_set_id', 'tag_id', 'fandom_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tag_set_associations').execute();
  await db.schema.dropTable('tag_set_tags').execute();
  await db.schema.dropTable('tag_set_maintainers').execute();
  await db.schema.dropTable('tag_sets').execute();
}
