import { expect, it } from 'vitest';
import { TEST_ORIGIN, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('bookmarks through the API', (t) => {
  it('makes, lists with filters, changes and deletes bookmarks by the pages’ rules', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const fan = await makeUser(t.db);
    const open = await makeWork(t.db, writer, { title: 'Signal Fires' });
    const draft = await makeWork(t.db, writer, { title: 'Unfinished Bridge', post: false });
    const write = (await createCredential(t.db, fan.id, 'marks', 'write')).secret;
    const read = (await createCredential(t.db, fan.id, 'look', 'read')).secret;
    const call = (method: string, path: string, token?: string, body?: unknown) =>
      app.request(`${TEST_ORIGIN}/api/v1${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });

    expect((await call('POST', '/bookmarks', read, { work_id: open })).status).toBe(403);
    expect((await call('POST', '/bookmarks', write, { work_id: draft })).status).toBe(404);
    const made = await call('POST', '/bookmarks', write, {
      work_id: open,
      notes: 'Warm <script>x</script><em>light</em>',
      tags: ['beacon'],
      is_rec: true,
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as Json;
    expect((await call('POST', '/bookmarks', write, { work_id: open })).status).toBe(409);
    const hidden = await call('POST', '/bookmarks', write, { work_id: await makeWork(t.db, writer), is_private: true });
    expect(hidden.status).toBe(201);

    const guestList = (await (await call('GET', `/bookmarks?user=${fan.username}`)).json()) as Json;
    expect(guestList.total).toBe(1);
    expect(guestList.bookmarks[0]).toMatchObject({
      id,
      item: { kind: 'work', id: open, title: 'Signal Fires' },
      tags: ['beacon'],
      is_rec: true,
      is_private: false,
    });
    expect(guestList.bookmarks[0].notes).not.toContain('script');
    const ownList = (await (await call('GET', `/bookmarks?user=${fan.username}`, read)).json()) as Json;
    expect(ownList.total).toBe(2);
    const filtered = (await (await call('GET', `/bookmarks?own_tag=beacon&rec=1`)).json()) as Json;
    expect(filtered.bookmarks.map((b: Json) => b.id)).toEqual([id]);
    expect(((await (await call('GET', `/bookmarks?own_tag=nothing`)).json()) as Json).total).toBe(0);

    const other = (await createCredential(t.db, writer.id, 'theirs', 'write')).secret;
    expect((await call('PATCH', `/bookmarks/${id}`, other, { notes: 'mine now' })).status).toBe(404);
    expect((await call('PATCH', `/bookmarks/${id}`, write, { notes: 'Changed', is_private: true })).status).toBe(200);
    const count = async () =>
      (await t.db.selectFrom('works').select('bookmarks_count').where('id', '=', open).executeTakeFirstOrThrow())
        .bookmarks_count;
    expect(await count()).toBe(0);
    expect((await call('DELETE', `/bookmarks/${id}`, other)).status).toBe(404);
    expect((await call('DELETE', `/bookmarks/${id}`, write)).status).toBe(204);
    expect(await t.db.selectFrom('bookmarks').select('id').where('id', '=', id).execute()).toHaveLength(0);

    const document = (await (await call('GET', '/openapi.json')).json()) as Json;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/bookmarks', '/bookmarks/{id}']));
  });
});
