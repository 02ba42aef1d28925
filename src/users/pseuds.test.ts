import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';

forEachDatabase('pseuds', (t) => {
  const pseudsOf = (userId: number) =>
    t.db
      .selectFrom('pseuds')
      .select(['id', 'name', 'description', 'is_default'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();

  async function browserFor(user: User | null): Promise<Browser> {
    const browser = new Browser(makeTestApp(t.db));
    if (user) await signIn(browser, t.db, user);
    return browser;
  }

  it("lists a user's pseuds with links to their works", async () => {
    const user = await makeUser(t.db, { username: 'Tamsin' });
    const html = await (await browserFor(null)).page('/users/tamsin/pseuds');
    expect(html).toContain('href="/users/Tamsin/pseuds/Tamsin/works"');
    expect(html).toContain('(default)');
    expect(html).not.toContain('Add a pseud'); // only the owner sees it
    expect(await (await browserFor(user)).page('/users/Tamsin/pseuds')).toContain('href="/users/Tamsin/pseuds/new"');
    await (await browserFor(null)).page('/users/no-such-person/pseuds', 404);
  });

  it('adds a pseud for its owner', async () => {
    const user = await makeUser(t.db, { username: 'Bramble' });
    const browser = await browserFor(user);
    expect(await browser.page('/users/Bramble/pseuds/new')).toContain('Add a pseud');
    const response = await browser.post('/users/Bramble/pseuds/new', {
      name: '  Bramble  Writes ',
      description: 'Short stories about lighthouses.',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/users/Bramble/pseuds');
    expect(await pseudsOf(user.id)).toMatchObject([
      { name: 'Bramble', is_default: 1 },
      { name: 'Bramble Writes', description: 'Short stories about lighthouses.', is_default: 0 },
    ]);
    const list = await browser.page('/users/Bramble/pseuds');
    expect(list).toContain('Added the pseud Bramble Writes.');
    expect(list).toContain('href="/users/Bramble/pseuds/Bramble%20Writes/works"');
  });

  it('refuses a pseud name the user already has, in any case, keeping what was typed', async () => {
    const user = await makeUser(t.db, { username: 'Quill' });
    const browser = await browserFor(user);
    await browser.post('/users/Quill/pseuds/new', { name: 'Émile', description: '' });
    for (const name of ['émile', 'QUILL']) {
      const response = await browser.post('/users/Quill/pseuds/new', { name, description: 'kept description' });
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(html).toContain('You already have a pseud with that name.');
      expect(html).toContain('kept description');
    }
    const bad = await browser.post('/users/Quill/pseuds/new', { name: 'Comma, Name' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Pseud names may use letters, digits, spaces, underscores and hyphens.');
    const long = await browser.post('/users/Quill/pseuds/new', { name: 'x'.repeat(41) });
    expect(await long.text()).toContain('Pseud names are at most 40 characters.');
    expect((await pseudsOf(user.id)).map((p) => p.name)).toEqual(['Quill', 'Émile']);
  });

  it('lets the same pseud name exist for different users', async () => {
    const first = await makeUser(t.db, { username: 'Hazel' });
    const second = await makeUser(t.db, { username: 'Rowan' });
    const response = await (await browserFor(second)).post('/users/Rowan/pseuds/new', { name: 'hazel' });
    expect(response.status).toBe(303);
    expect((await pseudsOf(second.id)).map((p) => p.name)).toEqual(['Rowan', 'hazel']);
    expect(await pseudsOf(first.id)).toHaveLength(1);
  });

  it('refuses another user (403) and sends guests to log in', async () => {
    const owner = await makeUser(t.db, { username: 'Fennel' });
    const intruder = await makeUser(t.db, { username: 'Nettle' });
    const browser = await browserFor(intruder);
    const form = await browser.get('/users/Fennel/pseuds/new');
    expect(form.status).toBe(403);
    const post = await browser.post('/users/Fennel/pseuds/new', { name: 'Planted' });
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('Only Fennel can change');
    const [ownPseud] = await pseudsOf(owner.id);
    const makeDefault = await browser.post(`/users/Fennel/pseuds/${ownPseud?.id}/default`);
    expect(makeDefault.status).toBe(403);

    const guest = await (await browserFor(null)).get('/users/Fennel/pseuds/new');
    expect(guest.status).toBe(303);
    expect(guest.headers.get('location')).toBe('/login?return_to=%2Fusers%2FFennel%2Fpseuds%2Fnew');
    expect((await pseudsOf(owner.id)).map((p) => p.name)).toEqual(['Fennel']);
  });

  it("makes another pseud the default, only among the user's own", async () => {
    const user = await makeUser(t.db, { username: 'Sorrel' });
    const other = await makeUser(t.db, { username: 'Yarrow' });
    const browser = await browserFor(user);
    await browser.post('/users/Sorrel/pseuds/new', { name: 'Night Sorrel' });
    const [, added] = await pseudsOf(user.id);
    const list = await browser.page('/users/Sorrel/pseuds');
    expect(list).toContain(`action="/users/Sorrel/pseuds/${added?.id}/default"`);

    const response = await browser.post(`/users/Sorrel/pseuds/${added?.id}/default`);
    expect(response.status).toBe(303);
    expect((await pseudsOf(user.id)).map((p) => [p.name, p.is_default])).toEqual([
      ['Sorrel', 0],
      ['Night Sorrel', 1],
    ]);

    const [othersPseud] = await pseudsOf(other.id);
    const theirs = await browser.post(`/users/Sorrel/pseuds/${othersPseud?.id}/default`);
    expect(theirs.status).toBe(404);
    expect((await pseudsOf(other.id))[0]?.is_default).toBe(1);
    expect((await pseudsOf(user.id)).filter((p) => p.is_default)).toHaveLength(1);
  });
});
