/**
 * Nominations to a tag set: one row per tag a user nominates, with the kind
 * it is nominated as and, for a character or relationship, the fandom it is
 * nominated under (`fandom_id` 0 for a fandom itself, so the unique key works
 * the same on both dialects, where NULLs never collide). `status` is
 * pending, approved or rejected; an approved one has joined the set.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db.schema.createTable('tag_set_nominations'), dialectOf(db))
    .addColumn('tag_set_id', 'integer', (c) => c.notNull().references('tag_sets.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fandom_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tag_set_nominations_once', ['tag_set_id', 'user_id', 'tag_id', 'fandom_id'])
    .execute();
  await db.schema
    .createIndex('tag_set_nominations_review')
    .on('tag_set_nominations')
    .columns(['tag_set_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tag_set_nominations').execute();
}
