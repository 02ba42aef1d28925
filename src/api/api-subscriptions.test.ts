/** /api/v1/subscriptions on each database: a token lists, adds and removes its owner's subscriptions only. */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import { putInState } from '../series/series.test-helper.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('subscriptions through the API', (t) => {
  let writer: User;
  let reader: User;
  let browser: Browser;
  beforeAll(async () => {
    writer = await makeUser(t.db);
    reader = await makeUser(t.db);
    browser = new Browser(makeTestApp(t.db));
  });

  const call = (method: string, path: string, secret?: string, body?: unknown) =>
    browser.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('subscribes, lists and unsubscribes with a write token, and refuses what it must', async () => {
    const work = await makeWork(t.db, writer, { title: 'Paper Boats' });
    const write = (await createCredential(t.db, reader.id, 'subs', 'write')).secret;
    const read = (await createCredential(t.db, reader.id, 'subs-read', 'read')).secret;
    const otherToken = (await createCredential(t.db, writer.id, 'other', 'write')).secret;

    expect((await call('GET', '/subscriptions')).status).toBe(401);
    expect((await call('POST', '/subscriptions', read, { kind: 'work', target_id: work })).status).toBe(403);
    const created = await call('POST', '/subscriptions', write, { kind: 'work', target_id: work });
    expect(created.status).toBe(201);
    const body = (await created.json()) as Json;
    expect(body).toMatchObject({ kind: 'work', target_id: work, name: 'Paper Boats' });
    expect((await call('POST', '/subscriptions', write, { kind: 'work', target_id: work })).status).toBe(200);
    expect((await call('POST', '/subscriptions', write, { kind: 'shelf', target_id: work })).status).toBe(422);
    expect((await call('POST', '/subscriptions', otherToken, { kind: 'creator', target_id: writer.id })).status).toBe(
      403,
    );
    const hidden = await makeWork(t.db, writer, { title: 'Folded' });
    await putInState(t.db, hidden, 'hidden');
    expect((await call('POST', '/subscriptions', write, { kind: 'work', target_id: hidden })).status).toBe(404);

    const list = (await (await call('GET', '/subscriptions', read)).json()) as Json;
    expect(list.subscriptions).toEqual([{ id: body.id, kind: 'work', target_id: work, name: 'Paper Boats' }]);
    expect(((await (await call('GET', '/subscriptions', otherToken)).json()) as Json).subscriptions).toEqual([]);

    expect((await call('DELETE', `/subscriptions/${body.id}`, otherToken)).status).toBe(404);
    expect((await call('DELETE', `/subscriptions/${body.id}`, write)).status).toBe(204);
    expect(((await (await call('GET', '/subscriptions', read)).json()) as Json).subscriptions).toEqual([]);

    const doc = (await (await call('GET', '/openapi.json')).json()) as Json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/subscriptions', '/subscriptions/{id}']));
  });
});
