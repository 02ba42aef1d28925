/**
 * GET /api/v1/inbox on each database: a token reads its owner's inbox
 * (the same items and filters as the page), paged with a cursor; without a
 * token there is nothing to read.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import { insertInboxNotice } from '../comments/inbox-queries.ts';
import { postTestComment, startNoticeHarness, type NoticeHarness } from '../comments/inbox.test-helper.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('the inbox through the API', (t) => {
  let harness: NoticeHarness;
  beforeAll(async () => {
    harness = await startNoticeHarness(t.db);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('lists the token owner’s items newest first, filtered and paged, and nobody else’s', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Cold Lighthouse' });
    const first = await postTestComment(t.db, { workId, by: reader, body: '<p>First light.</p>' });
    await postTestComment(t.db, { workId, guestName: 'Gannet', guestEmail: 'gannet@example.test' });
    const held = await postTestComment(t.db, { workId, by: reader, state: 'held', body: '<p>Held back.</p>' });
    await harness.deliver();
    const token = (await createCredential(t.db, writer.id, 'inbox', 'read')).secret;
    const readerToken = (await createCredential(t.db, reader.id, 'inbox', 'read')).secret;
    const browser = new Browser(makeTestApp(t.db));
    const get = (path: string, secret?: string) =>
      browser.request(`/api/v1${path}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} });

    const response = await get('/inbox?per_page=2', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    const page = (await response.json()) as Json;
    expect(page.total).toBe(3);
    expect(page.unread).toBe(3);
    expect(page.items.map((i: Json) => i.comment.id)).toEqual([held, held - 1]);
    expect(page.items[0]).toMatchObject({
      reason: 'comment',
      unread: true,
      comment: { html: '<p>Held back.</p>', awaiting_approval: true, url: `http://localhost:3000/comments/${held}` },
      commenter: { name: reader.username, guest: false },
      work: { id: workId, title: 'Cold Lighthouse' },
      chapter: null,
    });
    expect(page.items[1].commenter).toEqual({ name: 'Gannet', guest: true });
    expect(JSON.stringify(page)).not.toContain('gannet@example.test');

    const next = (await (await get(`/inbox?per_page=2&cursor=${page.next_cursor}`, token)).json()) as Json;
    expect(next.items.map((i: Json) => i.comment.id)).toEqual([first]);
    expect(next.next_cursor).toBeNull();

    const heldOnly = (await (await get('/inbox?filter=held', token)).json()) as Json;
    expect(heldOnly.items.map((i: Json) => i.comment.id)).toEqual([held]);

    expect(((await (await get('/inbox', readerToken)).json()) as Json).items).toEqual([]);
    const anonymous = await get('/inbox');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect((await get('/inbox?filter=everything', token)).status).toBe(400);

    // A notice (a report's outcome) comes with its text and page, and no comment.
    await insertInboxNotice(t.db, {
      userId: reader.id,
      reason: 'report',
      text: 'Your report of a work (spam, 2026-01-01) has been reviewed. The work was hidden.',
      path: '/reports',
      now: new Date(),
    });
    const notices = (await (await get('/inbox?filter=notices', readerToken)).json()) as Json;
    expect(notices.unread).toBe(1);
    expect(notices.items).toEqual([
      expect.objectContaining({
        reason: 'report',
        unread: true,
        notice: {
          text: 'Your report of a work (spam, 2026-01-01) has been reviewed. The work was hidden.',
          url: 'http://localhost:3000/reports',
        },
        comment: null,
        commenter: null,
        work: null,
        chapter: null,
      }),
    ]);
  });
});
