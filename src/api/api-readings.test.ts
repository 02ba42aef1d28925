/**
 * /api/v1/readings and /api/v1/works/:id/reading on each database: a token
 * reads its owner's history, marked-for-later list and statuses only, sets
 * a status with the write scope, and never sees works its owner may not.
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('readings through the API', (t) => {
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

  it('lists the history and statuses, sets a status with a write token, and refuses what it must', async () => {
    const work = await makeWork(t.db, writer, { title: 'Weather Vane' });
    const gone = await makeWork(t.db, writer, { title: 'Withdrawn Sonnet' });
    const site = new Browser(browser.app);
    await signIn(site, t.db, reader);
    await site.page(`/works/${work}`);
    await site.page(`/works/${gone}`);
    await t.db.updateTable('works').set({ status: 'draft' }).where('id', '=', gone).execute();

    const write = (await createCredential(t.db, reader.id, 'r', 'write')).secret;
    const read = (await createCredential(t.db, reader.id, 'r-read', 'read')).secret;
    const other = (await createCredential(t.db, writer.id, 'other', 'write')).secret;

    expect((await call('GET', '/readings')).status).toBe(401);
    const listed = (await (await call('GET', '/readings', read)).json()) as Json;
    expect(listed.readings).toHaveLength(1);
    expect(listed.readings[0]).toMatchObject({ work_id: work, title: 'Weather Vane', visit_count: 1 });
    expect(JSON.stringify(listed)).not.toContain('Withdrawn Sonnet');
    // Someone else's token sees their own (empty) history.
    expect(((await (await call('GET', '/readings', other)).json()) as Json).readings).toEqual([]);

    expect((await call('PUT', `/works/${work}/reading`, read, { status: 'finished' })).status).toBe(403);
    const set = await call('PUT', `/works/${work}/reading`, write, { status: 'finished', rating: 5, note: 'Lovely.' });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ status: 'finished', rating: 5, note: 'Lovely.', visit_count: 1 });
    expect((await call('PUT', `/works/${work}/reading`, write, { rating: 9 })).status).toBe(422);
    expect((await call('PUT', `/works/${gone}/reading`, write, { status: 'reading' })).status).toBe(404);
    expect((await call('GET', `/works/${gone}/reading`, read)).status).toBe(404);

    const marked = await call('PUT', `/works/${work}/reading`, write, { is_marked_for_later: true });
    expect(await marked.json()).toMatchObject({ is_marked_for_later: true, status: 'finished' });
    const statuses = (await (await call('GET', '/readings?list=status', read)).json()) as Json;
    expect(statuses.readings.map((r: Json) => r.work_id)).toEqual([work]);
    const toRead = (await (await call('GET', '/readings?list=to-read', read)).json()) as Json;
    expect(toRead.readings.map((r: Json) => r.work_id)).toEqual([work]);
    expect(await (await call('GET', `/works/${work}/reading`, other)).json()).toMatchObject({
      status: null,
      visit_count: 0,
    });
  });
});
