/**
 * The search box's comparisons at their boundaries (`words<1000` leaves out
 * a work of exactly 1,000 words, `words<=1000` keeps it), for words, kudos
 * and chapters, answered both by the SQL builder (src/search/query.ts) and
 * by the in-memory index (src/search/memory/), which turns each comparison
 * into inclusive bounds and so is where an off-by-one would hide.
 */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { findWorks } from './find-works.ts';
import { parseFilters } from './form.ts';
import { startMemoryIndex } from './memory/work-index.ts';

/** A second handle on the same database, so one keeps an in-memory index and the other answers from SQL. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

const words = (n: number) => `<p>${'tide '.repeat(n).trim()}</p>`;

forEachDatabase('search comparisons at their boundaries', (t) => {
  const engines: Record<'sql' | 'memory', () => Db> = {
    sql: () => t.db,
    memory: () => withIndex,
  };
  let withIndex: Db;
  let below: number;
  let exact: number;
  let above: number;

  beforeAll(async () => {
    const writer = await makeUser(t.db);
    // 999, 1,000 and 1,001 words; 1, 2 and 3 chapters; 9, 10 and 11 kudos.
    below = await makeWork(t.db, writer, { chapters: [chapter(words(999))] });
    exact = await makeWork(t.db, writer, { chapters: [chapter(words(500)), chapter(words(500))] });
    above = await makeWork(t.db, writer, {
      chapters: [chapter(words(1)), chapter(words(500)), chapter(words(500))],
    });
    for (const [id, kudos] of [
      [below, 9],
      [exact, 10],
      [above, 11],
    ])
      await t.db.updateTable('works').set({ kudos_count: kudos }).where('id', '=', id).execute();
    const counts = await t.db.selectFrom('works').select(['id', 'word_count', 'posted_chapters']).execute();
    expect(counts.map((w) => [w.word_count, w.posted_chapters])).toEqual([
      [999, 1],
      [1000, 2],
      [1001, 3],
    ]);
    withIndex = t.db.withPlugin(passThrough);
    const index = startMemoryIndex(withIndex)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  });

  for (const engine of ['sql', 'memory'] as const) {
    describe(`from ${engine}`, () => {
      async function find(q: string): Promise<number[]> {
        const { filters, problems } = parseFilters(new URLSearchParams({ q, sort: 'posted', order: 'asc' }));
        expect(problems).toEqual([]);
        const found = await findWorks(engines[engine](), filters, { includeRestricted: true });
        return [...found.workIds].sort((a, b) => a - b);
      }

      it.each([
        ['words', 1000],
        ['kudos', 10],
        ['chapters', 2],
      ] as const)('%s compared with %i: < and > leave the boundary out, <= and >= keep it', async (field, value) => {
        expect(await find(`${field}<${value}`)).toEqual([below]);
        expect(await find(`${field}<=${value}`)).toEqual([below, exact]);
        expect(await find(`${field}>${value}`)).toEqual([above]);
        expect(await find(`${field}>=${value}`)).toEqual([exact, above]);
        expect(await find(`${field}=${value}`)).toEqual([exact]);
        expect(await find(`${field}>${value - 1} ${field}<${value + 1}`)).toEqual([exact]);
      });
    });
  }
});
