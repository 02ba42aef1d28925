/**
 * The page cache is on by default, so everything else that changes what a
 * guest sees must drop the pages that show it, on both databases: a save of
 * the archive's settings (banner, name, guest comments, downloads) drops
 * every page, in this process at once and in another as soon as its settings
 * store sees the new version; the adult notice and a dismissed banner are
 * per-reader (the cookie is part of the key, or sends the reader past the
 * cache); collections (a work approved into one, retitled, removed,
 * revealed); moderation (hiding, unhiding, a spammer mark hiding a person's
 * works and comments, a work held for review).
 */
import { expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { revealCollection } from '../collections/commands.ts';
import { insertCollection } from '../collections/queries.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { findUserForModeration } from '../moderation/queries.ts';
import { actOnUser } from '../moderation/user-actions.ts';
import { moderateWork } from '../moderation/work-actions.ts';
import { createApp } from '../server.ts';
import { saveSettings, SettingsStore } from '../settings/store.ts';
import type { SiteSettings } from '../web/site-settings.ts';
import { setWorkHold } from '../works/hold-queries.ts';
import { PageCache } from './page-cache.ts';

const STAFF = { userId: null, name: 'test' };
const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused' });

/** One process: its app, its page cache, its settings store (read again only after a save made through it). */
function process(db: Db, settings = new SettingsStore(db, Infinity)) {
  const cache = new PageCache(db);
  const app = createApp({ db, config, pageCache: cache, settings });
  return { app, cache, settings, guest: new Browser(app) };
}

/** Views each page twice, so the second is known to come from the cache. */
async function warm(guest: Browser, cache: PageCache, ...paths: string[]) {
  for (const path of paths) {
    await guest.page(path);
    const hits = cache.stats.hits;
    await guest.page(path);
    expect(cache.stats.hits, path).toBe(hits + 1);
  }
}

forEachDatabase('guest page cache: settings, notices, collections, moderation', (t) => {
  it('every settings save drops every page, here at once and in another process when its store sees it', async () => {
    const workId = await makeWork(t.db, await makeUser(t.db), { commentPermission: 'everyone' });
    const here = process(t.db);
    // The other process's store looks at the settings version on every request, as it does once a second.
    const there = process(t.db, new SettingsStore(t.db, 0));
    const changes: Array<[Partial<SiteSettings>, (page: string) => boolean]> = [
      [{ bannerText: 'The reading room closes on Sunday.' }, (p) => p.includes('The reading room closes on Sunday.')],
      [{ archiveName: 'Tidewater Stacks' }, (p) => p.includes('Tidewater Stacks')],
      [{ guestComments: false }, (p) => !p.includes('name="guest_name"')],
      [{ downloads: false }, (p) => !p.includes('href="/downloads/')],
    ];
    for (const [change, shows] of changes) {
      for (const { guest, cache } of [here, there]) await warm(guest, cache, `/works/${workId}`, '/works');
      expect(shows(await here.guest.page(`/works/${workId}`)), JSON.stringify(change)).toBe(false);
      await saveSettings(t.db, here.settings, STAFF, change);
      for (const { guest } of [here, there]) {
        expect(shows(await guest.page(`/works/${workId}`)), JSON.stringify(change)).toBe(true);
      }
      if (change.bannerText) expect(shows(await there.guest.page('/works'))).toBe(true);
    }
  });

  it('keeps the adult notice and the work apart, and drops both when the rating changes', async () => {
    const workId = await makeWork(t.db, await makeUser(t.db), { title: 'Night Ferry', rating: 'Mature' });
    const { app, cache } = process(t.db);
    const first = new Browser(app);
    const second = new Browser(app);
    await warm(first, cache, `/works/${workId}`);
    expect(await first.page(`/works/${workId}`)).toContain('Adult content');
    expect((await first.post(`/works/${workId}/adult-ok`, { return_to: `/works/${workId}` })).status).toBe(303);
    await warm(first, cache, `/works/${workId}`);
    expect(await first.page(`/works/${workId}`)).not.toContain('Adult content');
    expect(await second.page(`/works/${workId}`)).toContain('Adult content');

    await t.db.updateTable('works').set({ rating: 'General Audiences' }).where('id', '=', workId).execute();
    expect(await second.page(`/works/${workId}`)).not.toContain('Adult content');
  });

  it('a guest who dismissed the banner is answered by the routes, without it', async () => {
    const here = process(t.db);
    await saveSettings(t.db, here.settings, STAFF, { bannerText: 'New tags arrive on Monday.' });
    const workId = await makeWork(t.db, await makeUser(t.db));
    await warm(here.guest, here.cache, `/works/${workId}`);
    expect(await here.guest.page(`/works/${workId}`)).toContain('New tags arrive on Monday.');
    const dismisser = new Browser(here.app);
    expect((await dismisser.post('/banner/dismiss', { return_to: `/works/${workId}` })).status).toBe(303);
    const hits = here.cache.stats.hits;
    expect(await dismisser.page(`/works/${workId}`)).not.toContain('New tags arrive on Monday.');
    expect(here.cache.stats.hits).toBe(hits);
    expect(await here.guest.page(`/works/${workId}`)).toContain('New tags arrive on Monday.');
  });

  it('shows a work approved into a collection, the collection retitled, and the work removed, at once', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Quay Songs' });
    const collectionId = await openCollection(t.db, writer.id, 'quay_songs', 'Songs of the Quay', {});
    const { guest, cache } = process(t.db);
    await warm(guest, cache, `/works/${workId}`);
    const member = new Browser(guest.app);
    await signIn(member, t.db, writer);
    expect((await member.post(`/works/${workId}/collections`, { collections: 'quay_songs' })).status).toBe(303);
    expect(await guest.page(`/works/${workId}`)).toContain('Songs of the Quay');

    await warm(guest, cache, `/works/${workId}`);
    await t.db
      .updateTable('collections')
      .set({ title: 'Quay Songs Gathered' })
      .where('id', '=', collectionId)
      .execute();
    expect(await guest.page(`/works/${workId}`)).toContain('Quay Songs Gathered');

    await warm(guest, cache, `/works/${workId}`);
    await t.db.updateTable('collection_items').set({ status: 'removed' }).where('work_id', '=', workId).execute();
    expect(await guest.page(`/works/${workId}`)).not.toContain('Quay Songs Gathered');
  });

  it('a reveal drops the Mystery Work page and the listings that left it out', async () => {
    const writer = await makeUser(t.db);
    const collectionId = await openCollection(t.db, writer.id, 'secret_tides', 'Secret Tides', { isUnrevealed: true });
    const workId = await makeWork(t.db, writer, { title: 'The Hidden Cove' });
    const member = new Browser(createApp({ db: t.db, config, pageCache: false }));
    await signIn(member, t.db, writer);
    expect((await member.post(`/works/${workId}/collections`, { collections: 'secret_tides' })).status).toBe(303);

    const { guest, cache } = process(t.db);
    await warm(guest, cache, `/works/${workId}`, '/works');
    expect(await guest.page(`/works/${workId}`)).toContain('Mystery Work');
    expect(await guest.page('/works')).not.toContain('The Hidden Cove');
    await t.db.transaction().execute((trx) => revealCollection(trx, collectionId, 'both'));
    expect(await guest.page(`/works/${workId}`)).toContain('The Hidden Cove');
    expect(await guest.page('/works')).toContain('The Hidden Cove');
  });

  it('a moderator hiding and unhiding a work, and holding one for review, drop its pages', async () => {
    const workId = await makeWork(t.db, await makeUser(t.db), { title: 'Lamplighter' });
    const { guest, cache } = process(t.db);
    await warm(guest, cache, `/works/${workId}`, '/works');
    await moderateWork(t.db, STAFF, workId, 'hide', 'checking a report');
    expect(await guest.page(`/works/${workId}`, 404)).not.toContain('Lamplighter');
    expect(await guest.page('/works')).not.toContain('Lamplighter');
    await moderateWork(t.db, STAFF, workId, 'unhide', 'report answered');
    await warm(guest, cache, `/works/${workId}`);
    expect(await guest.page(`/works/${workId}`)).toContain('Lamplighter');

    await setWorkHold(t.db, workId, 'links');
    expect(await guest.page(`/works/${workId}`, 404)).not.toContain('Lamplighter');
  });

  it('a spammer mark drops the pages of their works and of the works they commented on', async () => {
    const writer = await makeUser(t.db);
    const spammer = await makeUser(t.db, { username: 'tinnedfish' });
    const theirs = await makeWork(t.db, spammer, { title: 'Buy Lanterns Cheap' });
    const other = await makeWork(t.db, writer, { title: 'Harbour Walls', commentPermission: 'everyone' });
    const { guest, cache } = process(t.db);
    const commenter = new Browser(guest.app);
    await signIn(commenter, t.db, spammer);
    const posted = await commenter.post(`/works/${other}/comments`, {
      body: 'Visit my lantern shop today.',
      return_to: `/works/${other}`,
    });
    expect(posted.status).toBe(303);
    await warm(guest, cache, `/works/${theirs}`, `/works/${other}`, '/works');
    expect(await guest.page(`/works/${other}`)).toContain('Visit my lantern shop today.');

    const user = await findUserForModeration(t.db, 'tinnedfish');
    await actOnUser(t.db, { actor: STAFF, user: user!, action: 'spammer', reason: 'lantern adverts', config });
    expect(await guest.page(`/works/${theirs}`, 404)).not.toContain('Buy Lanterns Cheap');
    expect(await guest.page(`/works/${other}`)).not.toContain('Visit my lantern shop today.');
    expect(await guest.page('/works')).not.toContain('Buy Lanterns Cheap');
  });
});

async function openCollection(
  db: Db,
  ownerId: number,
  name: string,
  title: string,
  flags: { isUnrevealed?: boolean },
): Promise<number> {
  return insertCollection(
    db,
    ownerId,
    {
      name,
      title,
      description: '',
      introduction: '',
      rules: '',
      faq: '',
      isClosed: false,
      isModerated: false,
      isMembersOnly: false,
      isUnrevealed: flags.isUnrevealed ?? false,
      isAnonymous: false,
      parentId: null,
    },
    new Date(),
  );
}
