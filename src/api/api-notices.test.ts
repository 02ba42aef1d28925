/**
 * Works written through the API tell the same people the post form tells:
 * a gift's recipient, and a parent work's creator asked to approve a link,
 * once each, when the work is posted (a draft waits).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeMailingApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { TestSmtpServer } from '../mail/smtp-test-server.test-helper.ts';
import { createCredential } from '../accounts/credentials.ts';

const WORK = {
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  fandoms: ['Original Work'],
  chapter: { body: '<p>The ferry left at noon, without its bell.</p>' },
};

forEachDatabase('API writes send the post form’s notices', (t) => {
  let smtp: TestSmtpServer;
  let writer: User;
  let friend: User;
  let token: string;
  let call: (method: string, path: string, body: unknown) => Promise<Response>;

  beforeAll(async () => {
    const mailing = await makeMailingApp(t.db);
    smtp = mailing.smtp;
    const app = mailing.app;
    writer = await makeUser(t.db, { username: `ferrywriter${process.pid}` });
    friend = await makeUser(t.db, { username: `bellringer${process.pid}` });
    token = (await createCredential(t.db, writer.id, 'notices', 'write')).secret;
    call = async (method, path, body) =>
      app.request(`${TEST_ORIGIN}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
  });
  afterAll(async () => {
    await smtp.close();
  });

  const mailsTo = (user: User, after: number) =>
    smtp.messages.slice(after).filter((m) => m.envelopeTo.includes(user.email));

  it('mails a gift’s recipient when a work is posted through the API', async () => {
    const mark = smtp.messages.length;
    const response = await call('POST', '/works', {
      ...WORK,
      title: 'Noon Ferry',
      gift_to: [friend.username],
      post: true,
    });
    expect(response.status).toBe(201);
    const mail = await smtp.nextTo(friend.email, mark);
    expect(mail.subject).toBe('A gift for you on Quire: “Noon Ferry”');
  });

  it('waits for a draft to be posted, then asks the parent’s creator once', async () => {
    const parentId = await makeWork(t.db, friend, { title: 'The Bell Tower' });
    const mark = smtp.messages.length;
    const related = { url: `${TEST_ORIGIN}/works/${parentId}`, relation: 'sequel' };
    const draft = await call('POST', '/works', { ...WORK, title: 'After the Bell', related });
    expect(draft.status).toBe(201);
    const id = ((await draft.json()) as { id: number }).id;
    expect(mailsTo(friend, mark)).toEqual([]);

    expect((await call('PATCH', `/works/${id}`, { post: true })).status).toBe(200);
    const mail = await smtp.nextTo(friend.email, mark);
    expect(mail.subject).toBe('A work on Quire links to “The Bell Tower”');
    // A later edit does not ask again.
    expect((await call('PATCH', `/works/${id}`, { summary: 'Still ringing.' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(friend, mark)).toHaveLength(1);
  });
});
