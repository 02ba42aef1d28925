import { expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed, worksUnder } from '../../test/support/tags.ts';
import { tagPath, tagWorksPath } from '../tags/names.ts';
import { COMMAND_LINE } from './command.ts';
import { assignFandom, setWranglerRole } from './queries.ts';
import { createCanonicalTag } from './status-commands.ts';

async function browserFor(db: Db, user?: User): Promise<Browser> {
  const browser = new Browser(makeTestApp(db));
  if (user) await signIn(browser, db, user);
  return browser;
}

forEachDatabase('wrangling pages', (t) => {
  let wrangler: User;
  let reader: User;
  let admin: User;

  it('lets only wranglers and admins in: guests are sent to log in, readers refused', async () => {
    wrangler = await makeUser(t.db, { username: 'wrangler1' });
    await setWranglerRole(t.db, wrangler.id, true);
    reader = await makeUser(t.db, { username: 'reader1' });
    admin = await makeUser(t.db, { username: 'admin1', isAdmin: true });
    await createCanonicalTag(t.db, COMMAND_LINE, 'Les Misérables - Victor Hugo', 'fandom');

    const guest = await browserFor(t.db);
    for (const path of ['/wrangling', '/wrangling/bins?kind=unsorted', '/wrangling/search?q=a', '/admin/wranglers']) {
      const response = await guest.get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe(`/login?return_to=${encodeURIComponent(path)}`);
    }
    const guestPost = await guest.post(`${tagPath('Les Misérables - Victor Hugo')}/wrangle`, { action: 'canonical' });
    expect(guestPost.status).toBe(303);
    expect(guestPost.headers.get('location')).toMatch(/^\/login/);

    const readerBrowser = await browserFor(t.db, reader);
    for (const path of ['/wrangling', '/wrangling/bins?kind=unsorted', '/admin/wranglers']) {
      const html = await readerBrowser.page(path, 403);
      expect(html).toMatch(/Only (tag wranglers and admins can wrangle tags|admins can manage wranglers)/);
    }
    const refused = await readerBrowser.post(`${tagPath('Les Misérables - Victor Hugo')}/wrangle`, {
      action: 'unwrangleable',
    });
    expect(refused.status).toBe(403);
    expect((await tagNamed(t.db, 'Les Misérables - Victor Hugo')).is_canonical).toBe(1);
    const massRefused = await readerBrowser.post('/wrangling/mass', { action: 'canonical', tag_ids: '1' });
    expect(massRefused.status).toBe(403);

    expect(await (await browserFor(t.db, { ...wrangler, is_wrangler: 1 })).page('/wrangling')).toContain(
      '<h1>Wrangling</h1>',
    );
    expect(await (await browserFor(t.db, admin)).page('/wrangling')).toContain('Manage wranglers');
    await (await browserFor(t.db, { ...wrangler, is_wrangler: 1 })).page('/admin/wranglers', 403);
  });

  it('shows an assigned fandom’s bins with counts, and wrangles a selection from a bin', async () => {
    await assignFandom(t.db, wrangler.id, (await tagNamed(t.db, 'Les Misérables - Victor Hugo')).id);
    const author = await makeUser(t.db);
    const first = await makeWork(t.db, author, {
      fandoms: ['Les Misérables - Victor Hugo'],
      characters: ['valjean', 'Jean Valjean'],
    });
    const second = await makeWork(t.db, author, {
      fandoms: ['Les Misérables - Victor Hugo'],
      characters: ['Monsieur Madeleine'],
    });
    const browser = await browserFor(t.db, { ...wrangler, is_wrangler: 1 });

    const dashboard = await browser.page('/wrangling');
    expect(dashboard).toContain('aria-label="3 unwrangled Characters in Les Misérables - Victor Hugo"');
    const bin = await browser.page('/wrangling/bins?kind=character&fandom=Les%20Mis%C3%A9rables%20-%20Victor%20Hugo');
    expect(bin).toContain('<h1>Unwrangled Characters in Les Misérables - Victor Hugo</h1>');
    expect(bin.indexOf('>valjean</a>')).toBeLessThan(bin.indexOf('>Monsieur Madeleine</a>'));

    const valjean = await tagNamed(t.db, 'Jean Valjean');
    const canonical = await browser.post('/wrangling/mass', {
      action: 'canonical',
      tag_ids: String(valjean.id),
      return_to: '/wrangling/bins?kind=character',
    });
    expect(canonical.headers.get('location')).toBe('/wrangling/bins?kind=character');
    const ids = [(await tagNamed(t.db, 'valjean')).id, (await tagNamed(t.db, 'Monsieur Madeleine')).id].map(String);
    const response = await browser.post('/wrangling/mass', {
      action: 'synonym',
      synonym_of: 'jean valjean',
      tag_ids: ids,
      return_to: 'https://evil.example/',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/wrangling');
    expect(await browser.page('/wrangling')).toContain('2 tag(s) changed');
    expect(await worksUnder(t.db, 'Jean Valjean')).toEqual([first, second]);
    const listing = await browser.page(tagWorksPath('Jean Valjean'));
    expect(listing).toContain('1 – 2 of 2 Works');
    expect(await browser.page('/wrangling')).toContain(
      'aria-label="0 unwrangled Characters in Les Misérables - Victor Hugo"',
    );
  });

  it('wrangles one tag from its page, with refusals shown as messages and the log kept', async () => {
    const browser = await browserFor(t.db, { ...wrangler, is_wrangler: 1 });
    const page = tagPath('Jean Valjean');
    const attached = await browser.post(`${page}/wrangle`, {
      action: 'attach_parent',
      parent: 'les misérables - victor hugo',
    });
    expect(attached.headers.get('location')).toBe(page);
    let html = await browser.page(page);
    expect(html).toContain('is now attached to the Fandom');
    expect(html).toContain('<h2>Parent Fandoms</h2>');
    await browser.post(`${page}/wrangle`, { action: 'add_meta', meta: 'Nobody' });
    html = await browser.page(page);
    expect(html).toContain('There is no tag named &quot;Nobody&quot;.');
    await browser.post(`${page}/wrangle`, { action: 'rename', name: 'Jean Valjean (Les Mis)' });
    html = await browser.page(tagPath('Jean Valjean (Les Mis)'));
    expect(html).toContain('Renamed &quot;Jean Valjean&quot; to &quot;Jean Valjean (Les Mis)&quot;');
    expect(html).toMatch(/<td>wrangler1<\/td><td>rename<\/td><td>Jean Valjean<\/td><td>Jean Valjean \(Les Mis\)<\/td>/);
    expect(html).toMatch(/<td>wrangler1<\/td><td>attach to parent<\/td>/);
    const bogus = await browser.post(`${page}/wrangle`, { action: 'explode' });
    expect(bogus.status).toBe(303);
  });

  it('searches tags by name, kind and status', async () => {
    const browser = await browserFor(t.db, admin);
    const html = await browser.page('/wrangling/search?q=valj&kind=character&status=synonym');
    expect(html).toContain('2 tags found');
    expect(html).toContain('>valjean</a>');
    expect(html).toContain('>Jean Valjean</a>');
    expect(html).not.toContain('>Jean Valjean (Les Mis)</a>');
  });

  it('lets admins grant and revoke the role and assign fandoms', async () => {
    const browser = await browserFor(t.db, admin);
    await browser.post('/admin/wranglers', { action: 'grant', username: 'reader1' });
    expect(
      (await t.db.selectFrom('users').select('is_wrangler').where('id', '=', reader.id).executeTakeFirstOrThrow())
        .is_wrangler,
    ).toBe(1);
    await browser.post('/admin/wranglers', {
      action: 'assign',
      username: 'reader1',
      fandom: 'Les Misérables - Victor Hugo',
    });
    let html = await browser.page('/admin/wranglers');
    expect(html).toContain('reader1 now wrangles Les Misérables - Victor Hugo.');
    expect(html).toMatch(/<th scope="row">reader1<\/th><td><ul class="link-list"><li>Les Misérables - Victor Hugo/);
    await browser.post('/admin/wranglers', { action: 'assign', username: 'reader1', fandom: 'Jean Valjean (Les Mis)' });
    expect(await browser.page('/admin/wranglers')).toContain('There is no canonical fandom named');
    await browser.post('/admin/wranglers', { action: 'revoke', username: 'reader1' });
    html = await browser.page('/admin/wranglers');
    expect(html).toContain('reader1 is no longer a tag wrangler.');
    expect(
      (await t.db.selectFrom('users').select('is_wrangler').where('id', '=', reader.id).executeTakeFirstOrThrow())
        .is_wrangler,
    ).toBe(0);
  });
});
