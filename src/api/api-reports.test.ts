import { expect, it } from 'vitest';
import { TEST_ORIGIN, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('reports through the API', (t) => {
  it('files a report with a write token once a day, refuses read tokens, drafts and bad input, and is documented', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Salt Marsh' });
    const draftId = await makeWork(t.db, writer, { post: false });
    const write = (await createCredential(t.db, reader.id, 'report', 'write')).secret;
    const read = (await createCredential(t.db, reader.id, 'look', 'read')).secret;
    const call = (body: unknown, token?: string, address = '203.0.113.40') =>
      app.request(`${TEST_ORIGIN}/api/v1/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': address,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const report = { type: 'work', id: workId, category: 'spam', description: 'Adverts in the notes.' };

    expect((await call(report)).status).toBe(401);
    expect((await call(report, read)).status).toBe(403);
    const filed = await call(report, write);
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as Json;
    const row = await t.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ target_type: 'work', target_id: workId, reporter_user_id: reader.id, status: 'open' });
    expect((await call(report, write)).status).toBe(409);
    expect((await call({ ...report, id: draftId }, write)).status).toBe(404);
    const invalid = await call({ ...report, id: workId, description: '   ' }, write);
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as Json).errors[0].field).toBe('description');

    const doc = (await (await app.request(`${TEST_ORIGIN}/api/v1/openapi.json`)).json()) as Json;
    expect(Object.keys(doc.paths['/reports'] ?? {})).toEqual(['post']);
  });

  it('shares the form’s rate limit per address', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const write = (await createCredential(t.db, reader.id, 'report', 'write')).secret;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const workId = await makeWork(t.db, writer);
      const response = await app.request(`${TEST_ORIGIN}/api/v1/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': '198.51.100.90',
          authorization: `Bearer ${write}`,
        },
        body: JSON.stringify({ type: 'work', id: workId, category: 'spam', description: 'Spam.' }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
