/**
 * `/collections`: every collection, filtered by open/closed, moderated and
 * fandom, sorted by title, date or size (the works a reader may see).
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';

forEachDatabase('the collections index', (t) => {
  let owner: User;
  let guest: Browser;
  let ownerB: Browser;

  beforeAll(async () => {
    owner = await makeUser(t.db);
    const app = makeTestApp(t.db);
    [guest, ownerB] = [new Browser(app), new Browser(app)];
    await signIn(ownerB, t.db, owner);
    for (const [name, settings, works, fandom] of [
      ['alder_moot', ['closed'], 1, 'Original Work'],
      ['birch_gathering', ['moderated'], 3, 'Lighthouse Tales'],
      ['cedar_circle', [], 2, 'Original Work'],
    ] as const) {
      await ownerB.post('/collections/new', { name, title: name.replace('_', ' '), settings: [...settings] });
      for (let i = 0; i < works; i++) {
        const workId = await makeWork(t.db, owner, { title: `${name} work ${i}`, fandoms: [fandom] });
        const id = (
          await t.db.selectFrom('collections').select('id').where('name', '=', name).executeTakeFirstOrThrow()
        ).id;
        const at = new Date().toISOString();
        await t.db
          .insertInto('collection_items')
          .values({ collection_id: id, work_id: workId, status: 'approved', created_at: at, updated_at: at })
          .execute();
      }
    }
    // One restricted work: counted for members, not for guests.
    const restricted = await makeWork(t.db, owner, { title: 'members only', isRestricted: true });
    const cedar = await t.db
      .selectFrom('collections')
      .select('id')
      .where('name', '=', 'cedar_circle')
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await t.db
      .insertInto('collection_items')
      .values({ collection_id: cedar.id, work_id: restricted, status: 'approved', created_at: at, updated_at: at })
      .execute();
  });

  const names = async (b: Browser, query: string) =>
    [...(await b.page(`/collections${query}`)).matchAll(/<a href="\/collections\/([a-z_]+)">/g)]
      .map((m) => m[1])
      .filter((n) => ['alder_moot', 'birch_gathering', 'cedar_circle'].includes(n));

  it('filters open or closed, moderated, and by fandom', async () => {
    expect(await names(guest, '')).toEqual(['alder_moot', 'birch_gathering', 'cedar_circle']);
    expect(await names(guest, '?closed=yes')).toEqual(['alder_moot']);
    expect(await names(guest, '?closed=no')).toEqual(['birch_gathering', 'cedar_circle']);
    expect(await names(guest, '?moderated=yes')).toEqual(['birch_gathering']);
    expect(await names(guest, '?fandom=Lighthouse%20Tales')).toEqual(['birch_gathering']);
    expect(await names(guest, '?fandom=No%20Such%20Fandom')).toEqual([]);
  });

  it('sorts by title, date and size; size counts what the reader may see', async () => {
    expect(await names(guest, '?sort=size')).toEqual(['birch_gathering', 'cedar_circle', 'alder_moot']);
    expect(await names(guest, '?sort=created')).toEqual(['cedar_circle', 'birch_gathering', 'alder_moot']);
    const page = await guest.page('/collections?sort=size');
    expect(page).toMatch(/cedar circle<\/a>[^<]*2 works/);
    expect(await ownerB.page('/collections?sort=size')).toMatch(/cedar circle<\/a>[^<]*3 works/);
  });
});
