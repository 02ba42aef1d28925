/**
 * Puts a work's chapters in the order the writer numbered them on the
 * manage page. Numbers only need to say the order. On a tie the moved
 * chapter wins the number: moved up, it goes before the chapter there
 * (3 → 1 puts it first); moved down, after it (1 → 3 puts it last). The
 * result is always renumbered 1..n without gaps.
 */
import type { Db } from '../db/database.ts';
import { refreshWorkStats } from '../works/queries.ts';
import { listChapters, renumberChapters } from '../works/chapter-queries.ts';

export async function reorderChapters(db: Db, workId: number, wanted: ReadonlyMap<number, number>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const chapters = await listChapters(trx, workId);
    const target = (c: { id: number; position: number }) => wanted.get(c.id) ?? c.position;
    const direction = (c: { id: number; position: number }) => Math.sign(target(c) - c.position);
    const ordered = [...chapters].sort(
      (a, b) => target(a) - target(b) || direction(a) - direction(b) || a.position - b.position,
    );
    await renumberChapters(
      trx,
      workId,
      ordered.map((c) => c.id),
    );
    await refreshWorkStats(trx, workId);
  });
}
