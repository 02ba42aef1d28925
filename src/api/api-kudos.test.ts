import { expect, it } from 'vitest';
import { TEST_ORIGIN, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('kudos through the API', (t) => {
  it('leaves kudos with a write token once, refuses the creator and read tokens, and shows the givers', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const fan = await makeUser(t.db, { username: `apifan${process.pid}` });
    const id = await makeWork(t.db, writer, { title: 'Weathervane' });
    const fanWrite = (await createCredential(t.db, fan.id, 'kudos', 'write')).secret;
    const fanRead = (await createCredential(t.db, fan.id, 'look', 'read')).secret;
    const writerWrite = (await createCredential(t.db, writer.id, 'mine', 'write')).secret;
    const call = (method: string, path: string, token?: string) =>
      app.request(`${TEST_ORIGIN}/api/v1${path}`, {
        method,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    expect((await call('POST', `/works/${id}/kudos`)).status).toBe(401);
    expect((await call('POST', `/works/${id}/kudos`, fanRead)).status).toBe(403);

    const left = await call('POST', `/works/${id}/kudos`, fanWrite);
    expect(left.status).toBe(201);
    expect((await left.json()) as Json).toEqual({
      result: 'left',
      message: 'Thank you for leaving kudos!',
      kudos: { count: 1, users: 1, guests: 0, names: [fan.username] },
    });
    const again = await call('POST', `/works/${id}/kudos`, fanWrite);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Json).result).toBe('already');

    const own = await call('POST', `/works/${id}/kudos`, writerWrite);
    expect(own.status).toBe(403);
    expect(own.headers.get('content-type')).toBe('application/problem+json');
    expect(((await own.json()) as Json).detail).toContain('your own work');

    expect((await call('POST', `/works/999999/kudos`, fanWrite)).status).toBe(404);

    const read = await call('GET', `/works/${id}/kudos`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ count: 1, users: 1, guests: 0, names: [fan.username] });
    const work = (await (await call('GET', `/works/${id}`)).json()) as Json;
    expect(work.stats.kudos).toBe(1);
    expect(await t.db.selectFrom('kudos').select('user_id').where('work_id', '=', id).execute()).toEqual([
      { user_id: fan.id },
    ]);
  });
});
