/**
 * A collection's Atom feed (/collections/:name/works.atom): its and its
 * subcollections' approved public works, anonymous ones by "Anonymous",
 * unrevealed ones only once revealed, nothing waiting or restricted.
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { parseAtomFeed, textOf, type XmlNode } from '../feeds/atom-check.test-helper.ts';

forEachDatabase('a collection’s Atom feed', (t) => {
  let owner: User;
  let writer: User;
  let ownerB: Browser;
  let writerB: Browser;
  let guest: Browser;

  beforeAll(async () => {
    owner = await makeUser(t.db);
    writer = await makeUser(t.db);
    const app = makeTestApp(t.db);
    [ownerB, writerB, guest] = [new Browser(app), new Browser(app), new Browser(app)];
    await signIn(ownerB, t.db, owner);
    await signIn(writerB, t.db, writer);
  });

  async function collection(name: string, settings: string[], parent = '') {
    expect((await ownerB.post('/collections/new', { name, title: `The ${name}`, settings, parent })).status).toBe(303);
  }
  async function workIn(name: string, title: string, options: { isRestricted?: boolean } = {}) {
    const workId = await makeWork(t.db, writer, { title, ...options });
    expect((await writerB.post(`/works/${workId}/collections`, { collections: name })).status).toBe(303);
    return workId;
  }
  const feed = async (name: string) => {
    const res = await guest.get(`/collections/${name}/works.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    return parseAtomFeed(await res.text());
  };
  const titles = (entries: XmlNode[]) => entries.map((e) => textOf(e.title)).sort();

  it('lists the approved public works of the collection and its subcollections', async () => {
    await collection('river_fest', []);
    await collection('river_minis', [], 'river_fest');
    await collection('river_queue', ['moderated'], 'river_fest');
    await workIn('river_fest', 'Upstream');
    await workIn('river_minis', 'Small Rapids');
    await workIn('river_queue', 'Still Waiting');
    await workIn('river_fest', 'Members Only Bend', { isRestricted: true });
    const { entries, links, feed: root } = await feed('river_fest');
    expect(titles(entries)).toEqual(['Small Rapids', 'Upstream']);
    expect(textOf(root.title)).toContain('The river_fest');
    expect(links.find((l) => l.rel === 'alternate')?.href).toMatch(/\/collections\/river_fest$/);
    expect(await guest.page('/collections/river_fest')).toContain('href="/collections/river_fest/works.atom"');
    expect((await guest.get('/collections/no_river/works.atom')).status).toBe(404);
  });

  it('an anonymous work is by "Anonymous"; an unrevealed one joins the feed when revealed', async () => {
    await collection('masked_ball', ['anonymous']);
    await collection('sealed_box', ['unrevealed', 'anonymous']);
    await workIn('masked_ball', 'Behind the Mask');
    await workIn('sealed_box', 'Inside the Box');
    const masked = await feed('masked_ball');
    expect(titles(masked.entries)).toEqual(['Behind the Mask']);
    const xml = await (await guest.get('/collections/masked_ball/works.atom')).text();
    expect(xml).toContain('<name>Anonymous</name>');
    expect(xml).not.toContain(writer.username);
    const sealed = await (await guest.get('/collections/sealed_box/works.atom')).text();
    expect(sealed).not.toContain('Inside the Box');
    expect(parseAtomFeed(sealed).entries).toHaveLength(0);
    await ownerB.post('/collections/sealed_box/reveal', { what: 'works' });
    const revealed = await (await guest.get('/collections/sealed_box/works.atom')).text();
    expect(revealed).toContain('Inside the Box');
    expect(revealed).not.toContain(writer.username);
    await ownerB.post('/collections/sealed_box/reveal', { what: 'creators' });
    expect(await (await guest.get('/collections/sealed_box/works.atom')).text()).toContain(writer.username);
  });
});
