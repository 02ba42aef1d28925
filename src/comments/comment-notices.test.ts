/**
 * The comment listeners end to end on each database: a comment row and its
 * event, delivered by the real background handlers; inbox items and mail
 * (through a real SMTP server) to the right people, once each.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { recordEvent } from '../outbox/outbox.ts';
import {
  approveTestComment,
  inboxOf,
  postTestComment,
  startNoticeHarness,
  type NoticeHarness,
} from './inbox.test-helper.ts';

forEachDatabase('comment notices', (t) => {
  let harness: NoticeHarness;
  beforeAll(async () => {
    harness = await startNoticeHarness(t.db);
  });
  afterAll(async () => {
    await harness.close();
  });

  const coWrittenWork = async (a: User, b: User, overrides: Parameters<typeof makeWork>[2] = {}) => {
    const pseudB = await findDefaultPseud(t.db, b.id);
    const pseudA = await findDefaultPseud(t.db, a.id);
    return makeWork(t.db, a, { creatorPseudIds: [pseudA.id, pseudB.id], ...overrides });
  };

  it('tells each creator of a comment, and the replied-to commenter of a reply, once however often the event comes', async () => {
    const writer = await makeUser(t.db);
    const coWriter = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const workId = await coWrittenWork(writer, coWriter);
    const first = await postTestComment(t.db, { workId, by: reader });
    await harness.deliver();
    const reply = await postTestComment(t.db, { workId, by: replier, parentId: first });
    await harness.deliver();
    // The same events again, as a retry or a second runner would deliver them.
    await recordEvent(t.db, 'comment.posted', { commentId: first });
    await recordEvent(t.db, 'comment.posted', { commentId: reply });
    await harness.deliver();

    expect(await inboxOf(t.db, writer.id)).toEqual([
      { comment_id: first, reason: 'comment' },
      { comment_id: reply, reason: 'comment' },
    ]);
    expect(await inboxOf(t.db, coWriter.id)).toHaveLength(2);
    expect(await inboxOf(t.db, reader.id)).toEqual([{ comment_id: reply, reason: 'reply' }]);
    expect(await inboxOf(t.db, replier.id)).toEqual([]);

    expect(harness.mailsTo(writer.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^New comment on “The Lantern Keeper/),
      expect.stringMatching(/^New comment on “The Lantern Keeper/),
    ]);
    expect(harness.mailsTo(coWriter.email)).toHaveLength(2);
    const [replyMail, ...more] = harness.mailsTo(reader.email).filter((m) => m.subject.startsWith('Reply'));
    expect(more).toEqual([]);
    expect(replyMail!.text).toContain('replied to your comment on “The Lantern Keeper');
    expect(replyMail!.text).toContain('The harbour scene stayed with me all day.');
    expect(replyMail!.text).toContain(`http://localhost:3000/comments/${reply}`);
    expect(replyMail!.text).toMatch(/http:\/\/localhost:3000\/preferences\/mail\?user=\d+&token=[\w-]+/);
    // Each member commenter gets one copy of their own comment, nobody else's.
    expect(harness.mailsTo(reader.email).filter((m) => m.subject.startsWith('Your comment'))).toHaveLength(1);
    expect(harness.mailsTo(replier.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Your comment on/)]);
  });

  it('does not tell a creator of their own comment, nor copy it when copies are off', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    await t.db.updateTable('users').set({ comment_copies_off: 1 }).where('id', '=', writer.id).execute();
    await postTestComment(t.db, { workId, by: writer });
    await harness.deliver();
    expect(await inboxOf(t.db, writer.id)).toEqual([]);
    expect(harness.mailsTo(writer.email)).toEqual([]);
  });

  it('sends no mail to whoever turned comment mail off, and still fills their inbox', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    await t.db.updateTable('users').set({ comment_emails_off: 1 }).where('id', '=', writer.id).execute();
    const id = await postTestComment(t.db, { workId, by: reader });
    await harness.deliver();
    expect(await inboxOf(t.db, writer.id)).toEqual([{ comment_id: id, reason: 'comment' }]);
    expect(harness.mailsTo(writer.email)).toEqual([]);
  });

  it('turns comment mail off from the link at the foot of a mail, without logging in', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    await postTestComment(t.db, { workId, by: reader });
    await harness.deliver();
    const [mail] = harness.mailsTo(writer.email);
    const link = /http:\/\/localhost:3000(\/preferences\/mail\?\S+)/.exec(mail!.text)![1]!;
    const browser = new Browser(makeTestApp(t.db));
    expect(await browser.page(link)).toContain('Turn off emails about comments');
    const token = new URL(link, 'http://localhost:3000').searchParams.get('token')!;
    const done = await browser.post('/preferences/mail', { user: String(writer.id), token, off: 'comments' });
    expect(done.status).toBe(303);

    const second = await postTestComment(t.db, { workId, by: reader });
    await harness.deliver();
    expect(harness.mailsTo(writer.email)).toHaveLength(1);
    expect((await inboxOf(t.db, writer.id)).map((i) => i.comment_id)).toContain(second);
  });

  it('tells nobody who may not read the work, and mails a guest only where guests may read', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { isRestricted: true });
    const byReader = await postTestComment(t.db, { workId, by: reader });
    const byGuest = await postTestComment(t.db, { workId, guestName: 'Tern', guestEmail: 'tern@example.test' });
    await harness.deliver();
    // A moderator hides the work: its creator still reads it, the reader no longer does.
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', workId).execute();
    const reply = await postTestComment(t.db, { workId, by: replier, parentId: byReader });
    await postTestComment(t.db, { workId, by: replier, parentId: byGuest });
    await harness.deliver();

    expect((await inboxOf(t.db, writer.id)).map((i) => i.comment_id)).toContain(reply);
    expect(await inboxOf(t.db, reader.id)).toEqual([]);
    expect(harness.mailsTo(reader.email).filter((m) => m.subject.startsWith('Reply'))).toEqual([]);
    // The guest replied to on a restricted work may not read it: no mail to their address.
    expect(harness.mailsTo('tern@example.test')).toEqual([]);
    // A hidden work's comments are not copied to their commenter either.
    expect(harness.mailsTo(replier.email)).toEqual([]);
  });

  it('mails a guest a reply at the address they gave, without showing it to anyone', async () => {
    const writer = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const byGuest = await postTestComment(t.db, { workId, guestName: 'Plover', guestEmail: 'plover@example.test' });
    await postTestComment(t.db, { workId, by: replier, parentId: byGuest });
    await harness.deliver();
    const mails = harness.mailsTo('plover@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Hello Plover,');
    const writerMails = harness.mailsTo(writer.email);
    expect(writerMails[0]!.text).toContain('Plover (guest) left a comment on');
    expect(writerMails.map((m) => m.text).join('\n')).not.toContain('plover@example.test');
  });

  it('skips people who blocked or muted the commenter', async () => {
    const writer = await makeUser(t.db);
    const coWriter = await makeUser(t.db);
    const pest = await makeUser(t.db);
    const workId = await coWrittenWork(writer, coWriter);
    const now = new Date().toISOString();
    await t.db
      .insertInto('user_blocks')
      .values({ blocker_id: writer.id, blocked_id: pest.id, created_at: now })
      .execute();
    await t.db.insertInto('user_mutes').values({ muter_id: coWriter.id, muted_id: pest.id, created_at: now }).execute();
    await postTestComment(t.db, { workId, by: pest });
    await harness.deliver();
    expect(await inboxOf(t.db, writer.id)).toEqual([]);
    expect(await inboxOf(t.db, coWriter.id)).toEqual([]);
    expect(harness.mailsTo(writer.email)).toEqual([]);
    expect(harness.mailsTo(coWriter.email)).toEqual([]);
  });

  it('tells only the creators of a held comment, then the replied-to commenter once it is approved', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const first = await postTestComment(t.db, { workId, by: reader });
    await harness.deliver();
    const held = await postTestComment(t.db, { workId, by: replier, parentId: first, state: 'held' });
    await harness.deliver();
    expect(await inboxOf(t.db, writer.id)).toEqual([
      { comment_id: first, reason: 'comment' },
      { comment_id: held, reason: 'comment' },
    ]);
    expect(await inboxOf(t.db, reader.id)).toEqual([]);
    const approval = harness.mailsTo(writer.email).at(-1)!;
    expect(approval.subject).toMatch(/^A comment awaits your approval/);
    expect(approval.text).toContain('/inbox?filter=held');

    await approveTestComment(t.db, held);
    await harness.deliver();
    expect(await inboxOf(t.db, reader.id)).toEqual([{ comment_id: held, reason: 'reply' }]);
    expect(harness.mailsTo(reader.email).filter((m) => m.subject.startsWith('Reply'))).toHaveLength(1);
    // The creators were told when it was held: approving it tells them nothing new.
    expect(await inboxOf(t.db, writer.id)).toHaveLength(2);
    expect(harness.mailsTo(writer.email)).toHaveLength(2);
    expect(harness.mailsTo(replier.email)).toHaveLength(1); // the copy, sent once
  });
});
