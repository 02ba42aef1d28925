import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import { addMetaTag } from '../wrangling/link-commands.ts';
import { makeCanonical } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { createCredential } from '../accounts/credentials.ts';
import { revokeToken } from '../accounts/token-queries.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('API reads', (t) => {
  let writer: User;
  let other: User;
  let writerToken: string;
  let otherToken: string;
  const ids: Record<string, number> = {};
  let api: (path: string, init?: RequestInit) => Promise<Response>;

  beforeAll(async () => {
    writer = await makeUser(t.db, { username: `apiwriter${process.pid}` });
    other = await makeUser(t.db, { username: `apiother${process.pid}` });
    writerToken = (await createCredential(t.db, writer.id, 'mine', 'read')).secret;
    otherToken = (await createCredential(t.db, other.id, 'theirs', 'read')).secret;
    ids.public = await makeWork(t.db, writer, {
      title: 'Ferry Songs',
      freeforms: ['Found Family'],
      summary: '<p>A ferry, a song.</p>',
    });
    ids.restricted = await makeWork(t.db, writer, {
      title: 'Quiet Harbour',
      freeforms: ['Found Family'],
      isRestricted: true,
    });
    ids.draft = await makeWork(t.db, writer, { title: 'Draft Tides', freeforms: ['Found Family'], post: false });
    ids.hidden = await makeWork(t.db, writer, { title: 'Hidden Pier', freeforms: ['Found Family'] });
    ids.multi = await makeWork(t.db, writer, {
      title: 'Two Lamps',
      expectedChapters: 2,
      chapters: [chapter('<p>One lamp.</p>', { title: 'First' }), chapter('<p>Two lamps.</p>', { title: 'Second' })],
    });
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', ids.hidden).execute();
    await makeWork(t.db, writer, { title: 'Family Picnic', freeforms: ['Family'] });
    await makeWork(t.db, writer, { title: 'Fam Reunion', freeforms: ['found fam'] });
    for (const name of ['Found Family', 'Family'])
      await makeCanonical(t.db, COMMAND_LINE, (await tagNamed(t.db, name)).id);
    await makeSynonym(
      t.db,
      COMMAND_LINE,
      (await tagNamed(t.db, 'found fam')).id,
      (await tagNamed(t.db, 'Found Family')).id,
    );
    await addMetaTag(
      t.db,
      COMMAND_LINE,
      (await tagNamed(t.db, 'Found Family')).id,
      (await tagNamed(t.db, 'Family')).id,
    );
    const app = makeTestApp(t.db);
    let address = 0;
    // Each request from its own address, so the per-address limit never interferes (one test checks it on purpose).
    api = async (path, init = {}) =>
      app.request(`${TEST_ORIGIN}/api/v1${path}`, {
        ...init,
        headers: {
          'x-forwarded-for': `10.0.${Math.floor(++address / 250)}.${address % 250}`,
          ...(init.headers as object),
        },
      });
  });

  describe('privacy, as for a browser', () => {
    it('shows a public work to anyone, with its chapters, stats and download links', async () => {
      const response = await api(`/works/${ids.multi}`);
      expect(response.status).toBe(200);
      const work = (await response.json()) as Json;
      expect(work.title).toBe('Two Lamps');
      expect(work.chapters_list.map((c: Json) => c.title)).toEqual(['First', 'Second']);
      expect(work.stats).toEqual({ hits: 0, kudos: 0, comments: 0, bookmarks: 0, downloads: 0 });
      expect(work.downloads.map((d: Json) => d.format)).toEqual(expect.arrayContaining(['epub', 'pdf']));
      const chapterId = work.chapters_list[1].id;
      const text = (await (await api(`/works/${ids.multi}/chapters/${chapterId}`)).json()) as Json;
      expect(text.body).toBe('<p>Two lamps.</p>');
    });

    it('needs a token for a restricted work', async () => {
      const guest = await api(`/works/${ids.restricted}`);
      expect(guest.status).toBe(401);
      expect(guest.headers.get('content-type')).toBe('application/problem+json');
      expect(guest.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await guest.json()) as Json).type).toBe('/api/v1/docs#problem-unauthenticated');
      expect((await api(`/works/${ids.restricted}`, { headers: bearer(otherToken) })).status).toBe(200);
    });

    it('lets a token download a restricted work from the links the work lists', async () => {
      const work = (await (await api(`/works/${ids.restricted}`, { headers: bearer(otherToken) })).json()) as Json;
      const epub = work.downloads.find((d: Json) => d.format === 'epub');
      expect(epub.type).toBe('application/epub+zip');
      const path = new URL(epub.url).pathname;
      const app = makeTestApp(t.db);
      expect((await app.request(`${TEST_ORIGIN}${path}`)).status).toBe(401);
      const response = await app.request(`${TEST_ORIGIN}${path}`, { headers: bearer(otherToken) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/epub+zip');
    });

    it('ignores a browser session: only tokens authenticate API calls', async () => {
      const browser = new Browser(makeTestApp(t.db));
      await signIn(browser, t.db, other);
      expect((await browser.get(`/api/v1/works/${ids.restricted}`)).status).toBe(401);
    });

    it('shows a draft to its creator’s token only', async () => {
      const own = await api(`/works/${ids.draft}`, { headers: bearer(writerToken) });
      expect(own.status).toBe(200);
      expect(((await own.json()) as Json).status).toBe('draft');
      expect((await api(`/works/${ids.draft}`, { headers: bearer(otherToken) })).status).toBe(404);
      expect((await api(`/works/${ids.draft}`)).status).toBe(404);
    });

    it('hides a hidden work and refuses a revoked token', async () => {
      expect((await api(`/works/${ids.hidden}`, { headers: bearer(otherToken) })).status).toBe(404);
      const revoked = await createCredential(t.db, other.id, 'old', 'read');
      await revokeToken(t.db, other.id, revoked.id);
      const response = await api(`/works/${ids.public}`, { headers: bearer(revoked.secret) });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    });
  });

  describe('listings', () => {
    it('use exactly the site’s filters and sorts', async () => {
      for (const query of [
        'include=Found Family',
        'include=Family&sort=title',
        'exclude=Family&sort=words&order=asc',
        'q=ferry',
      ]) {
        const params = new URLSearchParams(query);
        for (const token of [undefined, otherToken]) {
          const response = await api(`/works?${params}`, { headers: token ? bearer(token) : {} });
          const body = (await response.json()) as Json;
          const site = await findWorks(
            t.db,
            parseFilters(params).filters,
            { includeRestricted: !!token },
            { facets: false },
          );
          expect(
            body.works.map((w: Json) => w.id),
            query,
          ).toEqual(site.workIds);
          expect(body.total, query).toBe(site.total);
        }
      }
      const family = (await (await api('/works?include=Family&sort=title')).json()) as Json;
      expect(family.works.map((w: Json) => w.title)).toEqual(['Fam Reunion', 'Family Picnic', 'Ferry Songs']);
    });

    it('page with a cursor bound to their filters', async () => {
      const lister = await makeUser(t.db);
      for (let i = 0; i < 22; i++) await makeWork(t.db, lister, { title: `Buoy ${i}`, freeforms: ['Buoys'] });
      const first = await api('/works?include=Buoys');
      const page1 = (await first.json()) as Json;
      expect(page1.works).toHaveLength(20);
      expect(page1.total).toBe(22);
      // The next link is the cursor alone: the query is not echoed back.
      expect(first.headers.get('link')).toBe(`</api/v1/works?cursor=${page1.next_cursor}>; rel="next"`);
      const page2 = (await (await api(`/works?include=Buoys&cursor=${page1.next_cursor}`)).json()) as Json;
      expect(page2.works).toHaveLength(2);
      expect(page2.next_cursor).toBeNull();
      expect(new Set([...page1.works, ...page2.works].map((w: Json) => w.id)).size).toBe(22);
      const alone = (await (await api(`/works?cursor=${page1.next_cursor}`)).json()) as Json;
      expect(alone.works.map((w: Json) => w.id)).toEqual(page2.works.map((w: Json) => w.id));

      const mixed = await api(`/works?include=Family&cursor=${page1.next_cursor}`);
      expect(mixed.status).toBe(400);
      expect(((await mixed.json()) as Json).errors).toEqual([{ field: 'cursor', detail: expect.any(String) }]);
      expect((await api('/works?page=2')).status).toBe(400);
    });

    it('send no Link header past 2,000 characters, however long the query', async () => {
      const lister = await makeUser(t.db);
      for (let i = 0; i < 21; i++) await makeWork(t.db, lister, { title: `Lantern ${i}`, freeforms: ['Lanterns'] });
      const short = await api('/works?include=Lanterns');
      expect(short.headers.get('link')?.length).toBeLessThan(200);
      const excluded = Array.from({ length: 30 }, (_, i) => `Unheard Of Tag ${i} ${'z'.repeat(80)}`).join(',');
      const long = await api(`/works?include=Lanterns&exclude=${encodeURIComponent(excluded)}`);
      expect(long.status).toBe(200);
      const body = (await long.json()) as Json;
      expect(body.next_cursor).toEqual(expect.any(String));
      expect(long.headers.get('link')).toBeNull();
    });

    it('say which filters could not apply, and refuse unreadable ones as problems', async () => {
      const unknown = (await (await api('/works?include=No Such Tag')).json()) as Json;
      expect(unknown.notices).toEqual([{ param: 'include', message: expect.stringContaining('No Such Tag') }]);
      const words = await api('/works?words=lots');
      expect(words.status).toBe(400);
      expect(words.headers.get('content-type')).toBe('application/problem+json');
      expect(((await words.json()) as Json).errors[0]).toMatchObject({ field: 'words' });
      const syntax = (await (await api('/search?q=title:')).json()) as Json;
      expect(syntax.errors).toEqual([{ field: 'q', detail: expect.stringContaining('"title:" needs something') }]);
      const sort = (await (await api('/works?sort=popularity')).json()) as Json;
      expect(sort.status).toBe(400);
      expect(sort.errors[0].field).toBe('sort');
    });
  });

  describe('tags and users', () => {
    it('give a tag with its synonyms, meta tags and sub tags, and its works through them', async () => {
      const tag = (await (await api('/tags/Found%20Family')).json()) as Json;
      expect(tag).toMatchObject({ name: 'Found Family', kind: 'freeform', is_canonical: true, canonical: null });
      expect(tag.synonyms.map((s: Json) => s.name)).toEqual(['found fam']);
      expect(tag.meta_tags.map((s: Json) => s.name)).toEqual(['Family']);
      expect(tag.works_count).toBe(2);
      const meta = (await (await api('/tags/Family')).json()) as Json;
      expect(meta.sub_tags.map((s: Json) => s.name)).toEqual(['Found Family']);
      const synonym = (await (await api('/tags/found%20fam')).json()) as Json;
      expect(synonym.canonical.name).toBe('Found Family');
      const works = (await (await api('/tags/Family/works?sort=title')).json()) as Json;
      expect(works.works.map((w: Json) => w.title)).toEqual(['Fam Reunion', 'Family Picnic', 'Ferry Songs']);
      expect((await api('/tags/Nothing%20Here')).status).toBe(404);
      // A rating is a column of the work, not a tagging: its works come from there.
      await makeWork(t.db, other, { title: 'Storm Night', rating: 'Explicit' });
      const rated = (await (await api('/tags/Explicit/works')).json()) as Json;
      expect(rated.works.map((w: Json) => w.title)).toEqual(['Storm Night']);
    });

    it('suggest tags as someone types', async () => {
      const suggestions = (await (await api('/tags/autocomplete?q=fou')).json()) as Json[];
      // Uses count the works typed with it or a synonym that the asker may list: not the draft, the
      // hidden work, nor (without a token) the restricted one.
      expect(suggestions[0]).toEqual({ name: 'Found Family', kind: 'freeform', canonical: true, uses: 2 });
      const withToken = (await (
        await api('/tags/autocomplete?q=fou', { headers: bearer(otherToken) })
      ).json()) as Json[];
      expect(withToken[0]).toMatchObject({ name: 'Found Family', uses: 3 });
    });

    it('give a user with pseuds, their works, a pseud’s works and who a token is', async () => {
      const user = (await (await api(`/users/${writer.username}`)).json()) as Json;
      expect(user.pseuds.map((p: Json) => p.name)).toEqual([writer.username]);
      const works = (await (
        await api(`/users/${writer.username}/works?sort=title`, { headers: bearer(otherToken) })
      ).json()) as Json;
      expect(works.works.map((w: Json) => w.title)).toContain('Quiet Harbour');
      expect(works.works.map((w: Json) => w.title)).not.toContain('Draft Tides');
      const pseud = (await (await api(`/users/${writer.username}/pseuds/${writer.username}/works`)).json()) as Json;
      expect(pseud.total).toBe(4); // a guest: no restricted, draft or hidden works
      expect((await api('/users/nobody-at-all')).status).toBe(404);
      const me = (await (await api('/me', { headers: bearer(writerToken) })).json()) as Json;
      expect(me).toMatchObject({ username: writer.username, scope: 'read' });
      expect((await api('/me')).status).toBe(401);
    });
  });

  describe('HTTP behaviour', () => {
    it('sends ETags (304 on a match) and says who may cache a read', async () => {
      const first = await api(`/works/${ids.public}`);
      const tag = first.headers.get('etag')!;
      expect(tag).toMatch(/^(W\/)?"/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=60');
      expect(first.headers.get('vary')).toContain('Authorization');
      expect((await api(`/works/${ids.public}`, { headers: { 'if-none-match': tag } })).status).toBe(304);
      const withToken = await api(`/works/${ids.public}`, { headers: bearer(otherToken) });
      expect(withToken.headers.get('cache-control')).toBe('private, no-cache');
    });

    it('allows cross-origin reads and only reads', async () => {
      const origin = { origin: 'https://reader.example' };
      const read = await api('/works', { headers: origin });
      expect(read.headers.get('access-control-allow-origin')).toBe('*');
      const preflightRead = await api('/works', {
        method: 'OPTIONS',
        headers: {
          ...origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflightRead.status).toBe(204);
      expect(preflightRead.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      const preflightWrite = await api('/works', {
        method: 'OPTIONS',
        headers: { ...origin, 'access-control-request-method': 'POST' },
      });
      expect(preflightWrite.headers.get('access-control-allow-origin')).toBeNull();
      const write = await api('/works', {
        method: 'POST',
        headers: { ...origin, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(write.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('limits each address and each token, saying so in RateLimit headers', async () => {
      const app = makeTestApp(t.db);
      const from = (address: string, headers: Record<string, string> = {}) =>
        app.request(`${TEST_ORIGIN}/api/v1/tags/autocomplete?q=x`, {
          headers: { 'x-forwarded-for': address, ...headers },
        });
      const first = await from('192.0.2.7');
      expect(first.headers.get('ratelimit-policy')).toBe('"address";q=120;w=60');
      expect(first.headers.get('ratelimit')).toMatch(/^"address";r=119;t=\d+$/);
      for (let i = 0; i < 119; i++) await from('192.0.2.7');
      const limited = await from('192.0.2.7');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await from('192.0.2.8')).status).toBe(200);
      const withToken = await from('192.0.2.7', bearer(writerToken));
      expect(withToken.status).toBe(200);
      expect(withToken.headers.get('ratelimit-policy')).toBe('"token";q=600;w=60');
    });

    it('answers unknown API paths and malformed ids with problem details, not HTML', async () => {
      const missing = await api('/no-such-thing');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
      const bad = (await (await api('/works/99999999999')).json()) as Json;
      expect(bad).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
    });
  });
});
