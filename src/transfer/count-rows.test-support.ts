/**
 * For the transfer tests: the row counts of every table an import writes,
 * so a test can prove a refused file wrote nothing at all.
 */
import type { Database } from '../db/database.ts';

const TABLES = ['works', 'chapters', 'tags', 'taggings', 'creatorships', 'series', 'series_works'] as const;

export async function countRows(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
