import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import type { App } from '../server.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

forEachDatabase('API tag sets', (t) => {
  let app: App;
  let ownerToken: string;
  let otherToken: string;
  let base: string;

  beforeAll(async () => {
    app = makeTestApp(t.db);
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    ownerToken = (await createCredential(t.db, owner.id, 'mine', 'read')).secret;
    otherToken = (await createCredential(t.db, other.id, 'theirs', 'read')).secret;
    const browser = new Browser(app);
    await signIn(browser, t.db, owner);
    const created = await browser.post('/tag_sets/new', {
      title: 'Orchard Swap',
      description: '<p>Apples <em>only</em>.</p>',
      is_visible: '1',
      fandom_limit: '3',
      character_limit: '2',
      relationship_limit: '0',
    });
    base = created.headers.get('location')!;
    await browser.post(`${base}/tags`, { kind: 'character', names: 'Pip Russet', fandom: 'Orchard Keepers' });
    await browser.post(`${base}/tags`, { kind: 'freeform', names: 'Harvest' });
  });

  const get = (path: string, token?: string) =>
    app.request(`${TEST_ORIGIN}/api/v1${path}`, { headers: token ? bearer(token) : {} });

  it('answers a visible set with its tags by kind and its fandoms’ characters', async () => {
    const response = await get(base);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      title: 'Orchard Swap',
      description_html: '<p>Apples <em>only</em>.</p>',
      is_visible: true,
      is_usable: false,
      nominations: { is_open: false, fandoms: 3, characters_per_fandom: 2, relationships_per_fandom: 0 },
    });
    expect(body.tags.fandom.map((t: { name: string }) => t.name)).toEqual(['Orchard Keepers']);
    expect(body.tags.freeform.map((t: { name: string }) => t.name)).toEqual(['Harvest']);
    expect(body.fandoms[0].characters.map((t: { name: string }) => t.name)).toEqual(['Pip Russet']);
    expect(body.maintainers).toHaveLength(1);
    expect(body.maintainers[0].is_owner).toBe(true);
  });

  it('shows a private set only to its maintainers’ tokens', async () => {
    const id = Number(base.split('/').pop());
    await t.db.updateTable('tag_sets').set({ is_visible: 0 }).where('id', '=', id).execute();
    expect((await get(base)).status).toBe(404);
    expect((await get(base, otherToken)).status).toBe(404);
    expect((await get(base, ownerToken)).status).toBe(200);
    expect((await get('/tag_sets/999999')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const document = await (await get('/openapi.json')).json();
    expect(Object.keys(document.paths)).toContain('/tag_sets/{tagSetId}');
  });
});
