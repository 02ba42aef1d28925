/**
 * `works.bookmarks_count` as the bookmark commands keep it, read back by the work listings' bookmarks sort and
 * `bookmarks>=N` — in SQL (a handle with no in-memory index) and in the in-memory index (a handle with one),
 * which must agree with a count of the public bookmarks made.
 */
import type { KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import { startMemoryIndex } from '../search/memory/work-index.ts';
import { deleteBookmark, insertBookmark, updateBookmark } from './queries.ts';

const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

forEachDatabase('bookmark counts in sorts, in SQL and in the in-memory index', (t) => {
  it('sorts and compares by public bookmarks after every create, flag change and delete', async () => {
    const writer = await makeUser(t.db);
    const works: number[] = [];
    for (let i = 0; i < 4; i++) works.push(await makeWork(t.db, writer, { title: `Counted ${i}` }));
    const fans: { user: User }[] = [];
    for (let i = 0; i < 4; i++) fans.push({ user: await makeUser(t.db) });
    const pseuds = await Promise.all(fans.map(async (f) => (await findDefaultPseud(t.db, f.user.id)).id));
    const memoryDb = t.db.withPlugin(passThrough);
    const index = startMemoryIndex(memoryDb)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);

    const made = new Map<string, { id: number; work: number; isPrivate: boolean }>();
    const mark = async (fan: number, work: number, isPrivate: boolean) => {
      const id = await insertBookmark(t.db, {
        item: { kind: 'work', id: works[work] },
        pseudId: pseuds[fan],
        userId: fans[fan].user.id,
        notes: '',
        isRec: false,
        isPrivate,
        tags: [],
      });
      made.set(`${fan}:${work}`, { id: id!, work: works[work], isPrivate });
    };
    const expected = () => {
      const counts = new Map(works.map((w) => [w, 0]));
      for (const b of made.values()) if (!b.isPrivate) counts.set(b.work, counts.get(b.work)! + 1);
      return counts;
    };
    const check = async (step: string) => {
      const counts = expected();
      const bySort = [...works].sort((a, b) => counts.get(b)! - counts.get(a)! || b - a);
      const atLeastTwo = works.filter((w) => counts.get(w)! >= 2);
      for (const [name, db] of [
        ['sql', t.db],
        ['memory', memoryDb],
      ] as const) {
        const list = async (query: string) =>
          (await findWorks(db, parseFilters(new URLSearchParams(query)).filters, { includeRestricted: true })).workIds;
        const sorted = await list('sort=bookmarks');
        // Ties keep the listing's own tie order; the counts must be non-increasing and match.
        expect(
          sorted.map((w) => counts.get(w)),
          `${step} ${name}`,
        ).toEqual(bySort.map((w) => counts.get(w)));
        expect(new Set(await list('q=bookmarks>=2')), `${step} ${name} >=2`).toEqual(new Set(atLeastTwo));
      }
    };

    await mark(0, 0, false);
    await mark(1, 0, false);
    await mark(2, 0, true);
    await mark(0, 1, false);
    await mark(3, 2, false);
    await mark(2, 2, false);
    await mark(1, 2, false);
    await check('after creating');
    const turned = made.get('2:0')!;
    await updateBookmark(t.db, turned.id, { notes: '', isRec: false, isPrivate: false, tags: [] });
    turned.isPrivate = false;
    const hidden = made.get('3:2')!;
    await updateBookmark(t.db, hidden.id, { notes: '', isRec: false, isPrivate: true, tags: [] });
    hidden.isPrivate = true;
    await check('after changing flags');
    await deleteBookmark(t.db, made.get('0:0')!.id);
    made.delete('0:0');
    await deleteBookmark(t.db, made.get('1:2')!.id);
    made.delete('1:2');
    await check('after deleting');
    const stored = await t.db.selectFrom('works').select(['id', 'bookmarks_count']).where('id', 'in', works).execute();
    expect(new Map(stored.map((w) => [w.id, w.bookmarks_count]))).toEqual(expected());
    expect(index.caughtUp.countersPatched).toBeGreaterThan(0);
  });
});
