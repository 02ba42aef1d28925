/**
 * The derived filter tags of each work (AO3's `filter_taggings`): the tags a
 * filter finds the work under. This is the ONLY module that writes
 * `filter_taggings` (through filter-tag-queries.ts), and every path that changes a work's tags or the tag graph comes through
 * `rederiveWorkFilterTags` or `rederiveForTags`.
 *
 * A work's filter tags are: the canonical form of each tag on it (a
 * canonical tag itself, or the canonical a synonym points at; unwrangled and
 * unwrangleable tags are not filterable), its rating's tag, every meta tag
 * above those (transitively), and — beyond AO3 — the parent fandoms of its
 * wrangled relationship and character tags, so a work imported without a
 * fandom is found under the fandom once its relationship is wrangled.
 *
 * It lives in search/, beside the indexer it keeps in step: filter tags are
 * what search filters find works under, derived from tags/'s graph.
 */
import type { Db } from '../db/database.ts';
import { enqueueJob } from '../jobs/queries.ts';
import { listTagsOneBelow, listTypedTags, listWorkIdsWithTags, replaceFilterTaggings } from './filter-tag-queries.ts';
import { loadUpwardGraph, type UpwardGraph } from '../tags/tag-graph.ts';
import { reindexWorks } from './indexer.ts';

export const FILTER_TAGS_JOB = 'rederive-filter-tags';
const WORK_CHUNK = 200;
const IN_CHUNK = 500;

/** Filter tags of one work: tag id → inherited (true) or direct (false). */
export type FilterTagSet = Map<number, boolean>;

let jobThreshold = Number(process.env.QUIRE_FILTER_JOB_THRESHOLD) || 500;

/** For tests and operators: changes the threshold, returning the previous one. */
export function setFilterJobThreshold(works: number): number {
  const previous = jobThreshold;
  jobThreshold = works;
  return previous;
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Computes (without writing) the filter tags the given works should have. */
export async function deriveFilterTags(db: Db, workIds: readonly number[]): Promise<Map<number, FilterTagSet>> {
  const result = new Map<number, FilterTagSet>(workIds.map((id) => [id, new Map()]));
  if (!workIds.length) return result;
  const typed: Array<{ work_id: number; tag_id: number }> = [];
  for (const chunk of chunked(workIds, IN_CHUNK)) {
    // The rating is a column of the work; its canonical tag has the same name.
    typed.push(...(await listTypedTags(db, chunk)));
  }
  const graph = await loadUpwardGraph(db, [...new Set(typed.map((t) => t.tag_id))]);
  const typedByWork = new Map<number, number[]>(workIds.map((id) => [id, []]));
  for (const { work_id, tag_id } of typed) typedByWork.get(work_id)!.push(tag_id);
  for (const [workId, tagIds] of typedByWork) result.set(workId, filterTagsOf(tagIds, graph));
  return result;
}

/**
 * The filter tags of one work, from the tags on it (its rating's tag
 * included) and the graph above them: their canonical forms, then every
 * meta tag and inherited fandom above those, transitively.
 */
export function filterTagsOf(tagIds: Iterable<number>, graph: UpwardGraph): FilterTagSet {
  const set: FilterTagSet = new Map();
  for (const id of tagIds) {
    const canonical = graph.canonicalOf(id);
    if (canonical !== undefined) set.set(canonical, false);
  }
  addInherited(set, graph);
  return set;
}

/** Adds every meta tag above the set's tags, and the fandoms of its relationships and characters, transitively. */
function addInherited(set: FilterTagSet, graph: UpwardGraph): void {
  const queue = [...set.keys()];
  while (queue.length) {
    const id = queue.pop()!;
    for (const above of graph.above(id)) {
      if (set.has(above)) continue;
      set.set(above, true);
      queue.push(above);
    }
  }
}

/** Re-derives and stores the filter tags of these works. Call inside the transaction that changed them. */
export async function rederiveWorkFilterTags(db: Db, workIds: readonly number[]): Promise<void> {
  for (const chunk of chunked([...new Set(workIds)], WORK_CHUNK)) {
    const derived = await deriveFilterTags(db, chunk);
    const rows = [...derived].flatMap(([work_id, set]) =>
      [...set].map(([tag_id, inherited]) => ({ work_id, tag_id, is_inherited: inherited ? 1 : 0 })),
    );
    await replaceFilterTaggings(db, chunk, rows, IN_CHUNK);
    // The search index holds tag names and the crossover flag, so it follows the filter tags.
    await reindexWorks(db, chunk);
  }
}

/**
 * The tags whose works a change to `tagIds` can touch: the tags themselves,
 * their synonyms, their sub tags, and the relationships and characters in a
 * fandom — transitively, over the graph as it is now.
 */
export async function findTagsBelow(db: Db, tagIds: readonly number[]): Promise<number[]> {
  const seen = new Set(tagIds);
  let frontier = [...seen];
  while (frontier.length) {
    const next: number[] = [];
    for (const chunk of chunked(frontier, IN_CHUNK)) {
      for (const id of await listTagsOneBelow(db, chunk)) {
        if (!seen.has(id)) {
          seen.add(id);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  return [...seen];
}

/**
 * Works whose filter tags a change to `tagIds` can alter: works tagged with
 * any tag below them (as the graph is now), and works that hold one of those
 * as a filter tag (as derived before the change). Wrangling actions pass
 * every tag they touched — both ends of a link — so both sides are covered.
 */
export async function findAffectedWorkIds(db: Db, tagIds: readonly number[]): Promise<number[]> {
  const below = await findTagsBelow(db, tagIds);
  const works = new Set<number>();
  for (const chunk of chunked(below, IN_CHUNK)) {
    for (const workId of await listWorkIdsWithTags(db, chunk)) works.add(workId);
  }
  return [...works].sort((a, b) => a - b);
}

export interface RederiveOutcome {
  /** How many works the change touches. */
  works: number;
  /** True when a background job will do it (the tag's page says "Filter update pending"). */
  queued: boolean;
}

/**
 * Re-derives the works a wrangling action on `tagIds` touched: at once
 * inside the caller's transaction, or — above the threshold — by queueing
 * one job per tag (in the same transaction, so the job exists iff the
 * change committed).
 */
export async function rederiveForTags(db: Db, tagIds: readonly number[]): Promise<RederiveOutcome> {
  const ids = [...new Set(tagIds)];
  const affected = await findAffectedWorkIds(db, ids);
  if (affected.length > jobThreshold) {
    for (const tagId of ids)
      await enqueueJob(db, { kind: FILTER_TAGS_JOB, subject: filterJobSubject(tagId), payload: { tagId } });
    return { works: affected.length, queued: true };
  }
  await rederiveWorkFilterTags(db, affected);
  return { works: affected.length, queued: false };
}

export function rederiveForTag(db: Db, tagId: number): Promise<RederiveOutcome> {
  return rederiveForTags(db, [tagId]);
}

export function filterJobSubject(tagId: number): string {
  return `tag:${tagId}`;
}

/** The job: re-derives the works of one tag in small transactions, so a big fandom never holds a long lock. */
export async function runFilterTagsJob(db: Db, payload: unknown): Promise<void> {
  const tagId = (payload as { tagId?: unknown } | null)?.tagId;
  if (typeof tagId !== 'number') throw new Error('A filter tags job needs a numeric tagId.');
  const affected = await findAffectedWorkIds(db, [tagId]);
  for (const chunk of chunked(affected, WORK_CHUNK)) {
    await db.transaction().execute((trx) => rederiveWorkFilterTags(trx, chunk));
  }
}
