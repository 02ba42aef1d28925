/**
 * Tag wrangling: the background jobs queue (large filter re-derivations run
 * there), the log of every wrangling action, and which fandoms each
 * wrangler looks after. Also indexes the upward walks the filter-tag
 * derivation makes (sub tag → meta tag, child → parent).
 */
import type { Kysely } from 'kysely';
import { counter, dialectOf, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await withId(db.schema.createTable('jobs'), d)
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the job is about (e.g. `tag:12`), so a page can say "pending" and duplicates can be skipped.
    .addColumn('subject', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued')) // queued | running | done | failed
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', counter)
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_subject').on('jobs').columns(['subject', 'status']).execute();

  await withId(db.schema.createTable('wrangling_actions'), d)
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull()) // kept when the account goes; "command line" for the CLI
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('after', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wrangling_actions_tag').on('wrangling_actions').columns(['tag_id', 'id']).execute();

  await db.schema
    .createTable('wrangler_fandoms')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('fandom_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wrangler_fandoms_pk', ['user_id', 'fandom_id'])
    .execute();
  await db.schema.createIndex('wrangler_fandoms_fandom').on('wrangler_fandoms').column('fandom_id').execute();

  await db.schema.createIndex('meta_taggings_sub').on('meta_taggings').column('sub_tag_id').execute();
  await db.schema.createIndex('tag_parents_child').on('tag_parents').column('child_id').execute();
  await db.schema.createIndex('tags_created').on('tags').columns(['kind', 'created_at']).execute();
}
