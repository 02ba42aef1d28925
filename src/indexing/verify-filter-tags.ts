/**
 * `quire tags verify`: recomputes every work's filter tags from scratch and
 * compares them with what is stored, so drift (a missed re-derivation, a
 * job that died, a hand-edited database) is found rather than guessed at.
 * With `fix`, drifted works are re-derived through the one writer.
 */
import type { Db } from '../db/database.ts';
import { listStoredFilterTaggings, listTagNames, listWorkIdsAfter } from './filter-tag-queries.ts';
import { chunked, deriveFilterTags, rederiveWorkFilterTags } from './filter-tags.ts';

export interface WorkDrift {
  workId: number;
  /** Tag names the work should have as filter tags but does not. */
  missing: string[];
  /** Tag names stored as filter tags that it should not have. */
  extra: string[];
}

export interface VerifyOutcome {
  worksChecked: number;
  drift: WorkDrift[];
  fixed: boolean;
}

const PAGE = 200;

export async function verifyFilterTags(db: Db, { fix = false } = {}): Promise<VerifyOutcome> {
  const drift: WorkDrift[] = [];
  let worksChecked = 0;
  let after = 0;
  for (;;) {
    const ids = await listWorkIdsAfter(db, after, PAGE);
    if (!ids.length) break;
    after = ids.at(-1)!;
    worksChecked += ids.length;
    const derived = await deriveFilterTags(db, ids);
    const stored = await listStoredFilterTaggings(db, ids);
    const storedByWork = new Map<number, Map<number, boolean>>(ids.map((id) => [id, new Map()]));
    for (const row of stored) storedByWork.get(row.work_id)!.set(row.tag_id, row.is_inherited === 1);
    const found: Array<{ workId: number; missing: number[]; extra: number[] }> = [];
    for (const id of ids) {
      const want = derived.get(id)!;
      const have = storedByWork.get(id)!;
      // A tag held as "inherited" that should be "direct" (or back) is drift too: listings may show only direct tags.
      const missing = [...want].filter(([tag, inherited]) => have.get(tag) !== inherited).map(([tag]) => tag);
      const extra = [...have.keys()].filter((tag) => !want.has(tag));
      if (missing.length || extra.length) found.push({ workId: id, missing, extra });
    }
    drift.push(...(await withNames(db, found)));
  }
  if (fix && drift.length) {
    for (const chunk of chunked(
      drift.map((d) => d.workId),
      PAGE,
    )) {
      await db.transaction().execute((trx) => rederiveWorkFilterTags(trx, chunk));
    }
  }
  return { worksChecked, drift, fixed: fix && drift.length > 0 };
}

async function withNames(
  db: Db,
  found: Array<{ workId: number; missing: number[]; extra: number[] }>,
): Promise<WorkDrift[]> {
  const ids = [...new Set(found.flatMap((f) => [...f.missing, ...f.extra]))];
  const names = new Map<number, string>();
  for (const chunk of chunked(ids, 500)) {
    for (const row of await listTagNames(db, chunk)) {
      names.set(row.id, row.name);
    }
  }
  const name = (id: number) => names.get(id) ?? `#${id}`;
  return found.map((f) => ({ workId: f.workId, missing: f.missing.map(name), extra: f.extra.map(name) }));
}
