/**
 * Hidden works never leak: an archive with a work a moderator hid (and a
 * bookmark of it), and a brute-force walk of every reading surface — the
 * work and chapter pages, listings with their counts, search with text, tag
 * pages and feeds, OPDS, downloads, the API, autocomplete's use counts, the
 * creator's pages and the bookmarker's — for a guest, a member, the creator
 * and a moderator. Only the creator's own works page and the work's own
 * pages (creator and moderator) may name it. The in-memory index's answer
 * for the hidden state is checked by src/visibility/visibility.test.ts.
 */
import { beforeAll, expect, it } from 'vitest';
import { setRole } from '../accounts/queries.ts';
import { createCredential } from '../accounts/credentials.ts';
import type { User } from '../accounts/accounts.table.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { App } from '../server.ts';
import { setSettings } from '../settings/settings.test-helper.ts';

type Audience = 'guest' | 'member' | 'creator' | 'moderator';
const SECRET = 'Quietmoor';
/** A work held for review (a new account's, full of links): no listing shows it to anyone, moderators included. */
const HELD = 'Driftmoor';

forEachDatabase('hidden works never leak', (t) => {
  let app: App;
  let creator: User;
  let bookmarker: User;
  let hiddenId: number;
  let heldId: number;
  let chapterId: number;
  const browsers = {} as Record<Audience, Browser>;
  const tokens = {} as Record<Audience, string | null>;

  beforeAll(async () => {
    app = makeTestApp(t.db);
    creator = await makeUser(t.db, { username: 'saltmarsh' });
    bookmarker = await makeUser(t.db, { username: 'beachcomber' });
    const member = await makeUser(t.db);
    const moderator = await makeUser(t.db);
    await setRole(t.db, moderator.id, 'moderator', true);
    const shared = { fandoms: ['Original Work'], freeforms: ['Marram Grass'] };
    await makeWork(t.db, creator, { title: 'Open Dunes', ...shared });
    hiddenId = await makeWork(t.db, creator, {
      title: `${SECRET} Lighthouse`,
      ...shared,
      freeforms: ['Marram Grass', 'Hushcove'],
    });
    chapterId = (
      await t.db.selectFrom('chapters').select('id').where('work_id', '=', hiddenId).executeTakeFirstOrThrow()
    ).id;
    for (const [name, user] of [
      ['guest', null],
      ['member', member],
      ['creator', creator],
      ['moderator', moderator],
    ] as const) {
      browsers[name] = new Browser(app);
      if (user) await signIn(browsers[name], t.db, user);
      tokens[name] = user ? (await createCredential(t.db, user.id, 'leak test', 'read')).secret : null;
    }
    const bookmarkBrowser = new Browser(app);
    await signIn(bookmarkBrowser, t.db, bookmarker);
    expect((await bookmarkBrowser.post(`/works/${hiddenId}/bookmarks/new`, { notes: '' })).status).toBeLessThan(400);
    const hid = await browsers.moderator.post(`/admin/works/${hiddenId}/hide`, { reason: 'Under review.' });
    expect(hid.status).toBe(303);

    const spammer = await makeUser(t.db);
    await setSettings(t.db, { newAccountPostHours: 24 });
    try {
      const links = [1, 2, 3, 4, 5, 6].map((n) => `<p>https://offer${n}.example.test</p>`).join('');
      heldId = await makeWork(t.db, spammer, {
        title: `${HELD} Beacon`,
        ...shared,
        freeforms: ['Marram Grass', 'Hushcove'],
        chapters: [chapter(links)],
      });
    } finally {
      await setSettings(t.db, { newAccountPostHours: 0 });
    }
    expect(
      (await t.db.selectFrom('works').select('is_held').where('id', '=', heldId).executeTakeFirstOrThrow()).is_held,
    ).toBe(1);
  });

  const LISTINGS = () => [
    '/',
    '/works',
    '/works?sort=kudos',
    '/works/search?q=Lighthouse',
    '/tags/Original%20Work/works',
    '/tags/Hushcove/works',
    '/tags/Marram%20Grass/works',
    '/tags/Original%20Work/feed.atom',
    '/tags/Hushcove',
    '/media',
    '/users/saltmarsh',
    '/users/saltmarsh/works.atom',
    '/users/beachcomber/bookmarks',
    `/works/${hiddenId}/bookmarks`,
    '/opds/new',
    '/opds/updated',
    '/opds/search?q=Lighthouse',
    '/tags/autocomplete?kind=freeform&q=Hush',
  ];
  const API = () => [
    '/api/v1/works',
    '/api/v1/works?q=Lighthouse',
    `/api/v1/works/${hiddenId}`,
    '/api/v1/users/saltmarsh/works',
  ];
  const WORK_PAGES = () => [
    `/works/${hiddenId}`,
    `/works/${hiddenId}/chapters/${chapterId}`,
    `/works/${hiddenId}?view_full_work=true`,
  ];

  for (const audience of ['guest', 'member', 'creator', 'moderator'] as const) {
    it(`shows a ${audience} no trace of it in listings, counts, search, feeds, OPDS and autocomplete`, async () => {
      for (const path of LISTINGS()) {
        const response = await browsers[audience].get(path);
        const body = await response.text();
        // The creator's own dashboard lists their works, this one marked hidden.
        if (audience === 'creator' && path === '/users/saltmarsh') expect(body).toContain(SECRET);
        else expect(body, `${audience} ${path}`).not.toContain(SECRET);
        expect(body, `${audience} ${path} (held)`).not.toContain(HELD);
        if (path.startsWith('/tags/autocomplete')) {
          expect(JSON.parse(body), `${audience} autocomplete`).toEqual([]);
        }
      }
      // The creator's own works page lists it, marked hidden; to anyone else it is not there.
      const own = await browsers[audience].page('/users/saltmarsh/works');
      if (audience === 'creator') expect(own).toContain(SECRET);
      else expect(own, audience).not.toContain(SECRET);
    });

    it(`answers a ${audience}'s API token and downloads without it`, async () => {
      for (const path of API()) {
        const headers: Record<string, string> = tokens[audience] ? { authorization: `Bearer ${tokens[audience]}` } : {};
        const response = await app.request(`http://localhost:3000${path}`, { headers });
        const body = await response.text();
        // The creator's own works, through their own token, include it (marked as theirs to see).
        const mayRead = audience === 'creator' || audience === 'moderator';
        if (audience === 'creator' && path.startsWith('/api/v1/users/saltmarsh')) expect(body).toContain(SECRET);
        // One work by id follows the reading rule, as its page does: its creators and moderators read it.
        else if (mayRead && path === `/api/v1/works/${hiddenId}`) expect(body).toContain(SECRET);
        else expect(body, `${audience} ${path}`).not.toContain(SECRET);
        expect(body, `${audience} ${path} (held)`).not.toContain(HELD);
      }
      const held = await app.request(`http://localhost:3000/api/v1/works/${heldId}`, {
        headers: tokens[audience] ? { authorization: `Bearer ${tokens[audience]}` } : {},
      });
      if (audience === 'moderator') expect(held.status).toBe(200);
      else expect(held.status, audience).toBe(404);
      for (const file of ['work.epub', 'work.html', 'work.txt']) {
        const response = await browsers[audience].get(`/downloads/${hiddenId}/${file}`);
        // Downloads follow the reading rule: the creators and moderators may, nobody else.
        if (audience === 'creator' || audience === 'moderator') expect(response.status, file).toBe(200);
        else expect(response.status, `${audience} ${file}`).toBeGreaterThanOrEqual(400);
      }
    });

    it(`lets only the creator and moderators open the work itself, with the banner (${audience})`, async () => {
      for (const path of WORK_PAGES()) {
        const response = await browsers[audience].get(path);
        const body = await response.text();
        if (audience === 'creator' || audience === 'moderator') {
          expect(response.status, `${audience} ${path}`).toBe(200);
          expect(body).toContain('This work is hidden by a moderator');
          expect(body).toContain('Under review.');
        } else {
          expect(response.status, `${audience} ${path}`).not.toBe(200);
          expect(body, `${audience} ${path}`).not.toContain(SECRET);
        }
      }
    });
  }

  it('keeps it out of the counts the creator’s profile and the tag show', async () => {
    const facts = await t.db
      .selectFrom('works')
      .select(['is_hidden'])
      .where('id', '=', hiddenId)
      .executeTakeFirstOrThrow();
    expect(facts.is_hidden).toBe(1);
    const profile = await browsers.guest.page('/users/saltmarsh');
    expect(profile).not.toMatch(/Works \(2\)|2 works/);
  });
});
