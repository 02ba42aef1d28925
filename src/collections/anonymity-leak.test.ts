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
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { createCredential } from '../accounts/credentials.ts';
import { createPseud, findDefaultPseud } from '../accounts/queries.ts';
import { backgroundHandlers, queueHourlyJobs } from '../background.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { availableFormats } from '../downloads/formats.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { startMemoryIndex } from '../search/memory/work-index.ts';
import type { App } from '../server.ts';
import { feedPath, feedTokenOf } from '../subscriptions/feed.ts';
import { insertSubscription } from '../subscriptions/queries.ts';
import { postDraftWork } from '../works/save-work.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';
import { downloadText, partsAbout } from './leak-walk.test-helper.ts';

type Who = 'guest' | 'reader' | 'creator' | 'coCreator' | 'maintainer';
const OUTSIDERS: readonly Who[] = ['guest', 'reader'];
const EVERYONE: readonly Who[] = ['guest', 'reader', 'creator', 'coCreator', 'maintainer'];

/** The anonymous work's creators: their usernames and the pseud it is credited to. */
const NAMES = ['tidewright', 'Inkfern', 'netmender'];
const ANON_TITLE = 'Veilwick Ferry';
/** Everything the unrevealed work is: title, summary, its own tag, its text. */
const SECRETS = ['Murkwater', 'Quietbell', 'Brinebell', 'Undertowline'];

/** A second handle on the database, so the in-memory index it keeps is this test's own. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

forEachDatabase('anonymous and unrevealed works never leak', (t) => {
  let indexed: Db;
  const apps = {} as Record<'sql' | 'memory', App>;
  const users = {} as Record<Exclude<Who, 'guest'> | 'follower' | 'creatorFan', User>;
  const tokens = {} as Record<Who, string | null>;
  const sessions = {} as Record<Who, (app: App) => Promise<Browser>>;
  let smtp: TestSmtpServer;
  let handlers: ReturnType<typeof backgroundHandlers>;
  const ids = { open: 0, anon: 0, secret: 0, parent: 0, series: 0, anonChapter: 0, comment: 0 };
  const mailsBefore = { start: 0 };

  const run = () => runPendingJobs(t.db, handlers);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const config = loadConfig({
      QUIRE_BASE_URL: TEST_ORIGIN,
      QUIRE_DATA_DIR: '/tmp/quire-unused',
      QUIRE_SMTP_URL: smtp.url,
    });
    handlers = backgroundHandlers({ config, mailer: createMailer(config) });
    mailsBefore.start = smtp.messages.length;

    users.creator = await makeUser(t.db, { username: 'tidewright' });
    users.coCreator = await makeUser(t.db, { username: 'netmender' });
    users.maintainer = await makeUser(t.db, { username: 'harbourmaster' });
    users.reader = await makeUser(t.db, { username: 'driftreader' });
    users.follower = await makeUser(t.db, { username: 'followfoam' });
    users.creatorFan = await makeUser(t.db, { username: 'quayside' });
    // Old enough to comment without the new-account limit.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await t.db.updateTable('users').set({ created_at: twoDaysAgo }).execute();
    const inkfern = (await createPseud(t.db, users.creator.id, { name: 'Inkfern', description: '' }))!;
    const netPseud = await findDefaultPseud(t.db, users.coCreator.id);
    const readerPseud = await findDefaultPseud(t.db, users.reader.id);

    const sqlApp = makeTestApp(t.db);
    const login = async (app: App, user: User | null) => {
      const b = new Browser(app);
      if (user) await signIn(b, t.db, user);
      return b;
    };
    const owner = await login(sqlApp, users.maintainer);
    for (const [name, settings] of [
      ['masked_fest', ['anonymous']],
      ['sealed_fest', ['unrevealed']],
    ] as const) {
      const made = await owner.post('/collections/new', {
        name,
        title: `The ${name}`,
        description: '',
        settings: [...settings],
      });
      expect(made.status).toBe(303);
    }

    // Subscriptions first, so the postings below become their notices.
    const parentWriter = await makeUser(t.db, { username: 'oarsmith' });
    ids.parent = await makeWork(t.db, users.reader, { title: 'Oar Song' });
    ids.open = await makeWork(t.db, users.creator, {
      title: 'Plain Harbour',
      creatorPseudIds: [inkfern.id],
      series: [{ newTitle: 'Tide Charts' }],
    });
    ids.series = (
      await t.db
        .selectFrom('series_works')
        .select('series_id')
        .where('work_id', '=', ids.open)
        .executeTakeFirstOrThrow()
    ).series_id;
    await run();

    await makeWork(t.db, parentWriter, { title: 'Rowlock', freeforms: ['Saltglass'] });
    await run();

    const shared = {
      creatorPseudIds: [inkfern.id, netPseud.id],
      gifts: [{ recipientPseudId: readerPseud.id, recipientName: readerPseud.name }],
      related: [{ relation: 'inspired_by' as const, parentWorkId: ids.parent }],
      commentPermission: 'everyone' as const,
      post: false,
    };
    // Drafts put into their collections, then posted: the way the post form's Collections field does it.
    ids.anon = await makeWork(t.db, users.creator, {
      ...shared,
      title: ANON_TITLE,
      summary: 'A ferry crosses at first light.',
      freeforms: ['Saltglass'],
      series: [{ seriesId: ids.series }],
    });
    ids.secret = await makeWork(t.db, users.creator, {
      ...shared,
      title: 'Murkwater Sonnet',
      summary: 'Quietbell rings under the water.',
      freeforms: ['Brinebell', 'Saltglass'],
      chapters: [chapter('<p>Undertowline pulls the boat out past the harbour.</p>')],
    });
    // Wrangled, so the tags are filters with facet counts and autocomplete offers them.
    await t.db
      .updateTable('tags')
      .set({ is_canonical: 1 })
      .where('name', 'in', ['Original Work', 'Saltglass', 'Brinebell'])
      .execute();
    const allWorks = await t.db.selectFrom('works').select('id').execute();
    await rederiveWorkFilterTags(
      t.db,
      allWorks.map((w) => w.id),
    );
    await reindexWorks(
      t.db,
      allWorks.map((w) => w.id),
    );

    for (const [kind, target] of [
      ['creator', users.creator.id],
      ['creator', users.coCreator.id],
      ['series', ids.series],
      ['tag', (await tagNamed(t.db, 'Saltglass')).id],
      ['tag', (await tagNamed(t.db, 'Brinebell')).id],
    ] as const)
      await insertSubscription(t.db, users.follower.id, kind, target, new Date());
    // Subscribed to the creators and their series only: nothing new reaches them until the reveal.
    for (const [kind, target] of [
      ['creator', users.creator.id],
      ['creator', users.coCreator.id],
      ['series', ids.series],
    ] as const)
      await insertSubscription(t.db, users.creatorFan.id, kind, target, new Date());
    const creatorB = await login(sqlApp, users.creator);
    for (const [workId, name] of [
      [ids.anon, 'masked_fest'],
      [ids.secret, 'sealed_fest'],
    ] as const) {
      expect((await creatorB.post(`/works/${workId}/collections`, { collections: name })).status).toBe(303);
      await postDraftWork(t.db, workId, users.creator.id);
    }
    const flags = await t.db
      .selectFrom('works')
      .select(['id', 'is_anonymous', 'is_unrevealed', 'status'])
      .where('id', 'in', [ids.anon, ids.secret])
      .orderBy('id')
      .execute();
    expect(flags.map((f) => [f.is_anonymous, f.is_unrevealed, f.status])).toEqual([
      [1, 0, 'posted'],
      [0, 1, 'posted'],
    ]);
    await run();

    // Feedback on the anonymous work: the reader's comment, answered by the creator as Inkfern; kudos; a bookmark.
    ids.anonChapter = (
      await t.db.selectFrom('chapters').select('id').where('work_id', '=', ids.anon).executeTakeFirstOrThrow()
    ).id;
    const readerB = await login(sqlApp, users.reader);
    expect((await readerB.post(`/works/${ids.anon}/comments`, { body: 'The crossing felt cold.' })).status).toBe(303);
    ids.comment = (
      await t.db.selectFrom('comments').select('id').where('work_id', '=', ids.anon).executeTakeFirstOrThrow()
    ).id;
    const reply = await creatorB.post(`/comments/${ids.comment}/reply`, {
      body: 'Thank you for reading it.',
      pseud_id: String(inkfern.id),
    });
    expect(reply.status).toBe(303);
    expect((await readerB.post(`/works/${ids.anon}/kudos`, {})).status).toBeLessThan(400);
    expect((await readerB.post(`/works/${ids.anon}/bookmarks/new`, { notes: 'Lovely.' })).status).toBeLessThan(400);
    await run();
    await queueHourlyJobs(t.db, new Date());
    await run();

    indexed = t.db.withPlugin(passThrough);
    const index = startMemoryIndex(indexed)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
    apps.sql = sqlApp;
    apps.memory = makeTestApp(indexed);

    const people: Record<Who, User | null> = {
      guest: null,
      reader: users.reader,
      creator: users.creator,
      coCreator: users.coCreator,
      maintainer: users.maintainer,
    };
    for (const who of EVERYONE) {
      const user = people[who];
      tokens[who] = user ? (await createCredential(t.db, user.id, 'leak test', 'read')).secret : null;
      sessions[who] = (app) => login(app, user);
    }
  }, 60_000);

  afterAll(async () => {
    await smtp?.close();
  });

  /** Pages about the creators: none may list either work. */
  const creatorPages = () => [
    ...['tidewright', 'netmender'].flatMap((u) => [
      `/users/${u}`,
      `/users/${u}/works`,
      `/users/${u}/works?sort=title`,
      `/users/${u}/pseuds`,
      `/users/${u}/works.atom`,
      `/users/${u}/series`,
      `/works/search?q=${encodeURIComponent(`creator:${u}`)}`,
      `/works/search?q=${u}`,
      `/opds/search?q=${u}`,
    ]),
    '/users/tidewright/pseuds/Inkfern/works',
    '/works/search?q=creator%3AInkfern',
    '/works/search?q=Inkfern',
    `/series/${ids.series}`,
    `/works/${ids.open}`,
  ];
  const creatorApi = () => [
    '/api/v1/users/tidewright',
    '/api/v1/users/tidewright/works',
    '/api/v1/users/netmender/works',
    '/api/v1/users/tidewright/pseuds/Inkfern/works',
    '/api/v1/works?q=creator%3Atidewright',
    '/api/v1/works?q=Inkfern',
    '/api/v1/search?q=tidewright',
  ];
  /** Pages about the anonymous work alone: none may name its creators. */
  const anonPages = () => [
    `/works/${ids.anon}`,
    `/works/${ids.anon}?view_full_work=true`,
    `/works/${ids.anon}/chapters/${ids.anonChapter}`,
    `/works/${ids.anon}/navigate`,
    `/works/${ids.anon}/bookmarks`,
    `/works/${ids.anon}/kudos`,
    `/works/${ids.anon}/chapters.atom`,
    `/comments/${ids.comment}`,
    `/api/v1/works/${ids.anon}`,
    `/api/v1/works/${ids.anon}/chapters`,
    `/api/v1/works/${ids.anon}/chapters/${ids.anonChapter}`,
    `/api/v1/works/${ids.anon}/comments`,
    `/api/v1/works/${ids.anon}/kudos`,
  ];
  /** Listings that may show the anonymous work: each of its blurbs, entries or objects names no creator. */
  const listings = () => [
    '/',
    '/works',
    '/works?sort=creator',
    '/works?sort=creator&order=desc',
    '/works/search?q=Veilwick',
    '/works/search?q=Saltglass',
    '/works/search?q=Sonnet',
    '/tags/Original%20Work/works',
    '/tags/Saltglass/works',
    '/tags/Saltglass',
    '/tags/Saltglass/feed.atom',
    '/tags/Original%20Work/feed.atom',
    '/tags/Saltglass/bookmarks',
    '/media',
    '/collections',
    '/collections/masked_fest',
    '/collections/sealed_fest',
    '/bookmarks',
    '/users/driftreader',
    '/users/driftreader/gifts',
    '/users/driftreader/related-works',
    '/users/driftreader/bookmarks',
    `/works/${ids.parent}`,
    '/opds/new',
    '/opds/updated',
    '/opds/popular',
    '/opds/search?q=Veilwick',
    '/opds/search?q=Sonnet',
    '/opds/tags/Saltglass',
    '/api/v1/works',
    '/api/v1/works?q=Veilwick',
    '/api/v1/tags/Saltglass/works',
    '/api/v1/search?q=Veilwick',
    '/api/v1/works?q=Sonnet',
    '/api/v1/bookmarks',
    '/api/v1/users/driftreader/works',
  ];
  /** Where the unrevealed work's own tag is named (the tag exists): its works and counts still leave it out. */
  const secretTagPages = () => [
    '/tags/Brinebell',
    '/tags/Brinebell/works',
    '/tags/Brinebell/feed.atom',
    '/opds/tags/Brinebell',
    '/api/v1/tags/Brinebell/works',
  ];

  async function fetch(app: App, who: Who, path: string) {
    if (path.startsWith('/api/')) {
      const headers: Record<string, string> = tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {};
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
    const mails = smtp.messages.slice(mailsBefore.start);
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
    const before = smtp.messages.length;
    const owner = await sessions.maintainer(apps.sql);
    expect((await owner.post('/collections/sealed_fest/reveal', { what: 'works' })).status).toBe(303);
    await run();
    await queueHourlyJobs(t.db, new Date(Date.now() + 3_600_000));
    await run();
    await queueHourlyJobs(t.db, new Date(Date.now() + 7_200_000));
    await run();
    const mails = smtp.messages.slice(before);
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
});
