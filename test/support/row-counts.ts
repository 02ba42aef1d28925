/**
 * Row counts of every table posting, editing and importing a work write, so
 * a test can prove a refused form or file wrote nothing at all
 * (`expect(await rowCounts(db)).toEqual(before)`).
 */
import type { Db } from '../../src/db/database.ts';

const TABLES = [
  'works',
  'chapters',
  'creatorships',
  'taggings',
  'tags',
  'series',
  'series_works',
  'related_works',
  'gifts',
  'jobs', // outbox events and mail
  'audit_log',
] as const;

export async function rowCounts(db: Db): Promise<Record<string, number>> {
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
