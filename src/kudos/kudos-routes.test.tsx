import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { decode } from '../../test/support/post-form.ts';
import { countingQueries } from '../../test/support/query-count.ts';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { insertKudos } from './queries.ts';

forEachDatabase('kudos on the site', (t) => {
  const kudosCountOf = async (id: number) =>
    (await t.db.selectFrom('works').select('kudos_count').where('id', '=', id).executeTakeFirstOrThrow()).kudos_count;
  const rowsOf = (id: number) =>
    t.db.selectFrom('kudos').select(['user_id', 'guest_key', 'chapter_id']).where('work_id', '=', id).execute();

  async function reader(app: ReturnType<typeof makeTestApp>, user?: User): Promise<Browser> {
    const browser = new Browser(app);
    if (user) await signIn(browser, t.db, user);
    return browser;
  }

  /** The text of the kudos line, tags dropped. */
  function kudosLine(html: string): string {
    const match = /<p class="kudos-line"[^>]*>([\s\S]*?)<\/p>/.exec(html);
    return match ? decode(match[1].replace(/<[^>]+>/g, '')) : '';
  }

  function flashOf(html: string): string {
    const match = /<p class="flash [^"]*"[^>]*>([\s\S]*?)<\/p>/.exec(html);
    return match ? decode(match[1]).trim() : '';
  }

  it('takes one kudos per account, says so kindly the second time, and shows the giver on the work', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer, { title: 'Salt on the Sill' });
    const giver = await makeUser(t.db, { username: `lanternwright${process.pid}` });
    const browser = await reader(app, giver);

    const before = await browser.page(`/works/${id}`);
    expect(before).toContain('Kudos ♥');
    expect(kudosLine(before)).toBe('No kudos yet.');

    const first = await browser.post(`/works/${id}/kudos`, { return_to: `/works/${id}` });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/works/${id}`);
    const page = await browser.page(`/works/${id}`);
    expect(flashOf(page)).toBe('Thank you for leaving kudos!');
    expect(kudosLine(page)).toBe(`${giver.username} left kudos on this work!`);
    expect(page).toContain(`<a href="/users/${giver.username}">${giver.username}</a>`);

    const second = await browser.post(`/works/${id}/kudos`, { return_to: `/works/${id}` });
    expect(second.status).toBe(303);
    expect(flashOf(await browser.page(`/works/${id}`))).toBe('You have already left kudos here :)');
    expect(await kudosCountOf(id)).toBe(1);
    expect(await rowsOf(id)).toEqual([{ user_id: giver.id, guest_key: null, chapter_id: null }]);
  });

  it('takes one kudos per guest address, counted as guests, and remembers the chapter it came from', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    const chapter = await t.db.selectFrom('chapters').select('id').where('work_id', '=', id).executeTakeFirstOrThrow();
    const path = `/works/${id}/chapters/${chapter.id}`;
    const guest = await reader(app);
    const from = (address: string) => ({ 'x-forwarded-for': address });

    const html = await guest.page(path);
    expect(html).toContain(`name="chapter_id" value="${chapter.id}"`);
    expect(html).toContain(`name="return_to" value="${path}"`);

    const first = await guest.post(
      `/works/${id}/kudos`,
      { chapter_id: String(chapter.id), return_to: path },
      from('198.51.100.20'),
    );
    expect(first.headers.get('location')).toBe(path);
    await guest.post(`/works/${id}/kudos`, { return_to: path }, from('198.51.100.20'));
    expect(flashOf(await guest.page(path))).toBe('You have already left kudos here :)');
    await new Browser(app).post(`/works/${id}/kudos`, { return_to: path }, from('198.51.100.21'));

    expect(await kudosCountOf(id)).toBe(2);
    const rows = await rowsOf(id);
    expect(rows.map((r) => r.user_id)).toEqual([null, null]);
    expect(rows.map((r) => r.chapter_id).sort()).toEqual([chapter.id, null].sort());
    // The address itself is never stored.
    expect(JSON.stringify(rows)).not.toContain('198.51.100');
    // Keyed by the archive's stored secret, not by anything a guesser knows (the work id): one key per work per address.
    const secret = await t.db
      .selectFrom('archive_secrets')
      .select('value')
      .where('name', '=', 'kudos-guests')
      .executeTakeFirstOrThrow();
    const keys = rows.map((r) => r.guest_key).sort();
    const expected = ['198.51.100.20', '198.51.100.21']
      .map((a) => crypto.createHmac('sha256', secret.value).update(`kudos:${id}:${a}`).digest('base64url').slice(0, 32))
      .sort();
    expect(keys).toEqual(expected);
    const other = await makeWork(t.db, writer);
    await new Browser(app).post(`/works/${other}/kudos`, { return_to: `/works/${other}` }, from('198.51.100.20'));
    const otherKey = (await rowsOf(other))[0].guest_key;
    expect(otherKey).not.toBeNull();
    expect(keys).not.toContain(otherKey);
    expect(kudosLine(await guest.page(`/works/${id}`))).toBe('2 guests left kudos on this work!');
  });

  it('refuses the creator, with no button on their own work', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    const browser = await reader(app, writer);
    expect(await browser.page(`/works/${id}`)).not.toContain('Kudos ♥');
    const response = await browser.post(`/works/${id}/kudos`, { return_to: `/works/${id}` });
    expect(response.status).toBe(303);
    expect(flashOf(await browser.page(`/works/${id}`))).toBe('You can’t leave kudos on your own work.');
    expect(await kudosCountOf(id)).toBe(0);
  });

  it('refuses a reader blocked by a creator', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    const blocked = await makeUser(t.db);
    await t.db
      .insertInto('user_blocks')
      .values({ blocker_id: writer.id, blocked_id: blocked.id, created_at: new Date().toISOString() })
      .execute();
    const browser = await reader(app, blocked);
    await browser.post(`/works/${id}/kudos`, { return_to: `/works/${id}` });
    expect(flashOf(await browser.page(`/works/${id}`))).toContain('you have been blocked');
    expect(await rowsOf(id)).toEqual([]);
  });

  it('refuses a guest on a restricted work, and answers 404 for a draft', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const restricted = await makeWork(t.db, writer, { isRestricted: true });
    const draft = await makeWork(t.db, writer, { post: false });
    const guest = await reader(app);
    const refused = await guest.post(`/works/${restricted}/kudos`, { return_to: `/works/${restricted}` });
    expect(refused.status).toBe(303);
    expect(flashOf(await guest.page(`/works/${restricted}`))).toContain('Log in to leave kudos');

    const member = await reader(app, await makeUser(t.db));
    const missing = await member.post(`/works/${draft}/kudos`, { return_to: `/works/${draft}` });
    expect(missing.status).toBe(404);
    expect(await member.post(`/works/999999/kudos`, {}).then((r) => r.status)).toBe(404);
    expect(await kudosCountOf(restricted)).toBe(0);
    expect(await kudosCountOf(draft)).toBe(0);
  });

  it('takes no kudos on a hidden work, not even from the moderator who may read it', async () => {
    const app = makeTestApp(t.db);
    const id = await makeWork(t.db, await makeUser(t.db));
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', id).execute();
    const moderator = await makeUser(t.db);
    await t.db.updateTable('users').set({ is_moderator: 1 }).where('id', '=', moderator.id).execute();
    const browser = await reader(app, moderator);
    expect(await browser.page(`/works/${id}`)).not.toContain('Kudos ♥');
    expect((await browser.post(`/works/${id}/kudos`, {})).status).toBe(404);
    expect(await kudosCountOf(id)).toBe(0);
  });

  it('answers the script with JSON and the new line', async () => {
    const app = makeTestApp(t.db);
    const id = await makeWork(t.db, await makeUser(t.db));
    const browser = await reader(app, await makeUser(t.db, { username: `snegir${process.pid}` }));
    const response = await browser.post(`/works/${id}/kudos`, {}, { accept: 'application/json' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { message: string; isError: boolean; line: string };
    expect(answer.message).toBe('Thank you for leaving kudos!');
    expect(answer.isError).toBe(false);
    expect(kudosLine(answer.line)).toBe(`snegir${process.pid} left kudos on this work!`);
    const script = await browser.get('/assets/kudos.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('data-kudos-form');
  });

  it('collapses the line after 50 names, lists every giver at /works/:id/kudos, and keeps the page’s queries flat', async () => {
    const app = makeTestApp(t.db);
    const id = await makeWork(t.db, await makeUser(t.db));
    const givers = await makeGivers(t.db, 52);
    for (const giver of givers) await insertKudos(t.db, { workId: id, chapterId: null, giver: { userId: giver.id } });
    for (const key of ['g1', 'g2', 'g3'])
      await insertKudos(t.db, { workId: id, chapterId: null, giver: { guestKey: key } });
    expect(await kudosCountOf(id)).toBe(55);

    const html = await new Browser(app).page(`/works/${id}`);
    const line = kudosLine(html);
    // Newest first: the two oldest givers are behind the link.
    expect(line).toContain(givers[51].username);
    expect(line).not.toContain(`${givers[0].username},`);
    expect(line.endsWith(', 2 more users and 3 guests left kudos on this work!')).toBe(true);
    expect(html).toContain(`<a href="/works/${id}/kudos">2 more users</a>`);

    const all = await new Browser(app).page(`/works/${id}/kudos`);
    expect(all).toContain('52 users and 3 guests left kudos on this work.');
    for (const giver of givers) expect(all).toContain(`>${giver.username}</a>`);

    // The same queries for 55 kudos as for none: no query per giver (both pages seen before, so no new hit).
    const fresh = await makeWork(t.db, await makeUser(t.db));
    await new Browser(app).page(`/works/${fresh}`);
    const counting = countingQueries(t.db);
    const counted = new Browser(makeTestApp(counting.db));
    counting.queries = 0; // the archive's settings, read as the app is made
    await counted.page(`/works/${id}`);
    const withKudos = counting.queries;
    counting.queries = 0;
    await counted.page(`/works/${fresh}`);
    expect(withKudos).toBe(counting.queries);
  });

  it('shows the creators, and only them, the kudos per chapter', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer, {
      chapters: [chapter('<p>The first tide.</p>'), chapter('<p>The second tide.</p>')],
      expectedChapters: 2,
    });
    const [first, second] = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', id)
      .orderBy('position')
      .execute();
    for (const [i, key] of ['c1', 'c2', 'c3'].entries())
      await insertKudos(t.db, { workId: id, chapterId: i ? second.id : first.id, giver: { guestKey: key } });
    await insertKudos(t.db, { workId: id, chapterId: null, giver: { guestKey: 'whole' } });
    const creator = await reader(app, writer);
    const html = await creator.page(`/works/${id}/chapters/${second.id}`);
    expect(html).toContain('Kudos by chapter');
    expect(decode(html)).toContain('<li>Chapter 1: 1</li>');
    expect(decode(html)).toContain('<li>Chapter 2: 2</li>');
    expect(decode(html)).toContain('<li>Whole work: 1</li>');
    expect(await (await reader(app)).page(`/works/${id}`)).not.toContain('Kudos by chapter');
  });

  it('counts two presses at once as one kudos: the unique index decides', async () => {
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer);
    const fan = await makeUser(t.db);
    const results = await Promise.all(
      [1, 2, 3].map(() => insertKudos(t.db, { workId: id, chapterId: null, giver: { userId: fan.id } })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await kudosCountOf(id)).toBe(1);
  });

  it('limits how fast kudos come, saying when to try again', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const browser = await reader(app, await makeUser(t.db));
    const id = await makeWork(t.db, writer);
    for (let i = 0; i < 60; i++) await browser.post(`/works/${id}/kudos`, {});
    const limited = await browser.post(`/works/${id}/kudos`, { return_to: `/works/${id}` });
    expect(limited.status).toBe(303);
    expect(flashOf(await browser.page(`/works/${id}`))).toMatch(/try again in 1[45] minutes/);
  });
});

async function makeGivers(db: Db, n: number): Promise<User[]> {
  const givers: User[] = [];
  for (let i = 0; i < n; i++) givers.push(await makeUser(db, { username: `giver${process.pid}n${i}` }));
  return givers;
}
