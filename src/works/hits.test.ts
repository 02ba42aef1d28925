import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { HitBuffer } from '../pagecache/hit-buffer.ts';
import { recordHit } from './hits-queries.ts';

forEachDatabase('hits', (t) => {
  const hitsOf = async (id: number) =>
    (await t.db.selectFrom('works').select('hits').where('id', '=', id).executeTakeFirstOrThrow()).hits;

  it('counts one hit per visitor per day, and none for the creator', async () => {
    // Guests after the first are answered from the page cache, whose hits are written a moment later: flushed here.
    const hits = new HitBuffer(t.db);
    const app = makeTestApp(t.db, { hits });
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer, { title: 'Counting Gulls' });

    const guest = new Browser(app);
    const headers = { 'x-forwarded-for': '198.51.100.7', 'user-agent': 'test reader' };
    await guest.request(`/works/${id}`, { headers });
    await guest.request(`/works/${id}`, { headers });
    await hits.flush();
    expect(await hitsOf(id)).toBe(1);

    await new Browser(app).request(`/works/${id}`, { headers: { ...headers, 'x-forwarded-for': '198.51.100.8' } });
    await hits.flush();
    expect(await hitsOf(id)).toBe(2);

    const author = new Browser(app);
    await signIn(author, t.db, writer);
    await author.page(`/works/${id}`);
    expect(await hitsOf(id)).toBe(2);

    const reader = new Browser(app);
    await signIn(reader, t.db, await makeUser(t.db));
    const html = await reader.page(`/works/${id}`);
    expect(await hitsOf(id)).toBe(3);
    expect(html).toMatch(/Hits:<\/dt>\s*<dd>3<\/dd>/);
  });

  it('counts the same visitor again the next day and forgets days before yesterday', async () => {
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    expect(await recordHit(t.db, id, 'u999', new Date('2026-01-01T10:00:00Z'))).toBe(true);
    expect(await recordHit(t.db, id, 'u999', new Date('2026-01-01T23:00:00Z'))).toBe(false);
    expect(await recordHit(t.db, id, 'u999', new Date('2026-01-03T08:00:00Z'))).toBe(true);
    expect(await hitsOf(id)).toBe(2);
    const days = await t.db.selectFrom('work_hits').select('day').where('work_id', '=', id).execute();
    expect(days.map((d) => d.day)).toEqual(['2026-01-03']);
  });
});
