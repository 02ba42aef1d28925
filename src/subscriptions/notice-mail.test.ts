import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { backgroundHandlers, queueHourlyJobs } from '../background.ts';
import { addBlockOrMute } from '../blocking/queries.ts';
import { addChapter } from '../chapters/add-chapter.ts';
import { loadConfig } from '../config.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { makeSeries, putInState } from '../series/series.test-helper.ts';
import { tagNamed } from '../../test/support/tags.ts';
import { queueSubscriptionMails, SUBSCRIPTION_MAIL_SUBJECT } from './notice-mail.ts';
import { saveFilter } from '../search/saved-filters/queries.ts';
import { subscribe } from './subscribe.ts';
import { asMember } from './notice-mail.ts';
import { insertSubscription, setFrequency } from './queries.ts';

forEachDatabase('the subscription notice mail', (t) => {
  let smtp: TestSmtpServer;
  let config: ReturnType<typeof loadConfig>;
  let handlers: ReturnType<typeof backgroundHandlers>;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused', QUIRE_SMTP_URL: smtp.url });
    handlers = backgroundHandlers({ config, mailer: createMailer(config) });
  });
  afterAll(async () => {
    await smtp.close();
  });

  const mailsTo = (email: string, since: number) =>
    smtp.messages.slice(since).filter((m) => m.envelopeTo.includes(email));

  it('sends each member one mail a run of what is new and theirs to see, never the same item twice', async () => {
    const writer = await makeUser(t.db);
    const seriesWriter = await makeUser(t.db);
    const mutedWriter = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const bystander = await makeUser(t.db);
    const harbour = await makeWork(t.db, writer, { title: 'Harbour Lights' });
    const { seriesId } = await makeSeries(t.db, seriesWriter, 'Salt Road', [{ title: 'Salt Road One' }]);
    await runPendingJobs(t.db, handlers);

    for (const [kind, id] of [
      ['work', harbour],
      ['series', seriesId],
      ['creator', seriesWriter.id],
      ['creator', mutedWriter.id],
    ] as const)
      await insertSubscription(t.db, reader.id, kind, id, new Date());
    await addBlockOrMute(t.db, 'mute', reader.id, mutedWriter.id);

    await addChapter(t.db, harbour, chapter('<p>The tide came in.</p>', { title: 'Low Water' }), { post: true });
    await addChapter(t.db, harbour, chapter('<p>Not yet.</p>', { title: 'Unwritten' }), { post: false });
    await makeWork(t.db, seriesWriter, { title: 'Salt Road Two', series: [{ seriesId }] });
    const masked = await makeWork(t.db, seriesWriter, { title: 'Masked Ferry' });
    await putInState(t.db, masked, 'anonymous');
    const hidden = await makeWork(t.db, seriesWriter, { title: 'Hidden Jetty' });
    await putInState(t.db, hidden, 'hidden');
    await makeWork(t.db, seriesWriter, { title: 'Draft Pier', post: false });
    await makeWork(t.db, mutedWriter, { title: 'Muted Quay' });
    await runPendingJobs(t.db, handlers); // the posted events become updates

    const before = smtp.messages.length;
    const hour = new Date();
    await queueHourlyJobs(t.db, hour);
    await queueHourlyJobs(t.db, new Date(hour.getTime() + 1000)); // the same hour: no second run
    await runPendingJobs(t.db, handlers);
    const mail = await smtp.nextTo(reader.email, before);
    expect(mail.subject).toBe(SUBSCRIPTION_MAIL_SUBJECT);
    expect(mail.text).toContain('“Harbour Lights”, chapter 2: Low Water');
    expect(mail.text).toContain(`${TEST_ORIGIN}/works/${harbour}/chapters/`);
    expect(mail.text.match(/Salt Road Two/g)).toHaveLength(1); // by the series and by the creator: told once
    for (const unseen of ['Unwritten', 'Masked Ferry', 'Hidden Jetty', 'Draft Pier', 'Muted Quay', 'Salt Road One'])
      expect(mail.text).not.toContain(unseen);
    const unsubscribe = `${TEST_ORIGIN}/subscriptions/unsubscribe?user=${reader.id}&token=`;
    expect(mail.text).toContain(unsubscribe);
    expect(mail.headers.get('list-unsubscribe')).toContain(`<${unsubscribe}`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mailsTo(reader.email, before)).toHaveLength(1);
    expect(mailsTo(bystander.email, before)).toHaveLength(0);

    // The next hour: nothing new, no mail; then one new chapter, and only it.
    const next = smtp.messages.length;
    await queueHourlyJobs(t.db, new Date(hour.getTime() + 3_600_000));
    await runPendingJobs(t.db, handlers);
    expect(mailsTo(reader.email, next)).toHaveLength(0);
    await addChapter(t.db, harbour, chapter('<p>Slack tide.</p>', { title: 'High Water' }), { post: true });
    await runPendingJobs(t.db, handlers);
    await queueHourlyJobs(t.db, new Date(hour.getTime() + 7_200_000));
    await runPendingJobs(t.db, handlers);
    const later = await smtp.nextTo(reader.email, next);
    expect(later.text).toContain('High Water'); // chapter 4: the unposted third counts in its place
    expect(later.text).not.toContain('Low Water');
    expect(later.text).not.toContain('Salt Road Two');
  });

  it('mails a daily member at their first run of each day only, and a member who turned mail off never', async () => {
    const writer = await makeUser(t.db);
    const daily = await makeUser(t.db);
    const quiet = await makeUser(t.db);
    const work = await makeWork(t.db, writer, { title: 'Lamp Street' });
    await runPendingJobs(t.db, handlers);
    for (const member of [daily, quiet]) await insertSubscription(t.db, member.id, 'creator', writer.id, new Date());
    await setFrequency(t.db, daily.id, 'daily');
    await setFrequency(t.db, quiet.id, 'off');
    const post = async (title: string) => {
      await makeWork(t.db, writer, { title });
      await runPendingJobs(t.db, handlers);
    };
    const run = async (at: string) => {
      await queueSubscriptionMails(t.db, config, new Date(at));
      await runPendingJobs(t.db, handlers);
    };

    const before = smtp.messages.length;
    await post('Lamp Street Morning');
    await run('2030-03-01T05:07:00Z');
    expect((await smtp.nextTo(daily.email, before)).text).toContain('Lamp Street Morning');
    const second = smtp.messages.length;
    await post('Lamp Street Noon');
    await run('2030-03-01T06:07:00Z');
    expect(mailsTo(daily.email, second)).toHaveLength(0);
    await run('2030-03-02T00:07:00Z');
    const nextDay = await smtp.nextTo(daily.email, second);
    expect(nextDay.text).toContain('Lamp Street Noon');
    expect(nextDay.text).not.toContain('Lamp Street Morning');
    expect(mailsTo(quiet.email, before)).toHaveLength(0);
    expect(work).toBeGreaterThan(0);

    // Mail back on: only what comes after, not what was posted while it was off.
    await setFrequency(t.db, quiet.id, 'hourly');
    const back = smtp.messages.length;
    await post('Lamp Street Evening');
    await run('2030-03-02T01:07:00Z');
    const resumed = await smtp.nextTo(quiet.email, back);
    expect(resumed.text).toContain('Lamp Street Evening');
    expect(resumed.text).not.toContain('Lamp Street Noon');
  });

  it('tells a tag’s follower of new works filed under it, and not of others', async () => {
    const writer = await makeUser(t.db);
    const follower = await makeUser(t.db);
    await makeWork(t.db, writer, { title: 'Before Following', fandoms: ['Original Work'] });
    await runPendingJobs(t.db, handlers);
    const tag = await tagNamed(t.db, 'Original Work');
    // Filters (and so tag subscriptions) follow canonical tags, as a wrangler would make this one.
    await t.db.updateTable('tags').set({ is_canonical: 1 }).where('id', '=', tag.id).execute();
    await insertSubscription(t.db, follower.id, 'tag', tag.id, new Date());
    await makeWork(t.db, writer, { title: 'Kite Season', fandoms: ['Original Work'] });
    await makeWork(t.db, writer, { title: 'Elsewhere Entirely', fandoms: ['Lantern Isles Chronicle'] });
    await runPendingJobs(t.db, handlers);
    const before = smtp.messages.length;
    await queueSubscriptionMails(t.db, config, new Date());
    await runPendingJobs(t.db, handlers);
    const mail = await smtp.nextTo(follower.email, before);
    expect(mail.text).toContain('“Kite Season”');
    expect(mail.text).not.toContain('Elsewhere Entirely');
    expect(mail.text).not.toContain('Before Following');
  });

  it('tells of new works one’s own saved filter finds, and cannot follow someone else’s filter', async () => {
    const writer = await makeUser(t.db);
    const follower = await makeUser(t.db);
    const filterId = await saveFilter(t.db, follower.id, {
      name: 'Mature only',
      query: 'rating=Mature',
      isDefault: false,
    });
    expect(await subscribe(t.db, asMember(writer.id), 'filter', filterId)).toEqual({
      kind: 'refused',
      reason: 'not_found',
    });
    expect((await subscribe(t.db, asMember(follower.id), 'filter', filterId)).kind).toBe('added');
    await makeWork(t.db, writer, { title: 'Storm Cellar', rating: 'Mature' });
    await makeWork(t.db, writer, { title: 'Sunny Porch' });
    await runPendingJobs(t.db, handlers);
    const before = smtp.messages.length;
    await queueSubscriptionMails(t.db, config, new Date());
    await runPendingJobs(t.db, handlers);
    const mail = await smtp.nextTo(follower.email, before);
    expect(mail.text).toContain('“Storm Cellar”');
    expect(mail.text).not.toContain('Sunny Porch');
  });
  it('tells members standing at different updates in one run each of what is new since their own last mail', async () => {
    const writer = await makeUser(t.db);
    const early = await makeUser(t.db);
    const late = await makeUser(t.db);
    const alsoEarly = await makeUser(t.db);
    await insertSubscription(t.db, early.id, 'creator', writer.id, new Date());
    await insertSubscription(t.db, alsoEarly.id, 'creator', writer.id, new Date());
    await makeWork(t.db, writer, { title: 'Orchard Gate' });
    await runPendingJobs(t.db, handlers);
    await insertSubscription(t.db, late.id, 'creator', writer.id, new Date()); // starts after Orchard Gate
    await makeWork(t.db, writer, { title: 'Cider Press' });
    await runPendingJobs(t.db, handlers);
    const before = smtp.messages.length;
    expect(await queueSubscriptionMails(t.db, config, new Date())).toBeGreaterThanOrEqual(3);
    await runPendingJobs(t.db, handlers);
    for (const member of [early, alsoEarly]) {
      const mail = await smtp.nextTo(member.email, before);
      expect(mail.text).toContain('“Orchard Gate”');
      expect(mail.text).toContain('“Cider Press”');
      expect(mailsTo(member.email, before)).toHaveLength(1);
    }
    const mail = await smtp.nextTo(late.email, before);
    expect(mail.text).toContain('“Cider Press”');
    expect(mail.text).not.toContain('Orchard Gate');
    expect(mail.text).toContain(`/subscriptions/unsubscribe?user=${late.id}&token=`);
    expect(mailsTo(late.email, before)).toHaveLength(1);
  });
});
