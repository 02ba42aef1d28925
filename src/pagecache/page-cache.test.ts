/**
 * The guest page cache through the real app on both databases: a guest's
 * second view is the stored bytes, every change a guest could see drops
 * them at once (edits, chapters, kudos, comments, hiding, restricting,
 * turning a work back into a draft), a logged-in reader never gets them,
 * conditional requests get 304, and two apps on one database — two
 * `--workers` — drop each other's pages through the change logs.
 */
import { expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { countingQueries } from '../../test/support/query-count.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createApp } from '../server.ts';
import { SettingsStore } from '../settings/store.ts';
import { PageCache } from './page-cache.ts';

function appWithCache(db: Db) {
  const cache = new PageCache(db);
  const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused' });
  // The settings read once (a page's query count never depends on whether a second passed since the last look).
  return { app: createApp({ db, config, pageCache: cache, settings: new SettingsStore(db, Infinity) }), cache };
}

forEachDatabase('guest page cache', (t) => {
  it('answers a guest’s second view from the cache, and drops it when the work is edited', async () => {
    const writer = await makeUser(t.db, { username: 'tidewriter' });
    const workId = await makeWork(t.db, writer, { title: 'The Salt Road' });
    const { app, cache } = appWithCache(t.db);
    const guest = new Browser(app);

    expect(await guest.page(`/works/${workId}`)).toContain('The Salt Road');
    expect(cache.stats.stored).toBe(1);
    expect(await guest.page(`/works/${workId}`)).toContain('The Salt Road');
    expect(cache.stats.hits).toBe(1);

    await t.db.updateTable('works').set({ title: 'The Salt Road, Revised' }).where('id', '=', workId).execute();
    const edited = await guest.page(`/works/${workId}`);
    expect(edited).toContain('The Salt Road, Revised');
  });

  it('drops a work’s pages at once when it is hidden, restricted or made a draft again', async () => {
    const writer = await makeUser(t.db);
    const { app } = appWithCache(t.db);
    const guest = new Browser(app);
    for (const change of [{ is_hidden: 1 }, { is_restricted: 1 }, { status: 'draft' as const }]) {
      const workId = await makeWork(t.db, writer, { title: 'A Lantern Kept' });
      await guest.page(`/works/${workId}`);
      await guest.page(`/works/${workId}`);
      await t.db.updateTable('works').set(change).where('id', '=', workId).execute();
      const response = await guest.get(`/works/${workId}`);
      expect(await response.text(), JSON.stringify(change)).not.toContain('A Lantern Kept');
    }
  });

  it('drops a work’s pages when it gets kudos, a comment or a new chapter, but not for a hit', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'The Ferryman', commentPermission: 'everyone' });
    const { app, cache } = appWithCache(t.db);
    const guest = new Browser(app);
    const member = new Browser(app);
    await signIn(member, t.db, reader);

    await guest.page(`/works/${workId}`);
    // Another visitor's hit moves the count only: the page stays.
    await t.db.updateTable('works').set({ hits: 40 }).where('id', '=', workId).execute();
    const hitsBefore = cache.stats.hits;
    await guest.page(`/works/${workId}`);
    expect(cache.stats.hits).toBe(hitsBefore + 1);

    expect((await member.post(`/works/${workId}/kudos`, { return_to: `/works/${workId}` })).status).toBe(303);
    expect(await guest.page(`/works/${workId}`)).toContain(`/users/${reader.username}`);

    const posted = await member.post(`/works/${workId}/comments`, {
      body: 'The river crossing was lovely.',
      return_to: `/works/${workId}`,
    });
    expect(posted.status).toBe(303);
    expect(await guest.page(`/works/${workId}`)).toContain('The river crossing was lovely.');

    await t.db
      .updateTable('chapters')
      .set({ body: '<p>A quieter opening now.</p>' })
      .where('work_id', '=', workId)
      .execute();
    expect(await guest.page(`/works/${workId}`)).toContain('A quieter opening now.');
  });

  it('answers a hit without the route’s queries: only the two change logs are read', async () => {
    const workId = await makeWork(t.db, await makeUser(t.db), { title: 'Counted Harbour' });
    const counting = countingQueries(t.db);
    const { app, cache } = appWithCache(counting.db);
    const guest = new Browser(app);
    await guest.page(`/works/${workId}`); // a miss: the route's queries
    await guest.page(`/works/${workId}`); // a hit, which reads the counts the miss's own hit moved
    counting.queries = 0;
    const hits = cache.stats.hits;
    await guest.page(`/works/${workId}`);
    expect(cache.stats.hits).toBe(hits + 1);
    expect(counting.queries).toBe(2);
  });

  it('never answers a logged-in reader from the cache', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db, { username: 'loggedreader' });
    const workId = await makeWork(t.db, writer, { title: 'Harbour Lights' });
    const { app, cache } = appWithCache(t.db);
    await new Browser(app).page(`/works/${workId}`);
    const member = new Browser(app);
    await signIn(member, t.db, reader);
    const page = await member.page(`/works/${workId}`);
    expect(page).toContain('loggedreader');
    expect(cache.stats.hits).toBe(0);
  });

  it('answers a conditional request that matches with 304', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const { app } = appWithCache(t.db);
    const guest = new Browser(app);
    const first = await guest.get(`/works/${workId}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const lastModified = first.headers.get('last-modified')!;
    expect((await guest.request(`/works/${workId}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await guest.request(`/works/${workId}`, { headers: { 'if-modified-since': lastModified } })).status).toBe(
      304,
    );
    expect((await guest.request(`/works/${workId}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    await t.db.updateTable('works').set({ title: 'Changed Since' }).where('id', '=', workId).execute();
    expect((await guest.request(`/works/${workId}`, { headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('keeps compressed bytes per encoding', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Gzip Harbour' });
    const { app } = appWithCache(t.db);
    const guest = new Browser(app);
    for (let i = 0; i < 2; i++) {
      const zipped = await guest.request(`/works/${workId}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      const plain = await guest.request(`/works/${workId}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toContain('Gzip Harbour');
    }
  });

  it('drops listings when a work changes', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Listed Lighthouse' });
    const { app } = appWithCache(t.db);
    const guest = new Browser(app);
    expect(await guest.page('/works')).toContain('Listed Lighthouse');
    await t.db.updateTable('works').set({ title: 'Relisted Lighthouse' }).where('id', '=', workId).execute();
    expect(await guest.page('/works')).toContain('Relisted Lighthouse');
  });

  it('two apps on one database drop each other’s pages', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Two Workers', commentPermission: 'everyone' });
    const first = appWithCache(t.db);
    const second = appWithCache(t.db);
    const guestOfFirst = new Browser(first.app);
    await guestOfFirst.page(`/works/${workId}`);
    await guestOfFirst.page(`/works/${workId}`);
    expect(first.cache.stats.hits).toBe(1);
    const poster = new Browser(second.app);
    await signIn(poster, t.db, await makeUser(t.db));
    await poster.post(`/works/${workId}/comments`, {
      body: 'Said on the other worker.',
      return_to: `/works/${workId}`,
    });
    expect(await guestOfFirst.page(`/works/${workId}`)).toContain('Said on the other worker.');
  });
});
