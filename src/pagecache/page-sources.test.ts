/**
 * Changes a guest sees that leave the `works` row alone (migration 0042):
 * each drops the cached pages that show it at once, on both databases —
 * a pseud or username renamed, a series retitled, a gift given, a tag renamed
 * or wrangled, a co-creator accepting, a related work's parent retitled.
 */
import { expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createApp } from '../server.ts';
import { PageCache } from './page-cache.ts';

function cachedGuest(db: Db) {
  const cache = new PageCache(db);
  const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused' });
  return { guest: new Browser(createApp({ db, config, pageCache: cache })), cache };
}

/** Views a page twice, so the second is known to come from the cache, and returns the cache. */
async function warm(guest: Browser, cache: PageCache, ...paths: string[]) {
  for (const path of paths) {
    await guest.page(path);
    const hits = cache.stats.hits;
    await guest.page(path);
    expect(cache.stats.hits, path).toBe(hits + 1);
  }
}

forEachDatabase('guest page cache: changes beside the works row', (t) => {
  it('shows a renamed pseud and username on the work page and the listing at once', async () => {
    const writer = await makeUser(t.db, { username: 'oldname' });
    const workId = await makeWork(t.db, writer, { title: 'Rename Harbour' });
    const { guest, cache } = cachedGuest(t.db);
    await warm(guest, cache, `/works/${workId}`, '/works');
    await t.db.updateTable('pseuds').set({ name: 'freshpseud' }).where('user_id', '=', writer.id).execute();
    expect(await guest.page(`/works/${workId}`)).toContain('freshpseud');
    expect(await guest.page('/works')).toContain('freshpseud');
    await warm(guest, cache, `/works/${workId}`);
    await t.db.updateTable('users').set({ username: 'newname' }).where('id', '=', writer.id).execute();
    expect(await guest.page(`/works/${workId}`)).toContain('/users/newname');
  });

  it('shows a retitled series, and a work newly added to it, at once', async () => {
    const writer = await makeUser(t.db);
    const first = await makeWork(t.db, writer, { title: 'Part One', series: [{ newTitle: 'The Tide Cycle' }] });
    const { guest, cache } = cachedGuest(t.db);
    await warm(guest, cache, `/works/${first}`);
    const series = await t.db
      .selectFrom('series_works')
      .select('series_id')
      .where('work_id', '=', first)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('series').set({ title: 'The Turning Tide' }).where('id', '=', series.series_id).execute();
    expect(await guest.page(`/works/${first}`)).toContain('The Turning Tide');

    await warm(guest, cache, `/works/${first}`);
    const second = await makeWork(t.db, writer, { title: 'Part Two', series: [{ seriesId: series.series_id }] });
    expect(await guest.page(`/works/${first}`)).toContain(`href="/works/${second}">Next work`);
  });

  it('shows a gift and an accepted co-creator at once', async () => {
    const writer = await makeUser(t.db);
    const friend = await makeUser(t.db, { username: 'giftfriend' });
    const workId = await makeWork(t.db, writer, { title: 'A Present' });
    const { guest, cache } = cachedGuest(t.db);
    await warm(guest, cache, `/works/${workId}`);
    const pseud = await findDefaultPseud(t.db, friend.id);
    await t.db
      .insertInto('gifts')
      .values({ work_id: workId, recipient_pseud_id: pseud.id, recipient_name: pseud.name })
      .execute();
    expect(await guest.page(`/works/${workId}`)).toContain(`/users/giftfriend`);

    const coWriter = await makeUser(t.db, { username: 'cowriterlate' });
    const invited = await makeWork(t.db, writer, {
      title: 'Written Together',
      coCreatorPseudIds: [(await findDefaultPseud(t.db, coWriter.id)).id],
    });
    await warm(guest, cache, `/works/${invited}`);
    expect(await guest.page(`/works/${invited}`)).not.toContain('/users/cowriterlate');
    await t.db.updateTable('creatorships').set({ is_accepted: 1 }).where('work_id', '=', invited).execute();
    expect(await guest.page(`/works/${invited}`)).toContain('/users/cowriterlate');
  });

  it('shows a related work’s new title on the page that links it', async () => {
    const writer = await makeUser(t.db);
    const parent = await makeWork(t.db, writer, { title: 'The Original Shore' });
    const child = await makeWork(t.db, writer, {
      title: 'Inspired Shore',
      related: [{ relation: 'inspired_by', parentWorkId: parent }],
    });
    const { guest, cache } = cachedGuest(t.db);
    await warm(guest, cache, `/works/${child}`);
    await t.db.updateTable('works').set({ title: 'The Renamed Shore' }).where('id', '=', parent).execute();
    expect(await guest.page(`/works/${child}`)).toContain('The Renamed Shore');
  });

  it('shows a renamed tag and a wrangled synonym on the work page and listings at once', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Tagged Lighthouse', freeforms: ['Sea Glass'] });
    const { guest, cache } = cachedGuest(t.db);
    await warm(guest, cache, `/works/${workId}`, '/works');
    await t.db.updateTable('tags').set({ name: 'Sea-Glass Hunting' }).where('name', '=', 'Sea Glass').execute();
    expect(await guest.page(`/works/${workId}`)).toContain('Sea-Glass Hunting');
    expect(await guest.page('/works')).toContain('Sea-Glass Hunting');

    // Wrangling with no work changed: a listing (of the tag's works) is dropped all the same.
    await makeWork(t.db, writer, { title: 'Canonical Shore', freeforms: ['Beachcombing'] });
    await warm(guest, cache, '/works');
    const dropped = cache.stats.dropped;
    const canonical = await t.db
      .selectFrom('tags')
      .select('id')
      .where('name', '=', 'Beachcombing')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('tags').set({ is_canonical: 1 }).where('id', '=', canonical.id).execute();
    await t.db
      .updateTable('tags')
      .set({ synonym_of_id: canonical.id })
      .where('name', '=', 'Sea-Glass Hunting')
      .execute();
    await guest.page('/works');
    expect(cache.stats.dropped).toBeGreaterThan(dropped);
  });
});
