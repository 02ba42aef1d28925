/**
 * Loads a generated corpus through a bulk path that is still the real write
 * path: the same tables and columns the posting commands write, each work's
 * filter tags from the archive's own derivation (`filterTagsOf` over the tag
 * graph) and its search-index row from the indexer's own `indexRowOf`,
 * written by the indexer's own writer — only computed from the batch in
 * memory instead of read back from the database. Works get the generator's
 * figures (word count, chapters, dates, hits, kudos…) rather than ones
 * counted from their short synthetic text, so a million works fit on disk
 * and in the time. `load.test.ts` checks the result against the real path.
 */
import type { Db, Tables } from '../../src/db/database.ts';
import type { IndexRow } from '../../src/indexing/index-queries.ts';
import { bodyLimitOf, indexRowOf, storeIndexRows } from '../../src/indexing/indexer.ts';
import { filterTagsOf } from '../../src/indexing/filter-tags.ts';
import { tagNameKey } from '../../src/tags/names.ts';
import { TagGraphInMemory } from '../../src/tags/tag-graph.ts';
import type { CorpusGenerator, CorpusStep } from './generate.ts';
import { chapterRows, indexSourceOf, pseudRow, taggingRows, userRow, workRow, type TagLookup } from './load-rows.ts';
import { prepareLoad } from './load-tables.ts';

const ROWS_PER_INSERT = 800;

export interface LoadProgress {
  done: number;
  total: number;
  /** After the last work: what the finishing step is doing. */
  finishing?: string;
}

export interface LoadSummary {
  works: number;
  tags: number;
  users: number;
  seconds: number;
  /** Seconds of the total spent after the last batch: staged rows into place, indexes, statistics. */
  finishSeconds?: number;
}

async function maxId(db: Db, table: 'users' | 'pseuds' | 'tags' | 'works' | 'chapters'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

async function insertRows(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto(table as keyof Tables)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute();
  }
}

/** The archive's tags and tag graph, held in memory and grown as the corpus brings new tags. */
async function loadTagState(db: Db) {
  const graph = new TagGraphInMemory();
  const ids = new Map<string, number>();
  const names = new Map<number, string>();
  const ratingIds = new Map<string, number>();
  for (const tag of await db
    .selectFrom('tags')
    .select(['id', 'name', 'kind', 'is_canonical', 'synonym_of_id'])
    .execute()) {
    graph.addTag(tag);
    ids.set(tag.name, tag.id);
    names.set(tag.id, tag.name);
    if (tag.kind === 'rating') ratingIds.set(tag.name, tag.id);
  }
  for (const m of await db.selectFrom('meta_taggings').selectAll().execute())
    graph.addMetaTag(m.sub_tag_id, m.meta_tag_id);
  for (const p of await db.selectFrom('tag_parents').selectAll().execute()) graph.addParent(p.child_id, p.parent_id);
  const lookup: TagLookup = { idOf: (name) => ids.get(name)!, nameOf: (id) => names.get(id)! };
  return { graph, ids, names, ratingIds, lookup };
}

export async function loadCorpus(
  db: Db,
  generator: CorpusGenerator,
  options: { batchSize?: number; onProgress?: (progress: LoadProgress) => void } = {},
): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 2000;
  const load = await prepareLoad(db);
  const languages = new Map(
    (await db.selectFrom('languages').select(['id', 'code']).execute()).map((l) => [l.code, l.id]),
  );
  const tags = await loadTagState(db);
  const base = {
    user: await maxId(db, 'users'),
    pseud: await maxId(db, 'pseuds'),
    tag: await maxId(db, 'tags'),
    work: await maxId(db, 'works'),
    chapter: await maxId(db, 'chapters'),
  };
  const bodyLimit = bodyLimitOf(db);
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

    const newUsers = [...new Set(steps.map((s) => s.work.creator))].filter((c) => !users.has(c));
    for (const c of newUsers) users.add(c);
    const newTags = steps.flatMap((s) => s.newTags);
    for (const t of newTags) {
      const id = ++nextTag;
      tags.ids.set(t.name, id);
      tags.names.set(id, t.name);
    }
    const tagRows = newTags.map((t) => ({
      id: tags.ids.get(t.name)!,
      name: t.name,
      name_key: tagNameKey(t.name),
      kind: t.kind,
      is_canonical: t.isCanonical ? 1 : 0,
      synonym_of_id: t.synonymOf ? tags.ids.get(t.synonymOf)! : null,
      created_at: now,
    }));
    for (const row of tagRows) tags.graph.addTag(row);
    const links = steps
      .flatMap((s) => s.newLinks)
      .map((l) => ({ ...l, from: tags.ids.get(l.from)!, to: tags.ids.get(l.to)! }));
    for (const l of links) {
      if (l.kind === 'meta') tags.graph.addMetaTag(l.from, l.to);
      else tags.graph.addParent(l.from, l.to);
    }

    const works: Array<ReturnType<typeof workRow>> = [];
    const chapters: Array<ReturnType<typeof chapterRows>[number]> = [];
    const taggings: Array<ReturnType<typeof taggingRows>[number]> = [];
    const filterTaggings: Array<{ work_id: number; tag_id: number; is_inherited: number }> = [];
    const indexRows: IndexRow[] = [];
    for (const { work: w } of steps) {
      const work = workRow(w, base.work + w.key, languages.get(w.languageCode) ?? languages.get('en')!, now);
      const workChapters = chapterRows(w, work.id, () => ++nextChapter, now);
      const workTaggings = taggingRows(w, work.id, tags.lookup);
      // The archive's own derivation, over the tags on the work and its rating's tag.
      const filterTags = filterTagsOf(
        [...workTaggings.map((t) => t.tag_id), tags.ratingIds.get(w.rating)!],
        tags.graph,
      );
      for (const [tagId, inherited] of filterTags)
        filterTaggings.push({ work_id: work.id, tag_id: tagId, is_inherited: inherited ? 1 : 0 });
      const creator = `writer${w.creator + 1}`;
      const source = indexSourceOf(work, creator, workTaggings, filterTags.keys(), workChapters, tags.lookup);
      indexRows.push(indexRowOf(source, tags.graph, bodyLimit));
      works.push(work);
      chapters.push(...workChapters);
      taggings.push(...workTaggings);
    }

    await db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'users',
        newUsers.map((c) => userRow(base.user + c + 1, c + 1, now)),
      );
      await insertRows(
        trx,
        'pseuds',
        newUsers.map((c) => pseudRow(base.pseud + c + 1, base.user + c + 1, c + 1, now)),
      );
      await insertRows(trx, 'tags', tagRows);
      await insertRows(
        trx,
        'meta_taggings',
        links.filter((l) => l.kind === 'meta').map((l) => ({ sub_tag_id: l.from, meta_tag_id: l.to })),
      );
      await insertRows(
        trx,
        'tag_parents',
        links.filter((l) => l.kind === 'parent').map((l) => ({ child_id: l.from, parent_id: l.to })),
      );
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
      await insertRows(trx, 'chapters', chapters);
      await insertRows(trx, 'taggings', taggings);
      await insertRows(trx, load.filterTaggings, filterTaggings);
      await storeIndexRows(trx, indexRows);
    });
    done += steps.length;
    options.onProgress?.({ done, total: generator.works });
    // Lets the progress bar's timer run: SQLite answers synchronously, so awaits alone never yield.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const finishing = Date.now();
  await load.finish((step) => options.onProgress?.({ done, total: generator.works, finishing: step }));
  return {
    works: done,
    tags: nextTag - base.tag,
    users: users.size,
    seconds: (Date.now() - started) / 1000,
    finishSeconds: (Date.now() - finishing) / 1000,
  };
}
