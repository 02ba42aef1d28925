/**
 * Comments through the API: threads paged as on the site, posting and
 * replying with a write token (held on moderated works, refused where the
 * forms refuse), deleting under the same policy, problem+json errors.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createCredential } from '../accounts/credentials.ts';
import type { User } from '../accounts/accounts.table.ts';
import {
  commentEvents,
  commentRows,
  commentsCount,
  insertCommentRow,
  makeCommentableWork,
  makeMember,
} from '../comments/comments.test-helper.ts';
import type { Db } from '../db/database.ts';

async function tokenFor(db: Db, user: User, scope: 'read' | 'write' = 'write'): Promise<string> {
  return (await createCredential(db, user.id, 'comments test', scope)).secret;
}

forEachDatabase('comments API', (t) => {
  const call = (path: string, init: { method?: string; token?: string; json?: unknown } = {}) =>
    new Browser(makeTestApp(t.db)).request(`/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  it('lists threads with their replies, paged', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const top = await insertCommentRow(t.db, { workId, user: writer, body: '<p>Top.</p>' });
    const reply = await insertCommentRow(t.db, { workId, parentId: top, body: '<p>Reply.</p>' });
    for (let i = 0; i < 20; i++) await insertCommentRow(t.db, { workId });
    const response = await call(`/works/${workId}/comments`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      page: number;
      pages: number;
      total: number;
      threads: Array<{
        comment: { id: number; body: string; author: { guest: boolean } };
        replies: Array<{ id: number; parent_id: number; depth: number; author: { name: string; guest: boolean } }>;
      }>;
    };
    expect(body).toMatchObject({ page: 1, pages: 2, total: 21 });
    expect(body.threads).toHaveLength(20);
    expect(body.threads[0]!.comment).toMatchObject({ id: top, body: '<p>Top.</p>', author: { guest: false } });
    expect(body.threads[0]!.replies).toEqual([
      expect.objectContaining({
        id: reply,
        parent_id: top,
        depth: 1,
        author: expect.objectContaining({ name: 'Wren', guest: true }),
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('wren@example.test');
    const second = (await (await call(`/works/${workId}/comments?page=2`)).json()) as { threads: unknown[] };
    expect(second.threads).toHaveLength(1);
  });

  it('posts a comment and a reply with a write token; held on a moderated work', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer, { moderatedComments: true });
    const reader = await makeMember(t.db);
    const token = await tokenFor(t.db, reader);
    const posted = await call(`/works/${workId}/comments`, {
      method: 'POST',
      token,
      json: { body: 'Through the API.' },
    });
    expect(posted.status).toBe(201);
    const comment = (await posted.json()) as { id: number; state: string; body: string };
    expect(comment).toMatchObject({ state: 'held', body: '<p>Through the API.</p>' });
    expect(posted.headers.get('location')).toBe(`/api/v1/comments/${comment.id}`);
    expect(await commentsCount(t.db, workId)).toBe(0);
    expect(await commentEvents(t.db)).toContainEqual({ kind: 'event:comment.posted', commentId: comment.id });

    const open = await makeCommentableWork(t.db, writer);
    const top = await insertCommentRow(t.db, { workId: open, user: writer });
    const replied = await call(`/comments/${top}/replies`, { method: 'POST', token, json: { body: 'A reply.' } });
    expect(replied.status).toBe(201);
    expect(await replied.json()).toMatchObject({ parent_id: top, depth: 1, state: 'published' });
    expect(await commentsCount(t.db, open)).toBe(2);
  });

  it('answers problems: read-only token 403, bad body 422 naming the field, comments off 403, missing 404', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const reader = await makeMember(t.db);
    const readOnly = await call(`/works/${workId}/comments`, {
      method: 'POST',
      token: await tokenFor(t.db, reader, 'read'),
      json: { body: 'Hi.' },
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.headers.get('content-type')).toBe('application/problem+json');
    const token = await tokenFor(t.db, reader);
    const empty = await call(`/works/${workId}/comments`, { method: 'POST', token, json: { body: ' ' } });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: Array<{ field: string }> }).errors).toEqual([
      expect.objectContaining({ field: 'body' }),
    ]);
    const closed = await makeCommentableWork(t.db, writer, { commentPermission: 'none' });
    expect((await call(`/works/${closed}/comments`, { method: 'POST', token, json: { body: 'Hi.' } })).status).toBe(
      403,
    );
    expect((await call(`/comments/999999/replies`, { method: 'POST', token, json: { body: 'Hi.' } })).status).toBe(404);
    expect(await commentRows(t.db, workId)).toHaveLength(0);
  });

  it('deletes with the site’s policy: one’s own or, for creators, any on their work', async () => {
    const writer = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer);
    const reader = await makeMember(t.db);
    const stranger = await makeMember(t.db);
    const own = await insertCommentRow(t.db, { workId, user: reader });
    const other = await insertCommentRow(t.db, { workId, user: stranger });
    const token = await tokenFor(t.db, reader);
    expect((await call(`/comments/${other}`, { method: 'DELETE', token })).status).toBe(403);
    expect((await call(`/comments/${own}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await call(`/comments/${other}`, { method: 'DELETE', token: await tokenFor(t.db, writer) })).status).toBe(
      204,
    );
    expect(await commentRows(t.db, workId)).toHaveLength(0);
  });
});
