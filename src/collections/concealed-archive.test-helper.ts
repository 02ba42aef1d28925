/**
 * The archive the anonymity leak test walks (anonymity-leak.test.ts): a
 * co-created work in an anonymous collection — with a gift, a parent work,
 * a series beside the creator's open work, a comment its creator answered,
 * kudos and a bookmark — and one in an unrevealed collection, with
 * subscribers of the creators, their series and the works' tags; an app on
 * SQL and one through the in-memory index; a session and an API token for
 * each audience; and the SMTP server the background's mail reaches. Also
 * the surfaces the walk fetches, by what they are about.
 */
import type { KyselyPlugin } from 'kysely';
import { expect } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { createCredential } from '../accounts/credentials.ts';
import { createPseud, findDefaultPseud } from '../accounts/queries.ts';
import { backgroundHandlers, queueHourlyJobs } from '../background.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { startMemoryIndex } from '../search/memory/work-index.ts';
import type { App } from '../server.ts';
import { insertSubscription } from '../subscriptions/queries.ts';
import { postDraftWork } from '../works/save-work.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';

export type Who = 'guest' | 'reader' | 'creator' | 'coCreator' | 'maintainer';
export const OUTSIDERS: readonly Who[] = ['guest', 'reader'];
export const EVERYONE: readonly Who[] = ['guest', 'reader', 'creator', 'coCreator', 'maintainer'];

/** The anonymous work's creators: their usernames and the pseud it is credited to. */
export const NAMES = ['tidewright', 'Inkfern', 'netmender'];
export const ANON_TITLE = 'Veilwick Ferry';
/** Everything the unrevealed work is: title, summary, its own tag, its text. */
export const SECRETS = ['Murkwater', 'Quietbell', 'Brinebell', 'Undertowline'];

/** A second handle on the database, so the in-memory index it keeps is this test's own. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

export type ArchiveIds = {
  open: number;
  anon: number;
  secret: number;
  parent: number;
  series: number;
  anonChapter: number;
  comment: number;
};

export interface ConcealedArchive {
  apps: Record<'sql' | 'memory', App>;
  users: Record<Exclude<Who, 'guest'> | 'follower' | 'creatorFan', User>;
  tokens: Record<Who, string | null>;
  sessions: Record<Who, (app: App) => Promise<Browser>>;
  smtp: TestSmtpServer;
  ids: ArchiveIds;
  /** Messages the SMTP server held before the archive was made. */
  mailsStart: number;
  /** Runs the background's due jobs (events, mail). */
  run(): Promise<unknown>;
}

export async function makeConcealedArchive(db: Db): Promise<ConcealedArchive> {
  const t = { db };
  const apps = {} as Record<'sql' | 'memory', App>;
  const users = {} as Record<Exclude<Who, 'guest'> | 'follower' | 'creatorFan', User>;
  const tokens = {} as Record<Who, string | null>;
  const sessions = {} as Record<Who, (app: App) => Promise<Browser>>;
  const ids: ArchiveIds = { open: 0, anon: 0, secret: 0, parent: 0, series: 0, anonChapter: 0, comment: 0 };
  const mailsBefore = { start: 0 };

  const smtp = await startTestSmtpServer();
  const config = loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: '/tmp/quire-unused',
    QUIRE_SMTP_URL: smtp.url,
  });
  const handlers = backgroundHandlers({ config, mailer: createMailer(config) });
  mailsBefore.start = smtp.messages.length;
  const run = () => runPendingJobs(t.db, handlers);

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
    await t.db.selectFrom('series_works').select('series_id').where('work_id', '=', ids.open).executeTakeFirstOrThrow()
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

  const indexed = t.db.withPlugin(passThrough);
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
  return { apps, users, tokens, sessions, smtp, ids, mailsStart: mailsBefore.start, run };
}

/** The surfaces the walk fetches, by what they are about. */
export function surfacesOf(ids: ArchiveIds) {
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
    `/works/${ids.anon}/comments`,
    '/users/driftreader/inbox',
    '/api/v1/inbox',
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
    '/users/driftreader/readings',
    '/users/driftreader/kudos',
    '/api/v1/readings',
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
  return { creatorPages, creatorApi, anonPages, listings, secretTagPages };
}
