/**
 * Collections through the API: the index with its filters, a collection's
 * profile, its works through the listing filters — unrevealed works kept
 * from everyone but its maintainers, anonymous works without creators — and
 * adding one's work with a write token, refused as the site refuses it.
 */
import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createCredential } from '../accounts/credentials.ts';
import type { App } from '../server.ts';

forEachDatabase('API collections', (t) => {
  let app: App;
  let owner: User;
  let writer: User;
  let ownerToken: string;
  let writerToken: string;
  let writerReadToken: string;
  let readerToken: string;
  let ownWork: number;
  let anonWork: number;
  let secretWork: number;

  beforeAll(async () => {
    app = makeTestApp(t.db);
    owner = await makeUser(t.db);
    writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    ownerToken = (await createCredential(t.db, owner.id, 'o', 'read')).secret;
    writerToken = (await createCredential(t.db, writer.id, 'w', 'write')).secret;
    writerReadToken = (await createCredential(t.db, writer.id, 'wr', 'read')).secret;
    readerToken = (await createCredential(t.db, reader.id, 'r', 'read')).secret;
    const ownerB = new Browser(app);
    const writerB = new Browser(app);
    await signIn(ownerB, t.db, owner);
    await signIn(writerB, t.db, writer);
    for (const [name, settings, parent] of [
      ['api_harbour', [], ''],
      ['api_pier', [], 'api_harbour'],
      ['api_masks', ['anonymous'], ''],
      ['api_secret', ['unrevealed'], ''],
      ['api_queue', ['moderated'], ''],
      ['api_shut', ['closed'], ''],
    ] as const) {
      const res = await ownerB.post('/collections/new', {
        name,
        title: `Title of ${name}`,
        description: '<p>Boats <script>x</script>welcome.</p>',
        settings: [...settings],
        parent,
      });
      expect(res.status).toBe(303);
    }
    const pierWork = await makeWork(t.db, writer, { title: 'Pier Lights', rating: 'Teen And Up Audiences' });
    await writerB.post(`/works/${pierWork}/collections`, { collections: 'api_pier' });
    const harbourWork = await makeWork(t.db, writer, { title: 'Harbour Bells' });
    await writerB.post(`/works/${harbourWork}/collections`, { collections: 'api_harbour' });
    anonWork = await makeWork(t.db, writer, { title: 'Masked Sailor' });
    await writerB.post(`/works/${anonWork}/collections`, { collections: 'api_masks' });
    secretWork = await makeWork(t.db, writer, { title: 'Sealed Chart' });
    await writerB.post(`/works/${secretWork}/collections`, { collections: 'api_secret' });
    ownWork = await makeWork(t.db, writer, { title: 'Open Water' });
  });

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads into the answer freely
  const titles = (body: Record<string, any>) => (body.works as Array<{ title: string }>).map((w) => w.title).sort(); // eslint-disable-line @typescript-eslint/no-explicit-any -- as above

  it('lists collections with the index filters and sizes', async () => {
    const all = await json(await call('GET', '/collections'));
    const names = all.collections.map((c: { name: string }) => c.name);
    expect(names).toEqual(['api_harbour', 'api_masks', 'api_pier', 'api_queue', 'api_secret', 'api_shut']);
    expect(all.collections.find((c: { name: string }) => c.name === 'api_harbour')).toMatchObject({
      title: 'Title of api_harbour',
      is_closed: false,
      works: 1,
      url: `${TEST_ORIGIN}/collections/api_harbour`,
    });
    // The unrevealed work is not counted for a guest.
    expect(all.collections.find((c: { name: string }) => c.name === 'api_secret').works).toBe(0);
    const closed = await json(await call('GET', '/collections?closed=yes'));
    expect(closed.collections.map((c: { name: string }) => c.name)).toEqual(['api_shut']);
    const bad = await call('GET', '/collections?sort=sideways');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a collection’s profile, and a problem for one that does not exist', async () => {
    const res = await call('GET', '/collections/api_harbour');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      name: 'api_harbour',
      is_moderated: false,
      parent: null,
      subcollections: [{ name: 'api_pier', title: 'Title of api_pier' }],
      maintainers: [{ username: owner.username, role: 'owner' }],
      mystery_works: 0,
      works_url: `${TEST_ORIGIN}/api/v1/collections/api_harbour/works`,
    });
    expect(body.description_html).toContain('Boats');
    expect(body.description_html).not.toContain('script');
    const missing = await call('GET', '/collections/api_nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(missing)).detail).toContain('api_nowhere');
  });

  it('lists a collection’s and its subcollections’ works with the listing filters', async () => {
    expect(titles(await json(await call('GET', '/collections/api_harbour/works')))).toEqual([
      'Harbour Bells',
      'Pier Lights',
    ]);
    const teen = await json(
      await call('GET', `/collections/api_harbour/works?rating=${encodeURIComponent('Teen And Up Audiences')}`),
    );
    expect(titles(teen)).toEqual(['Pier Lights']);
    expect(teen.total).toBe(1);
    expect((await call('GET', '/collections/api_nowhere/works')).status).toBe(404);
    // Each work names the collections it is in, in listings and on its own.
    const pier = (await json(await call('GET', '/collections/api_harbour/works'))).works.find(
      (w: { title: string }) => w.title === 'Pier Lights',
    );
    expect(pier.collections).toEqual([
      { name: 'api_pier', title: 'Title of api_pier', url: `${TEST_ORIGIN}/collections/api_pier` },
    ]);
    expect((await json(await call('GET', `/works/${pier.id}`))).collections).toEqual(pier.collections);
  });

  it('anonymous: the work is listed without its creators, to guests and readers alike', async () => {
    for (const token of [undefined, readerToken, ownerToken]) {
      const res = await call('GET', '/collections/api_masks/works', token);
      const text = await res.text();
      const body = JSON.parse(text);
      expect(titles(body)).toEqual(['Masked Sailor']);
      expect(body.works[0].creators).toEqual([]);
      expect(body.works[0].is_anonymous).toBe(true);
      expect(text).not.toContain(writer.username);
    }
    // Its creator sees themself.
    const own = await json(await call('GET', '/collections/api_masks/works', writerReadToken));
    expect(own.works[0].creators[0].username).toBe(writer.username);
  });

  it('unrevealed: counted but not listed for guests and readers; listed for its maintainers', async () => {
    for (const token of [undefined, readerToken]) {
      const text = await (await call('GET', '/collections/api_secret/works', token)).text();
      expect(JSON.parse(text).works).toEqual([]);
      expect(text).not.toContain('Sealed Chart');
      expect((await json(await call('GET', '/collections/api_secret', token))).mystery_works).toBe(1);
      expect((await call('GET', `/works/${secretWork}`, token)).status).toBe(404);
    }
    const maintainer = await json(await call('GET', '/collections/api_secret/works', ownerToken));
    expect(titles(maintainer)).toEqual(['Sealed Chart']);
    expect((await json(await call('GET', '/collections/api_secret', ownerToken))).mystery_works).toBe(0);
  });

  it('adds one’s own work with a write token: at once, waiting, or refused as problems', async () => {
    const add = (name: string, workId: number, token = writerToken) =>
      call('POST', `/collections/${name}/works`, token, { work_id: workId });
    const status = async (name: string) =>
      (
        await t.db
          .selectFrom('collection_items as ci')
          .innerJoin('collections as c', 'c.id', 'ci.collection_id')
          .select('ci.status')
          .where('c.name', '=', name)
          .where('ci.work_id', '=', ownWork)
          .executeTakeFirst()
      )?.status;

    const added = await add('api_harbour', ownWork);
    expect(added.status).toBe(201);
    expect(await json(added)).toMatchObject({
      collection: { name: 'api_harbour' },
      work_id: ownWork,
      status: 'approved',
    });
    expect(await status('api_harbour')).toBe('approved');
    expect(titles(await json(await call('GET', '/collections/api_harbour/works')))).toContain('Open Water');

    const queued = await add('api_queue', ownWork);
    expect((await json(queued)).status).toBe('awaiting');
    expect(await status('api_queue')).toBe('awaiting');

    const shut = await add('api_shut', ownWork);
    expect(shut.status).toBe(409);
    expect(shut.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(shut)).detail).toContain('closed to new works');
    expect(await status('api_shut')).toBeUndefined();

    const readOnly = await add('api_queue', ownWork, writerReadToken);
    expect(readOnly.status).toBe(403);
    const notTheirs = await call('POST', '/collections/api_harbour/works', ownerToken, { work_id: ownWork });
    expect(notTheirs.status).toBe(403);
    const ownerWrite = (await createCredential(t.db, owner.id, 'ow', 'write')).secret;
    const foreign = await call('POST', '/collections/api_harbour/works', ownerWrite, { work_id: ownWork });
    expect(foreign.status).toBe(403);
    expect((await json(foreign)).type).toContain('forbidden');
    expect((await add('api_nowhere', ownWork)).status).toBe(404);
    const invalid = await call('POST', '/collections/api_harbour/works', writerToken, { work_id: 'seven' });
    expect(invalid.status).toBe(422);
    expect((await json(invalid)).errors[0].field).toBe('work_id');
  });
});
