/**
 * Hidden works never leak: an archive with a work a moderator hid (and a
 * bookmark of it), and a brute-force walk of every reading surface — the
 * work and chapter pages, listings with their counts, search with text, tag
 * pages and feeds, OPDS, downloads, the API, autocomplete's use counts, the
 * creator's pages and the bookmarker's — for a guest, a member, the creator
 * and a moderator. Only the creator's own works page and the work's own
 * pages (creator and moderator) may name it. Every listing's total and
 * facet counts and the user pages' counts equal those of a twin archive
 * without the hidden and held works, through SQL and through the in-memory
 * index; and no subscriber to the creator, the tag or the work is told of
 * them when the digest runs (the real SMTP test server, and the queued jobs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../accounts/credentials.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createTestDatabase, forEachDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { tagNamed } from '../../test/support/tags.ts';
import { backgroundHandlers, queueHourlyJobs } from '../background.ts';
import { addChapter } from '../chapters/add-chapter.ts';
import { loadConfig } from '../config.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { startMemoryIndex } from '../search/memory/work-index.ts';
import { insertSubscription } from '../subscriptions/queries.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { makeCanonical } from '../wrangling/status-commands.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn, makeStaff } from '../../test/support/factories.ts';
import type { App } from '../server.ts';
import { setSettings } from '../settings/settings.test-helper.ts';

type Audience = 'guest' | 'member' | 'creator' | 'moderator';
const SECRET = 'Quietmoor';
/** A work held for review (a new account's, full of links): no listing shows it to anyone, moderators included. */
const HELD = 'Driftmoor';
const SHARED = { fandoms: ['Original Work'], freeforms: ['Marram Grass'] };
const SHARED_CANONICAL = ['Original Work', 'Marram Grass'];

forEachDatabase('hidden works never leak', (t) => {
  let app: App;
  let creator: User;
  let bookmarker: User;
  let hiddenId: number;
  let heldId: number;
  let chapterId: number;
  let memberUser: User;
  const browsers = {} as Record<Audience, Browser>;
  const tokens = {} as Record<Audience, string | null>;

  beforeAll(async () => {
    app = makeTestApp(t.db);
    creator = await makeUser(t.db, { username: 'saltmarsh' });
    bookmarker = await makeUser(t.db, { username: 'beachcomber' });
    const member = (memberUser = await makeUser(t.db));
    const moderator = await makeUser(t.db);
    await makeStaff(t.db, moderator.id, 'moderator');
    const shared = SHARED;
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

  /** Every listing, count, feed, OPDS page and autocomplete answer, for one audience: no trace of either work. */
  async function walkListings(audience: Audience) {
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
  }

  for (const audience of ['guest', 'member', 'creator', 'moderator'] as const) {
    it(`shows a ${audience} no trace of it in listings, counts, search, feeds, OPDS and autocomplete`, () =>
      walkListings(audience));

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

  /**
   * The same archive without the hidden and the held work (a second database, the same people and the same
   * visible work): every listing's total and facet counts, and the user pages' counts, must read exactly as
   * there — a facet that counted the hidden work would say (2) where the twin says (1).
   */
  describe('facets and counts equal those of the archive without them', () => {
    let twin: TestDatabase;
    let twinApp: App;
    const twinBrowsers = {} as Record<Audience, Browser>;
    beforeAll(async () => {
      twin = await createTestDatabase(t.test.dialect);
      twinApp = makeTestApp(twin.db);
      const twinCreator = await makeUser(twin.db, { username: 'saltmarsh' });
      await makeUser(twin.db, { username: 'beachcomber' });
      const twinModerator = await makeUser(twin.db);
      await makeStaff(twin.db, twinModerator.id, 'moderator');
      await makeWork(twin.db, twinCreator, { title: 'Open Dunes', ...SHARED });
      // Canonical tags show in the facets (with their counts), in both archives.
      for (const db of [t.db, twin.db])
        for (const name of SHARED_CANONICAL) await makeCanonical(db, COMMAND_LINE, (await tagNamed(db, name)).id);
      for (const [name, user] of [
        ['guest', null],
        ['member', await makeUser(twin.db)],
        ['creator', twinCreator],
        ['moderator', twinModerator],
      ] as const) {
        twinBrowsers[name] = new Browser(twinApp);
        if (user) await signIn(twinBrowsers[name], twin.db, user);
      }
    });
    afterAll(() => twin.destroy());

    const COUNTED = [
      '/works',
      '/works?sort=kudos',
      '/works/search?q=Lighthouse',
      '/works/search?q=Dunes',
      '/tags/Original%20Work/works',
      '/tags/Marram%20Grass/works',
      '/users/saltmarsh',
      '/users/saltmarsh/works',
      '/users/beachcomber',
      '/users/beachcomber/bookmarks',
      '/media',
    ];

    async function compareWithTwin(audience: Audience) {
      for (const path of COUNTED) {
        // The creator's own pages list their hidden work to them, marked: theirs to see.
        if (audience === 'creator' && path.startsWith('/users/saltmarsh')) continue;
        const here = countsOf(await browsers[audience].page(path));
        const there = countsOf(await twinBrowsers[audience].page(path));
        expect(here, `${audience} ${path}`).toEqual(there);
      }
      // The facets really are read: the listing of all works shows the shared tags with their counts.
      const facets = countsOf(await browsers[audience].page('/works')).join(' ');
      for (const shown of ['General Audiences (1)', 'Original Work (1)', 'Marram Grass (1)'])
        expect(facets).toContain(shown);
    }

    describe('through SQL', () => {
      for (const audience of AUDIENCES) it(`for a ${audience}`, () => compareWithTwin(audience));
    });

    describe('through the in-memory index', () => {
      beforeAll(async () => {
        const index = startMemoryIndex(t.db)!;
        await index.build();
        expect(index.isReady).toBe(true);
      });
      for (const audience of AUDIENCES) {
        it(`for a ${audience}: the same counts, and no trace in any listing`, async () => {
          await compareWithTwin(audience);
          await walkListings(audience);
        });
      }
    });
  });

  it('tells no subscriber of the creator, its tag or the work about a hidden or held work', async () => {
    const smtp = await startTestSmtpServer();
    try {
      const config = loadConfig({
        QUIRE_BASE_URL: 'http://localhost:3000',
        QUIRE_DATA_DIR: '/tmp/quire-unused',
        QUIRE_SMTP_URL: smtp.url,
      });
      const handlers = backgroundHandlers({ config, mailer: createMailer(config) });
      await runPendingJobs(t.db, handlers); // what the setup posted is old news
      const tag = await tagNamed(t.db, 'Marram Grass');
      // Filters (and so tag subscriptions) follow canonical tags, as a wrangler would make this one.
      await t.db.updateTable('tags').set({ is_canonical: 1 }).where('id', '=', tag.id).execute();
      for (const [kind, id] of [
        ['creator', creator.id],
        ['tag', tag.id],
        ['work', hiddenId],
      ] as const)
        await insertSubscription(t.db, memberUser.id, kind, id, new Date());

      // New, and then hidden before the digest runs; a new chapter of the hidden work; a new held work.
      const laterHidden = await makeWork(t.db, creator, { title: `${SECRET} Second Light`, ...SHARED });
      expect(
        (await browsers.moderator.post(`/admin/works/${laterHidden}/hide`, { reason: 'Under review.' })).status,
      ).toBe(303);
      await addChapter(t.db, hiddenId, chapter(`<p>${SECRET} shutters.</p>`, { title: `${SECRET} Shutters` }), {
        post: true,
      });
      await setSettings(t.db, { newAccountPostHours: 24 });
      try {
        const spammer = await makeUser(t.db);
        const links = [1, 2, 3, 4, 5, 6].map((n) => `<p>https://again${n}.example.test</p>`).join('');
        await makeWork(t.db, spammer, { title: `${HELD} Again`, ...SHARED, chapters: [chapter(links)] });
      } finally {
        await setSettings(t.db, { newAccountPostHours: 0 });
      }
      // And one the subscriber may read, so a mail goes out at all.
      await makeWork(t.db, creator, { title: 'Open Shore', ...SHARED });
      await runPendingJobs(t.db, handlers); // the posted events become updates

      const before = smtp.messages.length;
      await queueHourlyJobs(t.db, new Date(Date.now() + 3_600_000));
      await runPendingJobs(t.db, handlers);
      const mail = await smtp.nextTo(memberUser.email, before);
      expect(mail.text).toContain('Open Shore');
      expect(mail.text).not.toContain(SECRET);
      expect(mail.text).not.toContain(HELD);
      // Nothing queued for anyone names them either.
      const queued = await t.db.selectFrom('jobs').select('payload').execute();
      for (const job of queued) {
        expect(JSON.stringify(job.payload)).not.toContain(`${SECRET} Second`);
        expect(JSON.stringify(job.payload)).not.toContain(`${HELD} Again`);
      }
    } finally {
      await smtp.close();
    }
  });
});

const AUDIENCES = ['guest', 'member', 'creator', 'moderator'] as const;

/**
 * What a page counts, in its own words: every "name (N)" (facets, tabs), "N works", "N bookmarks" and "Label: N"
 * (stats) of its main part, in order — the header's unread count and the sign-in name left out.
 */
function countsOf(html: string): string[] {
  const start = html.indexOf('<main');
  const main = start >= 0 ? html.slice(start, html.indexOf('</main>', start)) : html;
  const text = main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return [
    ...text.matchAll(
      /[^()\d]{0,40}\(\s*\d[\d,]*\s*\)|\b\d[\d,]*\s+(?:works?|bookmarks?|series|results?|comments?)\b|\b[A-Z][a-z]+:\s*\d[\d,]*/g,
    ),
  ].map((m) => m[0].trim().replace(/\s+/g, ' '));
}
