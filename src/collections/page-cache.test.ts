/**
 * The guest page cache and collections (migration 0056): a work joining or
 * leaving a collection, and a collection retitled, show at once on the
 * work's cached page and in cached listings.
 */
import { expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import { PageCache } from '../pagecache/page-cache.ts';
import { createApp } from '../server.ts';

forEachDatabase('guest page cache: collections', (t) => {
  it('drops the work’s page and the listings when it joins, leaves, or its collection is retitled', async () => {
    const cache = new PageCache(t.db);
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused' });
    const app = createApp({ db: t.db, config, pageCache: cache });
    const [guest, writerB] = [new Browser(app), new Browser(app)];
    const writer = await makeUser(t.db);
    await signIn(writerB, t.db, writer);
    const workId = await makeWork(t.db, writer, { title: 'Cached Lantern' });
    expect((await writerB.post('/collections/new', { name: 'cache_fest', title: 'Cache Fest' })).status).toBe(303);

    const warm = async (...paths: string[]) => {
      for (const path of paths) {
        await guest.page(path);
        const hits = cache.stats.hits;
        await guest.page(path);
        expect(cache.stats.hits, path).toBe(hits + 1);
      }
    };
    await warm(`/works/${workId}`, '/works');
    await writerB.post(`/works/${workId}/collections`, { collections: 'cache_fest' });
    expect(await guest.page(`/works/${workId}`)).toContain('>Cache Fest</a>');
    expect(await guest.page('/works')).toContain('Collections: <a href="/collections/cache_fest">Cache Fest</a>');

    await warm(`/works/${workId}`, '/works');
    await writerB.post('/collections/cache_fest/edit', { title: 'Cache Festival' });
    expect(await guest.page(`/works/${workId}`)).toContain('>Cache Festival</a>');
    expect(await guest.page('/works')).toContain('>Cache Festival</a>');

    await warm(`/works/${workId}`, '/works');
    const form = await writerB.page(`/works/${workId}/edit`);
    expect(form).toContain('value="cache_fest"');
    await t.db.updateTable('collection_items').set({ status: 'removed' }).where('work_id', '=', workId).execute();
    expect(await guest.page(`/works/${workId}`)).not.toContain('Cache Festival');
    expect(await guest.page('/works')).not.toContain('Cache Festival');
  });
});
