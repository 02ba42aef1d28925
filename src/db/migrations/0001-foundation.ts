/**
 * The foundation schema: accounts, works, chapters, tags, series, related
 * works, gifts and languages. Laid for everything docs/DOMAIN.md says a work has,
 * so later features add behaviour and tables rather than redesign these.
 */
import type { Kysely } from 'kysely';
import { counter, dialectOf, flag, lowerUniqueIndex, withId } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await withId(db.schema.createTable('users'), d)
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', flag)
    .addColumn('is_wrangler', 'integer', flag)
    .addColumn('is_moderator', 'integer', flag)
    .addColumn('skip_adult_notice', 'integer', flag)
    .addColumn('hide_warnings', 'integer', flag)
    .addColumn('hide_freeform', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await lowerUniqueIndex(db, 'users_username_unique', 'users', 'username');
  await lowerUniqueIndex(db, 'users_email_unique', 'users', 'email');

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the cookie token
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db.schema.createTable('pseuds'), d)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_default', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pseuds_user').on('pseuds').column('user_id').execute();
  await db.schema.createIndex('pseuds_name').on('pseuds').column('name').execute();

  await withId(db.schema.createTable('languages'), d)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('works'), d)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('language_id', 'integer', (c) => c.notNull().references('languages.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | posted
    .addColumn('expected_chapters', 'integer') // null: unknown ("?")
    .addColumn('posted_chapters', 'integer', counter)
    .addColumn('word_count', 'integer', counter)
    .addColumn('is_complete', 'integer', flag)
    .addColumn('is_restricted', 'integer', flag)
    .addColumn('is_hidden', 'integer', flag) // hidden by a moderator
    .addColumn('is_anonymous', 'integer', flag)
    .addColumn('is_unrevealed', 'integer', flag)
    .addColumn('comment_permission', 'text', (c) => c.notNull().defaultTo('registered'))
    .addColumn('moderated_comments', 'integer', flag)
    .addColumn('published_on', 'text') // YYYY-MM-DD, may be backdated
    .addColumn('updated_on', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('source_ref', 'text') // original Work ID of an imported work
    .addColumn('imported_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('hits', 'integer', counter)
    .addColumn('kudos_count', 'integer', counter)
    .addColumn('comments_count', 'integer', counter)
    .addColumn('bookmarks_count', 'integer', counter)
    .addColumn('downloads_count', 'integer', counter)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revised_at', 'text', (c) => c.notNull()) // any change; versions cached downloads
    .execute();
  await db.schema.createIndex('works_listing').on('works').columns(['status', 'updated_on', 'id']).execute();

  await withId(db.schema.createTable('creatorships'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
    .addColumn('external_name', 'text') // an imported creator with no pseud here
    .addColumn('position', 'integer', counter)
    .addColumn('is_accepted', 'integer', flag) // co-creators are invited and must accept
    .execute();
  await db.schema.createIndex('creatorships_work').on('creatorships').column('work_id').execute();
  await db.schema.createIndex('creatorships_pseud').on('creatorships').column('pseud_id').execute();

  await withId(db.schema.createTable('chapters'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('word_count', 'integer', counter)
    .addColumn('is_posted', 'integer', flag)
    .addColumn('published_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chapters_work').on('chapters').columns(['work_id', 'position']).execute();

  await withId(db.schema.createTable('tags'), d)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique()) // NFKC + lower case
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_canonical', 'integer', flag)
    .addColumn('is_unwrangleable', 'integer', flag)
    .addColumn('synonym_of_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tags_kind').on('tags').columns(['kind', 'is_canonical']).execute();
  await db.schema.createIndex('tags_synonym_of').on('tags').column('synonym_of_id').execute();

  await db.schema
    .createTable('taggings')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull()) // warning | category | fandom | relationship | character | freeform
    .addColumn('position', 'integer', counter)
    .addPrimaryKeyConstraint('taggings_pk', ['work_id', 'field', 'tag_id'])
    .execute();
  await db.schema.createIndex('taggings_tag').on('taggings').columns(['tag_id', 'work_id']).execute();

  // Wrangling links and the derived filter tags; their behaviour belongs to the tags domain.
  await db.schema
    .createTable('meta_taggings')
    .addColumn('meta_tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('sub_tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('meta_taggings_pk', ['meta_tag_id', 'sub_tag_id'])
    .execute();
  await db.schema
    .createTable('tag_parents')
    .addColumn('parent_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('child_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('tag_parents_pk', ['parent_id', 'child_id'])
    .execute();
  await db.schema
    .createTable('filter_taggings')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('is_inherited', 'integer', flag)
    .addPrimaryKeyConstraint('filter_taggings_pk', ['tag_id', 'work_id'])
    .execute();
  await db.schema.createIndex('filter_taggings_work').on('filter_taggings').column('work_id').execute();

  await withId(db.schema.createTable('series'), d)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_complete', 'integer', flag)
    .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('series_works')
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('series_works_pk', ['series_id', 'work_id'])
    .execute();
  await db.schema.createIndex('series_works_work').on('series_works').column('work_id').execute();

  await withId(db.schema.createTable('related_works'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('parent_work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
    .addColumn('parent_url', 'text')
    .addColumn('parent_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_creator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('relation', 'text', (c) => c.notNull()) // inspired_by | remix | translation | sequel
    .addColumn('is_approved', 'integer', flag) // the parent's creator approves before it shows there
    .execute();
  await db.schema.createIndex('related_works_work').on('related_works').column('work_id').execute();
  await db.schema.createIndex('related_works_parent').on('related_works').column('parent_work_id').execute();

  await withId(db.schema.createTable('gifts'), d)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('recipient_pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('is_refused', 'integer', flag)
    .execute();
  await db.schema.createIndex('gifts_work').on('gifts').column('work_id').execute();
}
