import { mailPreferencesUrl } from '../accounts/mail-links.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { backgroundHandlers, queueHourlyJobs } from '../background.ts';
import { loadConfig } from '../config.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { softDeleteWork } from '../works/delete-work.ts';
import { KUDOS_MAIL_JOB, KUDOS_MAIL_SUBJECT, queueKudosMails } from './daily-mail.ts';
import { insertKudos } from './queries.ts';

forEachDatabase('the daily kudos mail', (t) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('mails each creator once about their kudos, not when they turned it off nor for deleted works, and marks them told', async () => {
    const config = loadConfig({
      QUIRE_BASE_URL: TEST_ORIGIN,
      QUIRE_DATA_DIR: '/tmp/quire-unused',
      QUIRE_SMTP_URL: smtp.url,
    });
    const handlers = backgroundHandlers({ config, mailer: createMailer(config) });
    const writer = await makeUser(t.db);
    const quiet = await makeUser(t.db);
    const gone = await makeUser(t.db);
    const tide = await makeWork(t.db, writer, { title: 'Tide Tables' });
    const moth = await makeWork(t.db, writer, { title: 'Moth Hour' });
    const quietWork = await makeWork(t.db, quiet, { title: 'Quiet Reed' });
    const deleted = await makeWork(t.db, gone, { title: 'Ash Lane' });
    await t.db.updateTable('users').set({ kudos_emails_off: 1 }).where('id', '=', quiet.id).execute();
    await t.db.transaction().execute((trx) => softDeleteWork(trx, deleted, new Date()));
    const fan = await makeUser(t.db, { username: `snegir${process.pid}` });
    const other = await makeUser(t.db, { username: `lanternwright${process.pid}` });
    for (const workId of [tide, quietWork, deleted])
      await insertKudos(t.db, { workId, chapterId: null, giver: { userId: fan.id } });
    await insertKudos(t.db, { workId: tide, chapterId: null, giver: { userId: other.id } });
    await insertKudos(t.db, { workId: tide, chapterId: null, giver: { guestKey: 'k1' } });
    await insertKudos(t.db, { workId: moth, chapterId: null, giver: { guestKey: 'k2' } });
    await runPendingJobs(t.db, handlers); // the works' own events

    const before = smtp.messages.length;
    const day = new Date();
    await queueHourlyJobs(t.db, day);
    await queueHourlyJobs(t.db, new Date(day.getTime() + 1000)); // the same day: no second mail job
    await runPendingJobs(t.db, handlers);
    const mail = await smtp.nextTo(writer.email, before);
    expect(mail.subject).toBe(KUDOS_MAIL_SUBJECT);
    expect(mail.text).toContain(`“Tide Tables”: ${fan.username}, ${other.username} and 1 guest left kudos.`);
    expect(mail.text).toContain(`“Moth Hour”: 1 guest left kudos.`);
    expect(mail.text).toContain(`${TEST_ORIGIN}/works/${tide}`);
    // The one-click link that turns these mails off without logging in.
    expect(mail.text).toContain(await mailPreferencesUrl(t.db, TEST_ORIGIN, writer.id));

    const sent = smtp.messages.slice(before);
    expect(sent.filter((m) => m.envelopeTo.includes(writer.email))).toHaveLength(1);
    expect(sent.some((m) => m.envelopeTo.includes(quiet.email))).toBe(false);
    expect(sent.some((m) => m.envelopeTo.includes(gone.email))).toBe(false);
    const jobs = await t.db.selectFrom('jobs').select('status').where('kind', '=', KUDOS_MAIL_JOB).execute();
    expect(jobs).toEqual([{ status: 'done' }]);

    const untold = await t.db.selectFrom('kudos').select('work_id').where('notified_at', 'is', null).execute();
    expect(untold.map((k) => k.work_id)).toEqual([deleted]);
    // The next run has nothing new to tell.
    expect(await queueKudosMails(t.db, config, new Date())).toBe(0);
  });
});
