/**
 * The inbox page on each database: only its owner sees it, what each item
 * shows (and never shows), filters, paging, marking read and unread,
 * removing items, the forms that reply and approve, and the header's
 * unread count.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { countingQueries } from '../../test/support/query-count.ts';
import type { User } from '../accounts/accounts.table.ts';
import { SESSION_COOKIE } from '../accounts/sessions.ts';
import { inboxOf, postTestComment, startNoticeHarness, type NoticeHarness } from './inbox.test-helper.ts';
import { MAX_ITEMS_PER_CHANGE } from './inbox-items.ts';
import { insertInboxNotice } from './inbox-queries.ts';

forEachDatabase('the inbox page', (t) => {
  let harness: NoticeHarness;
  beforeAll(async () => {
    harness = await startNoticeHarness(t.db);
  });
  afterAll(async () => {
    await harness.close();
  });

  const browserFor = async (user: User) => {
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    return browser;
  };
  const itemIds = async (userId: number) =>
    (
      await t.db
        .selectFrom('inbox_items')
        .select(['id', 'read_at'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute()
    ).map((row) => ({ id: row.id, read: row.read_at !== null }));

  it('shows its owner each comment with its commenter, work, chapter, text and date, and nobody else anything', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Salt Roads' });
    const chapterId = (
      await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()
    ).id;
    const byReader = await postTestComment(t.db, {
      workId,
      chapterId,
      by: reader,
      body: '<p>The tide table made me laugh.</p>',
    });
    await postTestComment(t.db, {
      workId,
      guestName: 'Curlew',
      guestEmail: 'curlew@example.test',
      body: '<p>Lovely &amp; strange.</p>',
    });
    await harness.deliver();

    const html = await (await browserFor(writer)).page(`/users/${writer.username}/inbox`);
    expect(html).toContain('<h1>Inbox</h1>');
    expect(html).toContain('2 items');
    expect(html).toContain(`>${reader.username}</a>`);
    expect(html).toContain(`href="/works/${workId}/chapters/${chapterId}">Salt Roads</a> (Chapter 1)`);
    expect(html).toContain('<p>The tide table made me laugh.</p>');
    expect(html).toContain(`<time datetime="${new Date().toISOString().slice(0, 4)}`);
    expect(html).toContain(`href="/comments/${byReader}"`);
    expect(html).toContain('Curlew</span> (guest) on');
    expect(html).not.toContain('curlew@example.test');
    expect(html.match(/class="inbox-item unread"/g)).toHaveLength(2);
    expect(html).toContain(`action="/comments/${byReader}/reply"`);
    expect(html).toContain(`name="return_to" value="/users/${writer.username}/inbox"`);
    expect(html).not.toContain('/approve"');

    const other = await (await browserFor(reader)).get(`/users/${writer.username}/inbox`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('tide table');
    const guest = await new Browser(makeTestApp(t.db)).get(`/users/${writer.username}/inbox`);
    expect(guest.status).toBe(303);
    expect(guest.headers.get('location')).toMatch(/^\/login\?return_to=/);
    const forged = await (
      await browserFor(reader)
    ).post(`/users/${writer.username}/inbox`, {
      action: 'delete',
      item_ids: (await itemIds(writer.id)).map((i) => String(i.id)),
    });
    expect(forged.status).toBe(404);
    expect(await itemIds(writer.id)).toHaveLength(2);
  });

  it('filters by read, unread, replies and awaiting approval, and offers Approve for held comments', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const mine = await postTestComment(t.db, { workId, by: writer, body: '<p>Author note: thanks all.</p>' });
    await postTestComment(t.db, { workId, by: reader, parentId: mine, body: '<p>A reply to the author.</p>' });
    const held = await postTestComment(t.db, {
      workId,
      by: reader,
      state: 'held',
      body: '<p>Waiting in the wings.</p>',
    });
    await postTestComment(t.db, { workId, by: reader, body: '<p>Plain old comment.</p>' });
    await harness.deliver();
    const browser = await browserFor(writer);
    const base = `/users/${writer.username}/inbox`;
    const [plain] = await itemIds(writer.id).then((items) => items.slice(-1));
    await browser.post(base, { action: 'read', item_ids: String(plain!.id) });

    const replies = await browser.page(`${base}?filter=replies`);
    expect(replies).toContain('A reply to the author.');
    expect(replies).toContain('replied to you on');
    expect(replies).not.toContain('Plain old comment.');
    const awaiting = await browser.page(`${base}?filter=held`);
    expect(awaiting).toContain('Waiting in the wings.');
    expect(awaiting).toContain('Awaiting approval');
    expect(awaiting).toContain(`action="/comments/${held}/approve"`);
    expect(awaiting).toContain(`name="return_to" value="${base}?filter=held"`);
    expect(awaiting).not.toContain('A reply to the author.');
    const read = await browser.page(`${base}?filter=read`);
    expect(read).toContain('Plain old comment.');
    expect(read).toContain('1 item');
    const unread = await browser.page(`${base}?filter=unread`);
    expect(unread).not.toContain('Plain old comment.');
    expect(unread).toContain('2 items');
    expect(await browser.page(`${base}?filter=nonsense`)).toContain('3 items');
  });

  it('marks items read and unread, removes them, and leaves other people’s items alone', async () => {
    const writer = await makeUser(t.db);
    const other = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const otherWork = await makeWork(t.db, other);
    for (const body of ['<p>One.</p>', '<p>Two.</p>', '<p>Three.</p>'])
      await postTestComment(t.db, { workId, by: reader, body });
    await postTestComment(t.db, { workId: otherWork, by: reader });
    await harness.deliver();
    const browser = await browserFor(writer);
    const base = `/users/${writer.username}/inbox`;
    const [a, b, c] = await itemIds(writer.id);
    const [theirs] = await itemIds(other.id);

    const marked = await browser.post(base, {
      action: 'read',
      item_ids: [String(a!.id), String(b!.id), String(theirs!.id)],
      return_to: `${base}?filter=unread`,
    });
    expect(marked.status).toBe(303);
    expect(marked.headers.get('location')).toBe(`${base}?filter=unread`);
    expect(await itemIds(writer.id)).toEqual([
      { id: a!.id, read: true },
      { id: b!.id, read: true },
      { id: c!.id, read: false },
    ]);
    expect(await itemIds(other.id)).toEqual([{ id: theirs!.id, read: false }]);
    expect(await browser.page(base)).toContain('Marked 2 items read.');

    await browser.post(base, { action: 'unread', item_ids: String(a!.id) });
    expect((await itemIds(writer.id))[0]).toEqual({ id: a!.id, read: false });

    const removed = await browser.post(base, {
      action: 'delete',
      item_ids: [String(b!.id), String(theirs!.id)],
      return_to: 'https://elsewhere.test/',
    });
    expect(removed.headers.get('location')).toBe(base);
    expect((await itemIds(writer.id)).map((i) => i.id)).toEqual([a!.id, c!.id]);
    expect(await itemIds(other.id)).toHaveLength(1);
    expect(await t.db.selectFrom('comments').select('id').where('work_id', '=', workId).execute()).toHaveLength(3);

    const tooMany = Array.from({ length: MAX_ITEMS_PER_CHANGE + 1 }, (_, i) => String(a!.id + i));
    await browser.post(base, { action: 'delete', item_ids: tooMany });
    expect(await browser.page(base)).toContain(`Choose at most ${MAX_ITEMS_PER_CHANGE} items at a time.`);
    expect(await itemIds(writer.id)).toHaveLength(2);
  });

  it('pages twenty items at a time, newest first, and drops comments on works its owner may no longer read', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    // Twenty-one comments need no forty-two mails.
    await t.db
      .updateTable('users')
      .set({ comment_emails_off: 1, comment_copies_off: 1 })
      .where('id', 'in', [writer.id, reader.id])
      .execute();
    for (let n = 1; n <= 21; n++)
      await postTestComment(t.db, { workId, by: reader, body: `<p>Comment number ${n}.</p>` });
    await harness.deliver();
    const browser = await browserFor(writer);
    const base = `/users/${writer.username}/inbox`;
    const first = await browser.page(base);
    expect(first).toContain('Comment number 21.');
    expect(first).toContain('Comment number 2.');
    expect(first).not.toContain('Comment number 1.');
    expect(first.indexOf('Comment number 21.')).toBeLessThan(first.indexOf('Comment number 20.'));
    expect(first).toContain(`href="${base}?page=2"`);
    const second = await browser.page(`${base}?page=2`);
    expect(second).toContain('Comment number 1.');
    expect(second).toContain('Page 2 of 2');

    // The page costs the same queries for twenty items as for one: nothing is loaded per item.
    const counting = countingQueries(t.db);
    const countingBrowser = new Browser(makeTestApp(counting.db));
    countingBrowser.cookies.set(SESSION_COOKIE, browser.cookies.get(SESSION_COOKIE)!);
    // A first request, uncounted: the new app's settings load (begun as it is made) finishes before counting.
    await countingBrowser.page(base);
    counting.queries = 0;
    await countingBrowser.page(base);
    const forTwenty = counting.queries;
    counting.queries = 0;
    await countingBrowser.page(`${base}?page=2`);
    expect(counting.queries).toBe(forTwenty);

    // Once the writer is no longer a creator of a hidden work, its comments leave their inbox.
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', workId).execute();
    expect(await browser.page(base)).toContain('21 items');
    await t.db.deleteFrom('creatorships').where('work_id', '=', workId).execute();
    expect(await browser.page(base)).toContain('Your inbox is empty.');
  });

  it('shows notices beside comments: read, unread, removed, filtered, counted in the header, at no extra query', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Brine and Bells' });
    await postTestComment(t.db, { workId, by: reader, body: '<p>The bells rang true.</p>' });
    await harness.deliver();
    const browser = await browserFor(writer);
    const base = `/users/${writer.username}/inbox`;
    const counting = countingQueries(t.db);
    const countingBrowser = new Browser(makeTestApp(counting.db));
    countingBrowser.cookies.set(SESSION_COOKIE, browser.cookies.get(SESSION_COOKIE)!);
    await countingBrowser.page(base);
    counting.queries = 0;
    await countingBrowser.page(base);
    const withComment = counting.queries;

    for (const [reason, text] of [
      ['report', 'Your report of a comment (spam) has been reviewed. The comment was hidden.'],
      ['moderation', 'A moderator changed the rating of Brine and Bells.'],
    ] as const) {
      await insertInboxNotice(t.db, { userId: writer.id, reason, text, path: '/reports', now: new Date() });
    }
    counting.queries = 0;
    const html = await countingBrowser.page(base);
    expect(counting.queries).toBe(withComment);
    expect(html).toContain('3 items');
    expect(html).toContain('The comment was hidden.');
    expect(html).toContain('A moderator changed the rating of Brine and Bells.');
    expect(html).toContain('The bells rang true.');
    expect(html.match(/class="inbox-item inbox-notice unread"/g)).toHaveLength(2);
    expect(html).toContain('(3 unread)');
    const notices = await browser.page(`${base}?filter=notices`);
    expect(notices).toContain('2 items');
    expect(notices).not.toContain('The bells rang true.');

    const ids = (
      await t.db
        .selectFrom('inbox_items')
        .select('id')
        .where('user_id', '=', writer.id)
        .where('comment_id', 'is', null)
        .orderBy('id')
        .execute()
    ).map((r) => String(r.id));
    await browser.post(base, { action: 'read', item_ids: ids[0]! });
    expect(await browser.page(base)).toContain('(2 unread)');
    await browser.post(base, { action: 'delete', item_ids: ids[1]! });
    const after = await browser.page(base);
    expect(after).toContain('2 items');
    expect(after).not.toContain('A moderator changed the rating');
    expect(after).toContain('(1 unread)');
  });

  it('names a creator answering on their anonymous work “Anonymous Creator”, in the inbox and the mail', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', '=', workId).execute();
    const question = await postTestComment(t.db, { workId, by: reader, body: '<p>Who wrote this?</p>' });
    await postTestComment(t.db, { workId, by: writer, parentId: question, body: '<p>Nobody you know.</p>' });
    await harness.deliver();
    const html = await (await browserFor(reader)).page(`/users/${reader.username}/inbox`);
    expect(html).toContain('Nobody you know.');
    expect(html).toContain('<span>Anonymous Creator</span> replied to you on');
    expect(html).not.toContain(`>${writer.username}</a>`);
    const [mail] = harness.mailsTo(reader.email).filter((m) => m.subject.startsWith('Reply'));
    expect(mail!.text).toContain('Anonymous Creator replied to your comment');
    expect(mail!.text).not.toContain(writer.username);
    // The writer's own inbox still names the reader.
    expect(await (await browserFor(writer)).page(`/users/${writer.username}/inbox`)).toContain(
      `>${reader.username}</a>`,
    );
  });

  it('shows the unread count in the header, read with the session in the same query', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer);
    const counting = countingQueries(t.db);
    const app = makeTestApp(counting.db);
    const browser = new Browser(app);
    await signIn(browser, t.db, writer);
    counting.queries = 0;
    const before = await browser.page('/');
    const queriesWithNone = counting.queries;
    expect(before).toContain('>Inbox</a>');
    expect(before).not.toContain('unread)');

    await postTestComment(t.db, { workId, by: reader });
    await postTestComment(t.db, { workId, by: reader });
    await harness.deliver();
    counting.queries = 0;
    expect(await browser.page('/')).toContain(
      `href="/users/${writer.username}/inbox" class="inbox-link">Inbox<span class="unread-count"> (2 unread)</span>`,
    );
    expect(counting.queries).toBe(queriesWithNone);

    const guest = new Browser(app);
    counting.queries = 0;
    await guest.page('/');
    expect(queriesWithNone).toBe(counting.queries + 1); // the session's one query, count included

    const [first] = await inboxOf(t.db, writer.id);
    expect(first).toBeDefined();
    const items = await t.db.selectFrom('inbox_items').select('id').where('user_id', '=', writer.id).execute();
    await browser.post(`/users/${writer.username}/inbox`, { action: 'read', item_ids: String(items[0]!.id) });
    expect(await browser.page('/')).toContain('(1 unread)');
  });

  it('counts in the header only what the inbox page lists: a reply on a work hidden since drops out of both', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const kept = await makeWork(t.db, writer);
    const lost = await makeWork(t.db, writer);
    await t.db
      .updateTable('users')
      .set({ comment_emails_off: 1, comment_copies_off: 1 })
      .where('id', 'in', [writer.id, reader.id])
      .execute();
    for (const workId of [kept, lost]) {
      const question = await postTestComment(t.db, { workId, by: reader, body: '<p>Was the lighthouse real?</p>' });
      await postTestComment(t.db, { workId, by: writer, parentId: question, body: `<p>Answer on ${workId}.</p>` });
    }
    await harness.deliver();
    const browser = await browserFor(reader);
    expect(await browser.page('/')).toContain('(2 unread)');

    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', lost).execute();
    const inbox = await browser.page(`/users/${reader.username}/inbox?filter=unread`);
    expect(inbox).toContain(`Answer on ${kept}.`);
    expect(inbox).not.toContain(`Answer on ${lost}.`);
    expect(inbox).toContain('1 item');
    expect(await browser.page('/')).toContain('(1 unread)');
  });
});
