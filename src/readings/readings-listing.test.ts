/**
 * The `readingsOf` listing scope answers alike on SQL, in the in-memory
 * index and in the brute-force reference: each list (history, marked for
 * later, a status) and with a filter, for one member only.
 */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import { startMemoryIndex, type WorkIndex } from '../search/memory/work-index.ts';
import type { ListingScope } from '../search/plan.ts';
import { answer, takeSnapshot } from '../search/reference.test-helper.ts';
import { recordVisit, setMarkForLater, setReadingStatus } from './queries.ts';

/** A second handle on the database, so the in-memory index it keeps is this test's own. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

forEachDatabase('readings in listings', (t) => {
  let indexed: Db;
  let index: WorkIndex;
  let fan: User;
  let other: User;
  let works: number[];

  beforeAll(async () => {
    const writer = await makeUser(t.db);
    fan = await makeUser(t.db);
    other = await makeUser(t.db);
    works = [];
    for (const title of ['Quay Lamps', 'Rope Walk', 'Net Loft', 'Salt Cellar'])
      works.push(await makeWork(t.db, writer, { title }));
    const at = new Date();
    const visit = (userId: number, workId: number) =>
      recordVisit(t.db, { userId, workId, chapterId: null, firstChapterId: null, postedChapters: 1, at });
    await visit(fan.id, works[0]);
    await visit(fan.id, works[1]);
    await visit(other.id, works[2]);
    await setMarkForLater(t.db, fan.id, works[2], true, at);
    await setReadingStatus(t.db, fan.id, works[3], { status: 'dropped', note: null, rating: 2 }, at);
    indexed = t.db.withPlugin(passThrough);
    index = startMemoryIndex(indexed)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  });

  const listedAll = async (query: string, scope: ListingScope) => {
    const { filters } = parseFilters(new URLSearchParams(query));
    const sql = (await findWorks(t.db, filters, scope)).workIds.slice().sort();
    const memory = (await findWorks(indexed, filters, scope)).workIds.slice().sort();
    const reference = answer(await takeSnapshot(t.db), filters, scope)
      .ids.slice()
      .sort();
    return { sql, memory, reference };
  };

  it('lists each of a member’s readings lists alike on SQL, in memory and in the reference', async () => {
    const cases: Array<[string, ListingScope, number[]]> = [
      ['', { includeRestricted: true, readingsOf: { userId: fan.id, list: 'history' } }, [works[0], works[1]]],
      ['q=rope', { includeRestricted: true, readingsOf: { userId: fan.id, list: 'history' } }, [works[1]]],
      ['', { includeRestricted: true, readingsOf: { userId: fan.id, list: 'to-read' } }, [works[2]]],
      ['', { includeRestricted: true, readingsOf: { userId: fan.id, list: 'dropped' } }, [works[3]]],
      ['', { includeRestricted: true, readingsOf: { userId: fan.id, list: 'finished' } }, []],
      ['', { includeRestricted: true, readingsOf: { userId: other.id, list: 'history' } }, [works[2]]],
    ];
    for (const [query, scope, expected] of cases) {
      const found = await listedAll(query, scope);
      expect(found.sql, JSON.stringify(scope)).toEqual(expected.slice().sort());
      expect(found.memory).toEqual(found.sql);
      expect(found.reference).toEqual(found.sql);
    }
  });

  it('orders a list by when the member read or listed each work, latest first, everywhere alike', async () => {
    const reader = await makeUser(t.db);
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
    const visit = (workId: number, at: Date) =>
      recordVisit(t.db, { userId: reader.id, workId, chapterId: null, firstChapterId: null, postedChapters: 1, at });
    // Opened in the order 2, 0, 3, then 0 again last: the history reads 0, 3, 2.
    await visit(works[2], day(1));
    await visit(works[0], day(2));
    await visit(works[3], day(3));
    await visit(works[0], day(4));
    await setMarkForLater(t.db, reader.id, works[1], true, day(5));
    await setMarkForLater(t.db, reader.id, works[2], true, day(6));
    const ordered = async (query: string, list: 'history' | 'to-read') => {
      const scope: ListingScope = { includeRestricted: true, readingsOf: { userId: reader.id, list } };
      const { filters } = parseFilters(new URLSearchParams(query), 'reading_date');
      const sql = (await findWorks(t.db, filters, scope)).workIds;
      const memory = (await findWorks(indexed, filters, scope)).workIds;
      const reference = answer(await takeSnapshot(t.db), filters, scope).ids;
      expect(memory).toEqual(sql);
      expect(reference).toEqual(sql);
      return sql;
    };
    expect(await ordered('', 'history')).toEqual([works[0], works[3], works[2]]);
    expect(await ordered('order=asc', 'history')).toEqual([works[2], works[3], works[0]]);
    expect(await ordered('', 'to-read')).toEqual([works[2], works[1]]);
  });
});
