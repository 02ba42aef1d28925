/**
 * The outbox end to end, on each database: events are written in the
 * command's own transaction, delivered after commit by the background's
 * handlers, retried when the mail server refuses, and still delivered when
 * the runner that held them died. Mail goes through a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { postForm, workIdFrom } from '../../test/support/post-form.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { backgroundHandlers, startBackground } from '../background.ts';
import { createCredential } from '../accounts/credentials.ts';
import { loadConfig } from '../config.ts';
import type { User } from '../accounts/accounts.table.ts';
import { claimNextJob, countJobsByStatus } from '../jobs/queries.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { createApp, type App } from '../server.ts';
import { MAIL_JOB } from './mail.ts';
import { eventJobKind, everyListener, recordEvent } from './outbox.ts';
import { listEvents } from './queries.ts';

forEachDatabase('the outbox', (t) => {
  let smtp: TestSmtpServer;
  let app: App;
  let deps: Parameters<typeof backgroundHandlers>[0];
  let writer: User;
  let browser: Browser;
  let pseudId: number;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const config = loadConfig({
      QUIRE_BASE_URL: TEST_ORIGIN,
      QUIRE_DATA_DIR: '/tmp/quire-unused',
      QUIRE_SMTP_URL: smtp.url,
    });
    deps = { config, mailer: createMailer(config) };
    // No background here: each test delivers when it chooses, as a restarted process would.
    app = createApp({ db: t.db, config, mailer: deps.mailer });
    writer = await makeUser(t.db);
    browser = new Browser(app);
    await signIn(browser, t.db, writer);
    pseudId = (await findDefaultPseud(t.db, writer.id)).id;
  });
  afterAll(async () => {
    await smtp.close();
  });

  const deliver = () => runPendingJobs(t.db, backgroundHandlers(deps), { baseDelayMs: 0, log: () => {} });
  const mailsTo = (user: User) => smtp.messages.filter((m) => m.envelopeTo.includes(user.email));
  const postGiftTo = async (friend: User, title: string) =>
    workIdFrom(await browser.post('/works/new', postForm(pseudId, { title, gift_to: friend.username })));

  it('records an event only when its command commits', async () => {
    const before = (await listEvents(t.db, 'work.posted')).length;
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordEvent(trx, 'work.posted', { workId: 999_999 });
        throw new Error('the command is refused after recording');
      }),
    ).rejects.toThrow('refused after recording');
    expect(await listEvents(t.db, 'work.posted')).toHaveLength(before);

    const workId = await postGiftTo(await makeUser(t.db), 'Tide Clock');
    const events = await listEvents(t.db, 'work.posted');
    expect(events).toHaveLength(before + 1);
    expect(JSON.parse(events.at(-1)!.payload)).toEqual({ workId });
    expect((await listEvents(t.db, 'gift.given')).at(-1)!.status).toBe('queued');
    await deliver();
  });

  it('mails a gift posted from the page, and one posted through the API, once each', async () => {
    const pageFriend = await makeUser(t.db);
    await postGiftTo(pageFriend, 'Harbour Lights');
    const apiFriend = await makeUser(t.db);
    const token = (await createCredential(t.db, writer.id, 'outbox', 'write')).secret;
    const response = await app.request(`${TEST_ORIGIN}/api/v1/works`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Harbour Bells',
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['Original Work'],
        gift_to: [apiFriend.username],
        chapter: { body: '<p>The bells rang for the boats still out.</p>' },
        post: true,
      }),
    });
    expect(response.status).toBe(201);
    // Nothing is sent from the request itself: it waits in the outbox.
    expect(mailsTo(pageFriend)).toEqual([]);
    expect(mailsTo(apiFriend)).toEqual([]);

    await deliver();
    await deliver(); // a second pass finds nothing left to send
    expect(mailsTo(pageFriend).map((m) => m.subject)).toEqual(['A gift for you on Quire: “Harbour Lights”']);
    expect(mailsTo(apiFriend).map((m) => m.subject)).toEqual(['A gift for you on Quire: “Harbour Bells”']);
  });

  it('retries a mail the server refused, and delivers it once', async () => {
    const friend = await makeUser(t.db);
    await postGiftTo(friend, 'Second Try');
    smtp.refuseNext(2);
    const outcome = await deliver();
    expect(outcome).toMatchObject({ retrying: 2, failed: 0 });
    expect(mailsTo(friend)).toHaveLength(1);
    const [mailJob] = await t.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', MAIL_JOB)
      .where('payload', 'like', `%${friend.email}%`)
      .execute();
    expect(mailJob).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('leaves a mail failed, visibly, once its tries are used up', async () => {
    const friend = await makeUser(t.db);
    await postGiftTo(friend, 'Never Arrives');
    const failedBefore = (await countJobsByStatus(t.db)).failed;
    smtp.refuseNext(5);
    const logged: string[] = [];
    const outcome = await runPendingJobs(t.db, backgroundHandlers(deps), {
      baseDelayMs: 0,
      log: (line) => logged.push(String(line)),
    });
    expect(outcome).toMatchObject({ retrying: 4, failed: 1 });
    expect((await countJobsByStatus(t.db)).failed).toBe(failedBefore + 1);
    expect(logged).toEqual([expect.stringMatching(/^quire jobs: job \d+ \(mail\) failed for good after 5 tries: /)]);
    expect(mailsTo(friend)).toEqual([]);
  });

  it('delivers an event whose runner died between claiming it and sending', async () => {
    const friend = await makeUser(t.db);
    await postGiftTo(friend, 'After the Crash');
    // A runner claims the work's events, then its process dies: the rows stay "running" with nobody behind them.
    for (let job = await claimNextJob(t.db, 60_000); job; job = await claimNextJob(t.db, 60_000)) {
      if (job.kind === eventJobKind('gift.given')) break;
    }
    const giftEvent = (await listEvents(t.db, 'gift.given')).at(-1)!;
    expect(giftEvent.status).toBe('running');
    expect(mailsTo(friend)).toEqual([]);

    // The restarted process's background takes it over once the claim is stale.
    const background = startBackground(t.db, deps, { pollMs: 10, staleAfterMs: 0, withSchedule: false });
    try {
      await smtp.nextTo(friend.email);
      await expect.poll(async () => (await listEvents(t.db, 'gift.given')).at(-1)!.status).toBe('done');
    } finally {
      await background.stop();
    }
    expect(mailsTo(friend)).toHaveLength(1);
  });
});

describe('gathering every domain’s listeners', () => {
  it('refuses two listeners for one event type instead of letting one silently replace the other', () => {
    const first = { 'work.posted': { run: async () => {} } };
    const second = { 'work.posted': { run: async () => {} } };
    expect(() => everyListener(first, second)).toThrow(/Two listeners for the outbox event "work.posted"/);
    const merged = everyListener(first, { 'chapter.posted': { run: async () => {} } });
    expect(Object.keys(merged).sort()).toEqual(['chapter.posted', 'work.posted']);
  });
});
