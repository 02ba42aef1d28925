/**
 * Counters apart from facts (migration 0012): a change of a work's kudos,
 * comment, bookmark or hit count reaches the in-memory index's next listing
 * — its sorts and `kudos>=N` comparisons — without the work's facts and
 * filter tags being read again, while any other change still re-reads them.
 * The proof that nothing else was re-read is a filter tag removed behind the
 * index's back: a counter change must not bring it in, a fact change must.
 */
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork } from '../../../test/support/factories.ts';
import { findWorks } from '../find-works.ts';
import { parseFilters } from '../form.ts';
import { orderSettings } from './order.ts';
import { startMemoryIndex, type WorkIndex } from './work-index.ts';

/** A second handle on the database, so the index it keeps is this test's own. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };
const COUNTERS = ['hits', 'kudos_count', 'comments_count', 'bookmarks_count'];

/** Columns of works no listing reads: changing them logs nothing (the trigger of migration 0012 leaves them out). */
const UNLISTED = ['downloads_count', 'hidden_reason', 'hidden_by', 'hold_reason'];

forEachDatabase('counter changes in the in-memory index', (t) => {
  let db: Db;
  let index: WorkIndex;
  let works: number[];
  const listed = async (query: string) =>
    (await findWorks(db, parseFilters(new URLSearchParams(query)).filters, { includeRestricted: true })).workIds;

  beforeAll(async () => {
    const writer = await makeUser(t.db);
    works = [];
    for (let i = 0; i < 5; i++) works.push(await makeWork(t.db, writer));
    for (const [i, id] of works.entries())
      await t.db
        .updateTable('works')
        .set({ kudos_count: i, hits: 10 * i })
        .where('id', '=', id)
        .execute();
    db = t.db.withPlugin(passThrough);
    index = startMemoryIndex(db)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  });
  afterEach(() => {
    orderSettings.sortOutright = 30_000;
  });

  it('sees a kudos change in the next listing without re-reading the work', async () => {
    // Read pages off the prebuilt orders, which a moved count must not leave stale.
    orderSettings.sortOutright = 0;
    // A canonical tag, so listings read its works from the index's filter tags (not from the database).
    const tagged = 'include=No Archive Warnings Apply';
    expect(await listed(`${tagged}&sort=kudos`)).toEqual([...works].reverse());
    const byHits = await listed(`${tagged}&sort=hits`);
    const { reloaded, countersPatched } = index.caughtUp;

    const target = works[1];
    // Behind the index's back: only re-reading the work's filter tags would notice this.
    await t.db.deleteFrom('filter_taggings').where('work_id', '=', target).execute();
    await t.db.updateTable('works').set({ kudos_count: 50 }).where('id', '=', target).execute();

    expect((await listed(`${tagged}&sort=kudos`))[0]).toBe(target);
    expect(await listed(`${tagged}&q=kudos>=50`)).toEqual([target]);
    expect(await listed(`${tagged}&sort=kudos&order=asc`)).toEqual([works[0], works[2], works[3], works[4], target]);
    orderSettings.sortOutright = 30_000;
    expect((await listed(`${tagged}&sort=kudos`))[0]).toBe(target);
    expect(await listed(`${tagged}&sort=hits`)).toEqual(byHits);
    expect(index.caughtUp).toEqual({ reloaded, countersPatched: countersPatched + 1 });
  });

  it('still re-reads a work whose facts change', async () => {
    const target = works[1];
    const before = index.caughtUp.reloaded;
    await t.db.updateTable('works').set({ rating: 'Mature', kudos_count: 60 }).where('id', '=', target).execute();
    expect(await listed('rating=Mature')).toEqual([target]);
    // The filter tag removed behind the index's back comes in with the re-read.
    expect(await listed('include=No Archive Warnings Apply&sort=kudos')).not.toContain(target);
    expect(index.caughtUp.reloaded).toBe(before + 1);
  });

  it('logs every column of a work but its counts as a fact change, and a count only when it moves', async () => {
    const work = works[3];
    const columns = (await t.db.introspection.getTables()).find((table) => table.name === 'works')!.columns;
    const logged = async (change: () => Promise<unknown>) => {
      const last = await t.db
        .selectFrom('search_changes')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      await change();
      const rows = await t.db
        .selectFrom('search_changes')
        .select('counters_only')
        .where('id', '>', Number(last?.id ?? 0))
        .where('work_id', '=', work)
        .execute();
      return rows.map((r) => r.counters_only);
    };
    const setTo = (column: string, value: (eb: never) => unknown) =>
      t.db
        .updateTable('works')
        .set({ [column]: value } as never)
        .where('id', '=', work)
        .execute();
    for (const { name } of columns) {
      if (name === 'id' || UNLISTED.includes(name) || COUNTERS.includes(name)) continue;
      expect(await logged(() => setTo(name, (eb: any) => eb.ref(name))), name).toEqual([0]); // eslint-disable-line @typescript-eslint/no-explicit-any
    }
    for (const name of COUNTERS) {
      expect(await logged(() => setTo(name, (eb: any) => eb(name, '+', 1))), name).toEqual([1]); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(await logged(() => setTo(name, (eb: any) => eb.ref(name))), `${name} unchanged`).toEqual([]); // eslint-disable-line @typescript-eslint/no-explicit-any
    }
    // Downloads are counted on the work but no listing reads them.
    expect(await logged(() => setTo('downloads_count', (eb: any) => eb('downloads_count', '+', 1)))).toEqual([]); // eslint-disable-line @typescript-eslint/no-explicit-any
    // Why and by whom a work was hidden: its creators and moderators read them on its page, no listing does.
    expect(await logged(() => setTo('hidden_reason', (eb: any) => eb.val('a reason')))).toEqual([]); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(await logged(() => setTo('hidden_by', (eb: any) => eb.val('a moderator')))).toEqual([]); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  // Last: on PostgreSQL the explicit ids leave the log's sequence behind.
  it('applies a change that commits after a later-numbered one', async () => {
    const target = works[4];
    await t.db.deleteFrom('filter_taggings').where('work_id', '=', target).execute();
    const last = await t.db
      .selectFrom('search_changes')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const id = Number(last?.id ?? 0);
    const changedAt = new Date().toISOString();
    await t.db
      .insertInto('search_changes')
      .values({ id: id + 2, work_id: works[0], changed_at: changedAt })
      .execute();
    expect(await listed('include=No Archive Warnings Apply')).toContain(target);
    // The transaction that took the id before it commits only now.
    await t.db
      .insertInto('search_changes')
      .values({ id: id + 1, work_id: target, changed_at: changedAt })
      .execute();
    expect(await listed('include=No Archive Warnings Apply')).not.toContain(target);
  });
});
