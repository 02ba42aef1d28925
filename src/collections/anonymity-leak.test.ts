/**
 * Anonymous and unrevealed works never leak: an archive with a co-created
 * work in an anonymous collection (with a gift, a parent work, a series, a
 * comment the creator answered, kudos and a bookmark) and one in an
 * unrevealed collection, and a brute-force walk of every reading surface —
 * pages, listings with their counts, search (text and `creator:`), tag pages,
 * feeds, OPDS, downloads in every format, the API, autocomplete, the
 * creators' pages, series, gifts and related works, and the mail the
 * background sends — for a guest, a reader, the creator, a co-creator and
 * the collections' maintainer, answered once from SQL and once through the
 * in-memory index. Anonymous: nothing a reader fetches connects the work to
 * its creators. Unrevealed: its title, summary, tags and text appear nowhere
 * a reader looks; its creators are never linked to it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../server.ts';
import { queueHourlyJobs } from '../background.ts';
import { availableFormats } from '../downloads/formats.ts';
import { feedPath, feedTokenOf } from '../subscriptions/feed.ts';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import {
  ANON_TITLE,
  makeConcealedArchive,
  NAMES,
  OUTSIDERS,
  SECRETS,
  surfacesOf,
  type ConcealedArchive,
  type Who,
} from './concealed-archive.test-helper.ts';
import { downloadText, partsAbout } from './leak-walk.test-helper.ts';

forEachDatabase('anonymous and unrevealed works never leak', (t) => {
  let archive: ConcealedArchive;
  let apps: ConcealedArchive['apps'];
  let users: ConcealedArchive['users'];
  let sessions: ConcealedArchive['sessions'];
  let ids: ConcealedArchive['ids'];
  beforeAll(async () => {
    archive = await makeConcealedArchive(t.db);
    ({ apps, users, sessions, ids } = archive);
  }, 60_000);
  afterAll(async () => {
    await archive?.smtp.close();
  });
  const run = () => archive.run();
  const creatorPages = () => surfacesOf(ids).creatorPages();
  const creatorApi = () => surfacesOf(ids).creatorApi();
  const anonPages = () => surfacesOf(ids).anonPages();
  const listings = () => surfacesOf(ids).listings();
  const secretTagPages = () => surfacesOf(ids).secretTagPages();

  async function fetch(app: App, who: Who, path: string) {
    if (path.startsWith('/api/')) {
      const headers: Record<string, string> = archive.tokens[who]
        ? { authorization: `Bearer ${archive.tokens[who]}` }
        : {};
      const response = await app.request(`${TEST_ORIGIN}${path}`, { headers });
      return { status: response.status, body: await response.text() };
    }
    const response = await (await sessions[who](app)).get(path);
    return { status: response.status, body: await response.text() };
  }

  const anonLinks = () => [ANON_TITLE, 'Veilwick', `/works/${ids.anon}"`, `work-${ids.anon}"`];
  const secretLinks = () => [`/works/${ids.secret}"`, `work-${ids.secret}"`];

  function expectNoSecrets(body: string, where: string, except: string[] = []) {
    for (const secret of SECRETS)
      if (!except.includes(secret)) expect.soft(body, `${where}: ${secret}`).not.toContain(secret);
  }
  function expectNoNames(body: string, where: string) {
    for (const name of NAMES) expect.soft(body.toLowerCase(), `${where}: ${name}`).not.toContain(name.toLowerCase());
  }

  for (const via of ['sql', 'memory'] as const) {
    for (const who of OUTSIDERS) {
      it(`shows a ${who} (${via}) neither work on the creators' pages, searches by creator, series or other works`, async () => {
        for (const path of [...creatorPages(), ...creatorApi()]) {
          const { body } = await fetch(apps[via], who, path);
          for (const link of [...anonLinks(), ...secretLinks()])
            expect.soft(body, `${who} ${path}: ${link}`).not.toContain(link);
          expectNoSecrets(body, `${who} ${path}`);
        }
      });

      it(`names nobody to a ${who} (${via}) on the anonymous work's pages, API answers and downloads`, async () => {
        for (const path of anonPages()) {
          const { status, body } = await fetch(apps[via], who, path);
          expect.soft(status, `${who} ${path}`).toBeLessThan(500);
          expectNoNames(body, `${who} ${path}`);
          // Its series would lead to the creator's other works.
          expect.soft(body, `${who} ${path}: series`).not.toContain(`/series/${ids.series}`);
          expect.soft(body, `${who} ${path}: series title`).not.toContain('Tide Charts');
        }
        // The series' own download: its works are the series page's.
        const seriesEpub = await (await sessions[who](apps[via])).get(`/series/${ids.series}/download.epub`);
        if (seriesEpub.status === 200) {
          const text = downloadText(new Uint8Array(await seriesEpub.arrayBuffer()), 'epub');
          expect.soft(text, `${who} series download`).not.toContain('Veilwick');
        }
        const page = await fetch(apps[via], who, `/works/${ids.anon}`);
        expect(page.body).toContain(ANON_TITLE);
        expect(page.body).toContain('Anonymous');
        for (const format of availableFormats()) {
          const response = await (
            await sessions[who](apps[via])
          ).get(`/downloads/${ids.anon}/Veilwick_Ferry.${format}`);
          expect.soft(response.status, `${who} ${format}`).toBe(200);
          expectNoNames(response.headers.get('content-disposition') ?? '', `${who} ${format} file name`);
          const text = downloadText(new Uint8Array(await response.arrayBuffer()), format);
          expect.soft(text.includes('Veilwick') || format === 'pdf', `${who} ${format} is the work`).toBe(true);
          expectNoNames(text, `${who} ${format}`);
        }
      });

      it(`lists the anonymous work to a ${who} (${via}) without its creators, and the unrevealed one nowhere`, async () => {
        let seen = 0;
        for (const path of listings()) {
          const { status, body } = await fetch(apps[via], who, path);
          expect.soft(status, `${who} ${path}`).toBeLessThan(500);
          expectNoSecrets(body, `${who} ${path}`);
          for (const link of secretLinks()) expect.soft(body, `${who} ${path}: ${link}`).not.toContain(link);
          const parts = partsAbout(body, ids.anon);
          seen += parts.length;
          for (const part of parts) expectNoNames(part, `${who} ${path}`);
        }
        expect(seen, 'the anonymous work is listed').toBeGreaterThan(10);
        for (const path of secretTagPages()) {
          const { body } = await fetch(apps[via], who, path);
          expectNoSecrets(body, `${who} ${path}`, ['Brinebell']);
          for (const link of secretLinks()) expect.soft(body, `${who} ${path}: ${link}`).not.toContain(link);
        }
        // Autocomplete's use counts are visible works only: the secret work's tag has none, Saltglass two.
        for (const [q, uses] of [
          ['Brine', 0],
          ['Saltg', 2],
        ] as const) {
          const autocomplete = await fetch(apps[via], who, `/tags/autocomplete?kind=freeform&q=${q}`);
          const offered = JSON.parse(autocomplete.body) as Array<Record<string, unknown>>;
          for (const tag of offered) expect.soft(tag.uses ?? tag.count ?? uses, `${who} autocomplete ${q}`).toBe(uses);
        }
      });

      it(`counts for a ${who} (${via}) only what it lists: totals, tag counts and facets`, async () => {
        // Oar Song, Plain Harbour, Rowlock and Veilwick Ferry; never the Mystery Work.
        const visible = 4;
        const { body } = await fetch(apps[via], who, '/api/v1/works');
        const json = JSON.parse(body) as { total?: number; meta?: { total?: number }; works?: unknown[] };
        const total = json.total ?? json.meta?.total;
        expect(total, `${who} API total`).toBe(visible);
        const listing = (await fetch(apps[via], who, '/works')).body;
        expect(listing, `${who} /works total`).toMatch(/\b4 Works\b/i);
        // Saltglass is on Rowlock, Veilwick Ferry and the secret work: two for readers, in the facet too.
        const tagListing = (await fetch(apps[via], who, '/tags/Saltglass/works')).body;
        expect(tagListing, `${who} tag total`).toMatch(/\b2 Works\b/i);
        expect(listing, `${who} tag facet`).toMatch(/Saltglass <span class="facet-count">\(2\)/);
        expect(listing, `${who} fandom facet`).toMatch(/Original Work <span class="facet-count">\(4\)/);
        expect(listing, `${who} rating facet`).toMatch(/General Audiences<span class="facet-count"> \(4\)/);
        expect(listing, `${who} secret tag facet`).not.toContain('Brinebell');
        const secretTag = (await fetch(apps[via], who, '/tags/Brinebell/works')).body;
        expect(secretTag, `${who} secret tag total`).toContain('No works found.');
        const collection = (await fetch(apps[via], who, '/collections/sealed_fest')).body;
        expect(collection).toContain('1 Mystery Work');
        // The creators' pages count only what they list: Plain Harbour, not the other two.
        const dashboard = (await fetch(apps[via], who, '/users/tidewright')).body;
        expect(dashboard, `${who} pseud counts`).toContain('(1 work)');
        expect(dashboard, `${who} pseud counts`).not.toMatch(/\([23] works\)/);
        expect((await fetch(apps[via], who, '/users/tidewright/works')).body, `${who} works total`).toContain(
          '1 – 1 of 1 Work',
        );
        expect((await fetch(apps[via], who, '/users/netmender/works')).body, `${who} co-creator total`).not.toMatch(
          /of [12] Works?/,
        );
      });
    }

    for (const who of ['creator', 'coCreator', 'maintainer'] as const) {
      it(`shows the ${who} (${via}) both works whole, so the walk above looks where they are`, async () => {
        for (const workId of [ids.anon, ids.secret]) {
          const { status, body } = await fetch(apps[via], who, `/works/${workId}`);
          expect(status).toBe(200);
          expect(body).toMatch(workId === ids.anon ? /Veilwick/ : /Murkwater/);
          expect(body.toLowerCase()).toContain(who === 'coCreator' ? 'netmender' : 'inkfern');
        }
        const collection = (await fetch(apps[via], who, '/collections/sealed_fest')).body;
        if (who === 'maintainer') expect(collection).toContain('Murkwater');
        const own = (await fetch(apps[via], who, `/users/${users[who].username}/works`)).body;
        if (who !== 'maintainer') expect(own).toContain('Murkwater');
      });
    }
  }

  it('mails and feeds no one outside a trace: gift, related-work, reply, subscription notices', async () => {
    const mails = archive.smtp.messages.slice(archive.mailsStart);
    const outsiders = [users.reader.email, users.follower.email, users.creatorFan.email, 'oarsmith@example.test'];
    const toFan = mails.filter((m) => m.envelopeTo.includes(users.creatorFan.email));
    for (const mail of toFan) expect(`${mail.subject}\n${mail.text}`, 'creator subscriber').not.toContain('Veilwick');
    // The tag subscriber hears of the anonymous work (its tag is theirs), never of the Mystery Work.
    const toFollower = mails.filter((m) => m.envelopeTo.includes(users.follower.email));
    expect(toFollower.map((m) => m.text).join('\n')).toContain('Veilwick Ferry');
    const toOutsiders = mails.filter((m) => outsiders.some((e) => m.envelopeTo.includes(e)));
    expect(toOutsiders.length, 'gift, link, reply and subscription mails were sent').toBeGreaterThanOrEqual(3);
    for (const mail of toOutsiders) {
      const text = `${mail.subject}\n${mail.text}`;
      expectNoSecrets(text, `mail to ${mail.envelopeTo.join(',')} “${mail.subject}”`);
      if (text.includes('Veilwick') || text.includes(`/works/${ids.anon}`))
        expectNoNames(text, `mail to ${mail.envelopeTo.join(',')} “${mail.subject}”`);
      // A creator's subscribers hear nothing of either work; the series' neither.
      if (mail.envelopeTo.includes(users.follower.email)) {
        for (const name of NAMES) {
          const byline = new RegExp(`(by|from) ${name}`, 'i');
          expect(text, `follower mail: ${name}`).not.toMatch(byline);
        }
      }
    }
    const feed = await new Browser(apps.sql).page(feedPath(await feedTokenOf(t.db, users.follower.id)));
    expectNoSecrets(feed, 'subscription feed');
    for (const part of partsAbout(feed, ids.anon)) expectNoNames(part, 'subscription feed');
    const fanFeed = await new Browser(apps.sql).page(feedPath(await feedTokenOf(t.db, users.creatorFan.id)));
    expectNoSecrets(fanFeed, 'creator subscriber feed');
    expect(fanFeed, 'creator subscriber feed').not.toContain('Veilwick');
  });

  it('tells the held ones at the reveal, once: gift recipient, parent creator, creator and tag subscribers', async () => {
    const before = archive.smtp.messages.length;
    const owner = await sessions.maintainer(apps.sql);
    expect((await owner.post('/collections/sealed_fest/reveal', { what: 'works' })).status).toBe(303);
    await run();
    await queueHourlyJobs(t.db, new Date(Date.now() + 3_600_000));
    await run();
    await queueHourlyJobs(t.db, new Date(Date.now() + 7_200_000));
    await run();
    const mails = archive.smtp.messages.slice(before);
    const about = (email: string, subject: RegExp) =>
      mails.filter((m) => m.envelopeTo.includes(email) && subject.test(m.subject) && m.text.includes('Murkwater'));
    expect(about(users.reader.email, /A gift for you/)).toHaveLength(1);
    expect(about(users.reader.email, /links to “Oar Song”/)).toHaveLength(1);
    expect(about(users.creatorFan.email, /New on your subscriptions/)).toHaveLength(1);
    expect(about(users.follower.email, /New on your subscriptions/)).toHaveLength(1);
    // Its creators are named now, in the gift notice as on its page.
    expect(about(users.reader.email, /A gift for you/)[0]!.text).toContain('Inkfern');
    expect((await new Browser(apps.sql).page(`/works/${ids.secret}`)).toLowerCase()).toContain('inkfern');
  });

  it('names the anonymous work’s creators at their reveal: their subscribers hear of it then, no one twice', async () => {
    const before = archive.smtp.messages.length;
    const owner = await sessions.maintainer(apps.sql);
    expect((await owner.post('/collections/masked_fest/reveal', { what: 'creators' })).status).toBe(303);
    await run();
    await queueHourlyJobs(t.db, new Date(Date.now() + 10_800_000));
    await run();
    const mails = archive.smtp.messages.slice(before);
    const about = (email: string) => mails.filter((m) => m.envelopeTo.includes(email) && m.text.includes('Veilwick'));
    expect(about(users.creatorFan.email), 'creator subscriber').toHaveLength(1);
    // The tag subscriber and the gift recipient were told when it was posted.
    expect(about(users.follower.email), 'tag subscriber').toHaveLength(0);
    expect(about(users.reader.email), 'gift recipient').toHaveLength(0);
    expect((await new Browser(apps.sql).page(`/works/${ids.anon}`)).toLowerCase()).toContain('inkfern');
  });
});
