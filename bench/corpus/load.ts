/**
 * Loads a generated corpus through a bulk path that is still the real write
 * path: the same tables the posting commands write, batch inserts instead of
 * one work at a time, then — per batch, in the batch's transaction — the
 * archive's own filter-tag derivation (`rederiveWorkFilterTags`), which also
 * keeps the search index in step. Works get the generator's figures (word
 * count, chapters, dates, hits, kudos…) rather than ones counted from their
 * short synthetic text, so a million works fit on disk and in the time.
 */
import { sql, type Kysely } from 'kysely';
import type { TagField, Tables } from '../../src/db/database.ts';
import { dialectOf } from '../../src/db/schema-helpers.ts';
import { tagNameKey } from '../../src/tags/names.ts';
import { rederiveWorkFilterTags } from '../../src/tags/filter-tags.ts';
import type { CorpusGenerator, CorpusStep } from './generate.ts';

type Db = Kysely<Tables>;

/** A hash no password matches: corpus accounts exist to own works, not to log in. */
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm9sb2dpbg$bm9sb2dpbmJ5cGFzc3dvcmRoYXNo';
const ROWS_PER_INSERT = 800;

export interface LoadProgress {
  done: number;
  total: number;
}

export interface LoadSummary {
  works: number;
  tags: number;
  users: number;
  seconds: number;
}

async function maxId(db: Db, table: 'users' | 'pseuds' | 'tags' | 'works' | 'chapters'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

async function insertRows(db: Db, table: keyof Tables, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute();
  }
}

export async function loadCorpus(
  db: Db,
  generator: CorpusGenerator,
  options: { batchSize?: number; onProgress?: (progress: LoadProgress) => void } = {},
): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  if (dialectOf(db) === 'sqlite') {
    // A bulk load may lose its last batch on a crash (it is rerun from scratch), and a big page cache
    // keeps the growing indexes in memory instead of re-reading them from the OS for every batch.
    await sql`pragma synchronous = off`.execute(db);
    await sql`pragma cache_size = -1048576`.execute(db);
  }
  const restoreIndexes = await deferIndexes(db);
  const languages = new Map(
    (await db.selectFrom('languages').select(['id', 'code']).execute()).map((l) => [l.code, l.id]),
  );
  const fixed = await db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('kind', 'in', ['warning', 'category'])
    .execute();
  const tagIds = new Map<string, number>(fixed.map((t) => [t.name, t.id]));
  const base = {
    user: await maxId(db, 'users'),
    pseud: await maxId(db, 'pseuds'),
    tag: await maxId(db, 'tags'),
    work: await maxId(db, 'works'),
    chapter: await maxId(db, 'chapters'),
  };
  let nextTag = base.tag;
  let nextChapter = base.chapter;
  const users = new Set<number>();
  let done = 0;
  options.onProgress?.({ done, total: generator.works });

  for (;;) {
    const steps: CorpusStep[] = [];
    while (steps.length < batchSize) {
      const step = generator.next();
      if (!step) break;
      steps.push(step);
    }
    if (!steps.length) break;
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const newUsers = [...new Set(steps.map((s) => s.work.creator))].filter((c) => !users.has(c));
      for (const c of newUsers) users.add(c);
      await insertRows(
        trx,
        'users',
        newUsers.map((c) => ({
          id: base.user + c + 1,
          username: `writer${c + 1}`,
          email: `writer${c + 1}@bench.invalid`,
          password_hash: NO_PASSWORD,
          created_at: now,
        })),
      );
      await insertRows(
        trx,
        'pseuds',
        newUsers.map((c) => ({
          id: base.pseud + c + 1,
          user_id: base.user + c + 1,
          name: `writer${c + 1}`,
          is_default: 1,
          created_at: now,
        })),
      );

      const tags = steps.flatMap((s) => s.newTags);
      for (const t of tags) tagIds.set(t.name, ++nextTag);
      await insertRows(
        trx,
        'tags',
        tags.map((t) => ({
          id: tagIds.get(t.name),
          name: t.name,
          name_key: tagNameKey(t.name),
          kind: t.kind,
          is_canonical: t.isCanonical ? 1 : 0,
          synonym_of_id: t.synonymOf ? tagIds.get(t.synonymOf) : null,
          created_at: now,
        })),
      );
      const links = steps.flatMap((s) => s.newLinks);
      await insertRows(
        trx,
        'meta_taggings',
        links
          .filter((l) => l.kind === 'meta')
          .map((l) => ({ sub_tag_id: tagIds.get(l.from), meta_tag_id: tagIds.get(l.to) })),
      );
      await insertRows(
        trx,
        'tag_parents',
        links
          .filter((l) => l.kind === 'parent')
          .map((l) => ({ child_id: tagIds.get(l.from), parent_id: tagIds.get(l.to) })),
      );

      const works = steps.map(({ work: w }) => {
        const posted = !w.isDraft;
        const isComplete = posted && w.expectedChapters !== null && w.postedChapters >= w.expectedChapters;
        return {
          id: base.work + w.key,
          title: w.title,
          summary: w.summary,
          rating: w.rating,
          language_id: languages.get(w.languageCode) ?? languages.get('en')!,
          status: posted ? ('posted' as const) : ('draft' as const),
          expected_chapters: w.expectedChapters,
          posted_chapters: posted ? w.postedChapters : 0,
          word_count: posted ? w.wordCount : 0,
          is_complete: isComplete ? 1 : 0,
          is_restricted: w.isRestricted ? 1 : 0,
          is_hidden: w.isHidden ? 1 : 0,
          is_anonymous: w.isAnonymous ? 1 : 0,
          published_on: posted ? w.publishedOn : null,
          updated_on: posted ? w.updatedOn : null,
          completed_on: isComplete ? w.updatedOn : null,
          hits: w.hits,
          kudos_count: w.kudos,
          comments_count: w.comments,
          bookmarks_count: w.bookmarks,
          created_at: now,
          revised_at: now,
        };
      });
      await insertRows(trx, 'works', works);
      await insertRows(
        trx,
        'creatorships',
        steps.map(({ work: w }) => ({
          work_id: base.work + w.key,
          pseud_id: base.pseud + w.creator + 1,
          is_accepted: 1,
        })),
      );
      await insertRows(
        trx,
        'chapters',
        steps.flatMap(({ work: w }) => chapterRows(w, base.work + w.key, () => ++nextChapter, now)),
      );
      await insertRows(
        trx,
        'taggings',
        steps.flatMap(({ work: w }) => taggingRows(w, base.work + w.key, tagIds)),
      );
      // The archive's own derivation: filter tags, and through them the search index.
      await rederiveWorkFilterTags(
        trx,
        works.map((w) => w.id),
      );
    });
    done += steps.length;
    options.onProgress?.({ done, total: generator.works });
    // Lets the progress bar's timer run: SQLite answers synchronously, so awaits alone never yield.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await restoreIndexes();
  await finishLoad(db);
  return { works: done, tags: nextTag - base.tag, users: users.size, seconds: (Date.now() - started) / 1000 };
}

function chapterRows(w: CorpusStep['work'], workId: number, nextId: () => number, now: string) {
  const count = w.isDraft ? 1 : w.postedChapters;
  const words = w.body.replace(/<\/?p>/g, '').split(' ');
  const per = Math.max(1, Math.ceil(words.length / count));
  return Array.from({ length: count }, (_, i) => ({
    id: nextId(),
    work_id: workId,
    position: i + 1,
    body: `<p>${words.slice(i * per, (i + 1) * per).join(' ') || 'Fin'}</p>`,
    word_count: Math.round(w.wordCount / count),
    is_posted: w.isDraft ? 0 : 1,
    published_on: w.isDraft ? null : i === 0 ? w.publishedOn : w.updatedOn,
    created_at: now,
    updated_at: now,
  }));
}

function taggingRows(w: CorpusStep['work'], workId: number, tagIds: Map<string, number>) {
  const fields: Array<[TagField, string[]]> = [
    ['warning', w.warnings],
    ['category', w.categories],
    ['fandom', w.fandoms],
    ['relationship', w.relationships],
    ['character', w.characters],
    ['freeform', w.freeforms],
  ];
  return fields.flatMap(([field, names]) =>
    names.map((name, position) => ({ work_id: workId, tag_id: tagIds.get(name)!, field, position })),
  );
}

/**
 * Indexes the load never reads through — listing sorts, tag-to-works, name lookups — are dropped for the
 * load and rebuilt once at the end from their own definitions: one sorted build instead of millions of
 * inserts at random places. The indexes the derivation and the indexer read (by work id) stay.
 */
const DEFERRED_INDEXES = [
  'works_listing', 'works_sort_posted', 'works_sort_updated', 'works_sort_words', 'works_sort_hits',
  'works_sort_kudos', 'works_sort_comments', 'works_sort_bookmarks', 'works_language', 'taggings_tag',
  'tags_kind', 'tags_created', 'work_search_title', 'work_search_creator', 'search_changes_changed',
  'creatorships_pseud', 'pseuds_name',
]; // prettier-ignore

async function deferIndexes(db: Db): Promise<() => Promise<void>> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master
          where type = 'index' and name in (${sql.join(DEFERRED_INDEXES)})`.execute(db)
      : await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
          where schemaname = current_schema() and indexname in (${sql.join(DEFERRED_INDEXES)})`.execute(db);
  for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(db);
  return async () => {
    for (const { definition } of rows) await sql.raw(definition).execute(db);
  };
}

/** Moves PostgreSQL's id sequences past the ids the loader chose, and refreshes planner statistics. */
async function finishLoad(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const table of ['users', 'pseuds', 'tags', 'works', 'chapters', 'creatorships']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(
        db,
      );
    }
  }
  await sql`analyze`.execute(db);
  if (dialectOf(db) === 'sqlite') await sql`pragma synchronous = normal`.execute(db);
}
