/**
 * Keeps the search index in step with works. `reindexWorks(trx, ids)` is
 * called inside the same transaction that changed a work (beside the filter
 * tag re-derivation), so a search never sees a work that is not there or
 * misses one that is. Each work's document holds its title, creators (not
 * for anonymous works), tags — as typed and their canonical and meta forms —
 * summary and notes, and the text of its posted chapters. The same pass
 * works out the facts listings sort and filter on: the sortable title and
 * creator, whether the work is a crossover, and how many tags it has.
 */
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';
import { textOfHtml } from '../html/visible-text.ts';
import { loadUpwardGraph, type UpwardGraph } from '../tags/tag-graph.ts';
import {
  clearIndex,
  countWorks,
  deleteIndexRows,
  loadCreatorNames,
  loadFilterTagNames,
  loadPostedChapters,
  loadTaggings,
  loadWorkRows,
  nextWorkIds,
  writeIndexRows,
  type IndexRow,
} from './index-queries.ts';
import { creatorSortKey, foldedText, titleSortKey } from './text.ts';
import { concealsCreators, isInState } from '../visibility/index.ts';

/** Works per batch: enough to amortize the queries, few enough to keep chapter text in memory small. */
export const INDEX_BATCH = 200;

/**
 * PostgreSQL refuses a tsvector over 1 MB, so a very long work's text is
 * indexed up to this many characters there; SQLite's FTS5 has no such limit.
 */
export const POSTGRES_BODY_LIMIT = 300_000;

function groupByWork<T extends { work_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.work_id);
    if (group) group.push(row);
    else groups.set(row.work_id, [row]);
  }
  return groups;
}

/**
 * AO3's rule: a work is a crossover when it has fandoms and no one of them
 * is related (shares a meta tag, itself included) to all the others.
 * Synonyms count as their canonical; an unwrangled fandom stands alone.
 */
export function isCrossover(fandomIds: readonly number[], graph: UpwardGraph): boolean {
  const roots = [...new Set(fandomIds.map((id) => graph.canonicalOf(id) ?? id))];
  if (roots.length < 2) return false;
  const groups = roots.map((root) => {
    const family = new Set([root]);
    const queue = [root];
    while (queue.length) {
      for (const above of graph.above(queue.pop()!)) {
        if (!family.has(above)) {
          family.add(above);
          queue.push(above);
        }
      }
    }
    return family;
  });
  return !groups.some((a) => groups.every((b) => [...a].some((tag) => b.has(tag))));
}

/** Everything one work's index row is made of, as the index queries read it. */
export interface WorkIndexSource {
  work: {
    id: number;
    title: string;
    summary: string;
    notes: string;
    end_notes: string;
    is_anonymous: number;
    is_unrevealed: number;
  };
  /** Accepted creators in order: a pseud with its account's name, or an imported name. */
  creators: ReadonlyArray<{ pseud_name: string | null; username: string | null; external_name: string | null }>;
  /** Tags as typed on the work, with their field. */
  taggings: ReadonlyArray<{ field: string; tag_id: number; name: string }>;
  /** Names of the work's filter tags. */
  filterTagNames: readonly string[];
  /** Posted chapters in order. */
  chapters: ReadonlyArray<{ title: string; summary: string; notes: string; end_notes: string; body: string }>;
}

/** Characters of work text indexed on this dialect (see POSTGRES_BODY_LIMIT). */
export function bodyLimitOf(db: Db): number {
  return dialectOf(db) === 'postgres' ? POSTGRES_BODY_LIMIT : Infinity;
}

/** The index row of one work; `graph` must reach above the work's fandoms (for the crossover flag). */
export function indexRowOf(source: WorkIndexSource, graph: UpwardGraph, bodyLimit: number): IndexRow {
  const { work, taggings: typed, chapters: workChapters } = source;
  // An anonymous or unrevealed work must not be findable by its creator's name.
  const isAnonymous = concealsCreators(work);
  const names = isAnonymous
    ? []
    : source.creators.flatMap((c) =>
        c.pseud_name
          ? [c.pseud_name, ...(c.username && c.username !== c.pseud_name ? [c.username] : [])]
          : [c.external_name ?? ''],
      );
  const tagNames = new Set([...typed.map((t) => t.name), ...source.filterTagNames]);
  const headings = workChapters.flatMap((c) => [
    c.title,
    textOfHtml(c.summary),
    textOfHtml(c.notes),
    textOfHtml(c.end_notes),
  ]);
  const body = foldedText(workChapters.map((c) => textOfHtml(c.body)).join('\n'));
  return {
    workId: work.id,
    title: foldedText(work.title),
    creators: foldedText(names.join(' \n ')),
    tags: foldedText([...tagNames].join(' \n ')),
    summary: foldedText([work.summary, work.notes, work.end_notes].map(textOfHtml).concat(headings).join('\n')),
    body: body.length > bodyLimit ? body.slice(0, body.lastIndexOf(' ', bodyLimit)) : body,
    titleSort: titleSortKey(work.title),
    creatorSort: isAnonymous ? 'anonymous' : creatorSortKey(names[0] ?? ''),
    isCrossover: isCrossover(
      typed.filter((t) => t.field === 'fandom').map((t) => t.tag_id),
      graph,
    ),
    tagCount: typed.length,
  };
}

/** Builds the index rows of a batch of works from the database. */
export async function buildIndexRows(db: Db, workIds: readonly number[]): Promise<IndexRow[]> {
  const ids = [...new Set(workIds)];
  if (!ids.length) return [];
  const [works, creators, taggings, filterTags, chapters] = await Promise.all([
    loadWorkRows(db, ids),
    loadCreatorNames(db, ids),
    loadTaggings(db, ids),
    loadFilterTagNames(db, ids),
    loadPostedChapters(db, ids),
  ]);
  const creatorsByWork = groupByWork(creators);
  const taggingsByWork = groupByWork(taggings);
  const filterTagsByWork = groupByWork(filterTags);
  const chaptersByWork = groupByWork(chapters);
  const fandomIds = taggings.filter((t) => t.field === 'fandom').map((t) => t.tag_id);
  const graph = await loadUpwardGraph(db, fandomIds);
  const bodyLimit = bodyLimitOf(db);
  return works
    .filter((work) => !isInState(work, 'deleted'))
    .map((work) =>
      indexRowOf(
        {
          work,
          creators: creatorsByWork.get(work.id) ?? [],
          taggings: taggingsByWork.get(work.id) ?? [],
          filterTagNames: (filterTagsByWork.get(work.id) ?? []).map((t) => t.name),
          chapters: chaptersByWork.get(work.id) ?? [],
        },
        graph,
        bodyLimit,
      ),
    );
}

/** Writes index rows built by `indexRowOf` (bulk loaders); call inside the transaction that wrote the works. */
export function storeIndexRows(db: Db, rows: readonly IndexRow[]): Promise<void> {
  return writeIndexRows(db, rows);
}

/** Re-indexes these works. Call inside the transaction that changed them. */
export async function reindexWorks(db: Db, workIds: readonly number[]): Promise<void> {
  const ids = [...new Set(workIds)];
  for (let i = 0; i < ids.length; i += INDEX_BATCH) {
    const batch = ids.slice(i, i + INDEX_BATCH);
    const rows = await buildIndexRows(db, batch);
    await writeIndexRows(db, rows);
    // A deleted work waiting for its purge stays out of the index, whatever re-indexes it (a tag renamed, a rebuild).
    const indexed = new Set(rows.map((row) => row.workId));
    const gone = batch.filter((id) => !indexed.has(id));
    if (gone.length) await deleteIndexRows(db, gone);
  }
}

/** Takes works out of the index while their rows stay (soft deletion). Call inside the transaction that changed them. */
export function unindexWorks(db: Db, workIds: readonly number[]): Promise<void> {
  return deleteIndexRows(db, [...new Set(workIds)]);
}

export interface RebuildProgress {
  done: number;
  total: number;
}

/**
 * Rebuilds the whole index from the works, in place (searches keep working
 * meanwhile), a batch per transaction so the archive stays writable;
 * reports progress after each batch. `fresh` empties the index first.
 */
export async function rebuildIndex(
  db: Db,
  onProgress: (progress: RebuildProgress) => void = () => {},
  options: { fresh?: boolean } = {},
): Promise<number> {
  const total = await countWorks(db);
  if (options.fresh) await clearIndex(db);
  let done = 0;
  let afterId = 0;
  onProgress({ done, total });
  for (;;) {
    const ids = await nextWorkIds(db, afterId, INDEX_BATCH);
    if (!ids.length) break;
    await db.transaction().execute((trx) => reindexWorks(trx, ids));
    afterId = ids.at(-1)!;
    // Lets the progress bar's timer run: SQLite answers synchronously, so awaits alone never yield.
    await new Promise<void>((resolve) => setImmediate(resolve));
    done += ids.length;
    onProgress({ done: Math.min(done, Math.max(total, done)), total: Math.max(total, done) });
  }
  return done;
}
