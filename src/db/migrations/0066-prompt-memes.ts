/**
 * Prompt memes (src/challenges/prompt-memes/):
 *
 * - `collections.time_zone`: the IANA zone a collection's dates are given and shown in (default UTC).
 * - `prompt_memes`: a collection's prompt meme (at most one): its sign-up window (`opens_at`, `closes_at`, ISO
 *   instants in UTC, either may be empty: no limit that side), the tag set prompts choose from, the prompt form's
 *   rules (`rules`, JSON: per tag kind how many are required and allowed, whether a description or URL is
 *   required, how many prompts one person may post) and whether prompts may be anonymous.
 * - `prompts`: one person's prompt (its pseud, title, sanitized description, URL, anonymous or not).
 * - `prompt_tags`: the set's tags a prompt names, by kind.
 * - `prompt_claims`: who claimed a prompt (several may; once each).
 * - `prompt_fills`: a work posted in response to a prompt (once per prompt and work), and who posted it.
 */
import type { Kysely } from 'kysely';
import { dialectOf, flag, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .alterTable('collections')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await withId(db.schema.createTable('prompt_memes'), d)
    .addColumn('collection_id', 'integer', (c) => c.notNull().unique().references('collections.id').onDelete('cascade'))
    .addColumn('tag_set_id', 'integer', (c) => c.references('tag_sets.id').onDelete('set null'))
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('is_anonymous_allowed', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await withId(db.schema.createTable('prompts'), d)
    .addColumn('prompt_meme_id', 'integer', (c) => c.notNull().references('prompt_memes.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_anonymous', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prompts_meme').on('prompts').columns(['prompt_meme_id', 'created_at']).execute();
  await db.schema.createIndex('prompts_user').on('prompts').columns(['user_id', 'prompt_meme_id']).execute();
  await db.schema
    .createTable('prompt_tags')
    .addColumn('prompt_id', 'integer', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prompt_tags_pk', ['prompt_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('prompt_tags_tag').on('prompt_tags').column('tag_id').execute();
  await withId(db.schema.createTable('prompt_claims'), d)
    .addColumn('prompt_id', 'integer', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('prompt_claims_once', ['prompt_id', 'user_id'])
    .execute();
  await db.schema.createIndex('prompt_claims_user').on('prompt_claims').column('user_id').execute();
  await withId(db.schema.createTable('prompt_fills'), d)
    .addColumn('prompt_id', 'integer', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_told', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('prompt_fills_once', ['prompt_id', 'work_id'])
    .execute();
  await db.schema.createIndex('prompt_fills_work').on('prompt_fills').column('work_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['prompt_fills', 'prompt_claims', 'prompt_tags', 'prompts', 'prompt_memes']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('collections').dropColumn('time_zone').execute();
}
