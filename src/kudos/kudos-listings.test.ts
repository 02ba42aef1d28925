/**
 * Kudos in listings: the count every listing shows and sorts by, exact at
 * once on SQL and in the in-memory index, and a reader's private kudos
 * history at /users/:name/kudos with the listing's filters.
 */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import { findWorks } from '../search/find-works.ts';
import type { SortKey } from '../search/filters.ts';
import { parseFilters } from '../search/form.ts';
import { startMemoryIndex, type WorkIndex } from '../search/memory/work-index.ts';
import type { ListingScope } from '../search/plan.ts';
import { answer, takeSnapshot } from '../search/reference.test-helper.ts';
import { softDeleteWork } from '../works/delete-work.ts';
import { insertKudos } from './queries.ts';

/** A second handle on the database, so the in-memory index it keeps is this test's own. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

forEachDatabase('kudos in listings', (t) => {
  let indexed: Db;
  let index: WorkIndex;
  let fan: User;
  let works: number[];

  beforeAll(async () => {
    const writer = await makeUser(t.db);
    fan = await makeUser(t.db, { username: `historian${process.pid}` });
    works = [];
    for (const title of ['Ferry at Dusk', 'Copper Kettle', 'Ninth Bell'])
      works.push(await makeWork(t.db, writer, { title, rating: 'General Audiences' }));
    works.push(await makeWork(t.db, writer, { title: 'Members Only Lane', isRestricted: true }));
    indexed = t.db.withPlugin(passThrough);
    index = startMemoryIndex(indexed)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  });

  const listedBoth = async (query: string, scope: ListingScope, scopeSort?: SortKey) => {
    const { filters } = parseFilters(new URLSearchParams(query), scopeSort);
    const sql = (await findWorks(t.db, filters, scope)).workIds;
    const memory = (await findWorks(indexed, filters, scope)).workIds;
    const reference = answer(await takeSnapshot(t.db), filters, scope).ids;
    return { sql, memory, reference };
  };

  it('sorts by kudos and compares kudos>=N, exactly, as soon as kudos are left', async () => {
    const [a, b, c] = works;
    const givers = [fan, await makeUser(t.db), await makeUser(t.db)];
    // b gets three, c two, a one.
    for (const [workId, count] of [
      [b, 3],
      [c, 2],
      [a, 1],
    ] as const)
      for (const giver of givers.slice(0, count))
        await insertKudos(t.db, { workId, chapterId: null, giver: { userId: giver.id } });
    const scope = { includeRestricted: true };
    const sorted = await listedBoth('sort=kudos', scope);
    expect(sorted.sql.slice(0, 3)).toEqual([b, c, a]);
    expect(sorted.memory).toEqual(sorted.sql);
    expect(sorted.reference).toEqual(sorted.sql);
    const many = await listedBoth('q=kudos>=2', scope);
    expect(many.sql.sort()).toEqual([b, c].sort());
    expect(many.memory.sort()).toEqual(many.sql);
    expect(many.reference.sort()).toEqual(many.sql);
  });

  it('lists a reader’s kudos history through the kudosFrom scope, on SQL, in memory and in the reference', async () => {
    const restricted = works[3];
    await insertKudos(t.db, { workId: restricted, chapterId: null, giver: { userId: fan.id } });
    const member = { includeRestricted: true, kudosFrom: fan.id };
    const all = await listedBoth('', member);
    expect(all.sql.sort()).toEqual(works.slice().sort()); // fan gave to a, b, c and the restricted one
    expect(all.memory.sort()).toEqual(all.sql);
    expect(all.reference.sort()).toEqual(all.sql);
    const found = await listedBoth('q=copper', member);
    expect(found.sql).toEqual([works[1]]);
    expect(found.memory).toEqual(found.sql);
    expect((await listedBoth('', { includeRestricted: false, kudosFrom: fan.id })).sql).not.toContain(restricted);
  });

  it('orders the history by when the reader left each kudos, newest first, everywhere alike', async () => {
    const [a, b, c, restricted] = works;
    const member = { includeRestricted: true, kudosFrom: fan.id };
    // The fan left kudos on b, then c, then a (the first test), then the restricted work (the second).
    const newest = await listedBoth('', member, 'kudos_given');
    expect(newest.sql).toEqual([restricted, a, c, b]);
    expect(newest.memory).toEqual(newest.sql);
    expect(newest.reference).toEqual(newest.sql);
    const oldest = await listedBoth('order=asc', member, 'kudos_given');
    expect(oldest.sql).toEqual([b, c, a, restricted]);
    expect(oldest.memory).toEqual(oldest.sql);
    expect(oldest.reference).toEqual(oldest.sql);
    // Another sort still applies when asked for; a listing without the scope sorts by date updated instead.
    const byKudos = await listedBoth('sort=kudos', member, 'kudos_given');
    expect(byKudos.sql.slice(0, 2)).toEqual([b, c]);
    const elsewhere = await findWorks(t.db, parseFilters(new URLSearchParams('sort=kudos_given')).filters, {
      includeRestricted: true,
    });
    expect(elsewhere.plan.sort).toBe('updated');
  });

  it('shows the history to its reader alone, with the kudos count on each blurb and the listing filters', async () => {
    const app = makeTestApp(t.db);
    const own = new Browser(app);
    await signIn(own, t.db, fan);
    expect(await own.page(`/users/${fan.username}`)).toContain(`href="/users/${fan.username}/kudos"`);
    const html = await own.page(`/users/${fan.username}/kudos`);
    for (const title of ['Ferry at Dusk', 'Copper Kettle', 'Ninth Bell', 'Members Only Lane'])
      expect(html).toContain(title);
    expect(html).toMatch(/Kudos:<\/dt>\s*<dd>3<\/dd>/);
    // Latest kudos first, offered as the page's own sort; /works offers no such sort.
    const order = ['Members Only Lane', 'Ferry at Dusk', 'Ninth Bell', 'Copper Kettle'].map((t) => html.indexOf(t));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(html).toMatch(/<option value="kudos_given" selected="">Date you left kudos<\/option>/);
    expect(await own.page('/works')).not.toContain('value="kudos_given"');
    const filtered = await own.page(`/users/${fan.username}/kudos?q=ferry`);
    expect(filtered).toContain('Ferry at Dusk');
    expect(filtered).not.toContain('Copper Kettle');

    // A deleted work leaves the history.
    await t.db.transaction().execute((trx) => softDeleteWork(trx, works[2], new Date()));
    expect(await own.page(`/users/${fan.username}/kudos`)).not.toContain('Ninth Bell');

    const other = new Browser(app);
    await signIn(other, t.db, await makeUser(t.db));
    expect((await other.get(`/users/${fan.username}/kudos`)).status).toBe(403);
    expect((await new Browser(app).get(`/users/${fan.username}/kudos`)).status).toBe(403);
    expect((await new Browser(app).get(`/users/nobody${process.pid}/kudos`)).status).toBe(404);
  });
});
