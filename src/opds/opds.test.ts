import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createCredential } from '../accounts/credentials.ts';
import { revokeToken } from '../accounts/token-queries.ts';
import { downloadPath } from '../downloads/file-names.ts';
import { makeCanonical } from '../wrangling/status-commands.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { linksOf, parseAtomFeed, parseXml, textOf, type XmlNode } from '../feeds/atom-check.test-helper.ts';
import { ACQUISITION_REL, ACQUISITION_TYPE, NAVIGATION_TYPE } from './catalog.ts';

const basic = (username: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});
const titles = (entries: XmlNode[]) => entries.map((e) => textOf(e.title));

forEachDatabase('OPDS catalog', (t) => {
  let writer: User;
  let appPassword: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    writer = await makeUser(t.db, { username: `opdswriter${process.pid}` });
    // 22 public works: one more page than a listing holds.
    for (let i = 1; i <= 22; i++) {
      ids[`w${i}`] = await makeWork(t.db, writer, {
        title: `Harbour Tale ${String(i).padStart(2, '0')}`,
        fandoms: ['Harbour Lights'],
        publishedOn: `2024-01-${String(i).padStart(2, '0')}`,
      });
    }
    ids.special = await makeWork(t.db, writer, {
      title: 'The Lighthouse Ledger',
      fandoms: ['Harbour Lights'],
      relationships: ['Keeper/Gull'],
      languageCode: 'en',
      summary: '<p>Every ship is <strong>written down</strong>.</p>',
      publishedOn: '2024-02-01',
    });
    ids.restricted = await makeWork(t.db, writer, {
      title: 'Members Tide Table',
      fandoms: ['Harbour Lights'],
      isRestricted: true,
    });
    ids.draft = await makeWork(t.db, writer, { title: 'Unposted Tide', fandoms: ['Harbour Lights'], post: false });
    await makeCanonical(t.db, COMMAND_LINE, (await tagNamed(t.db, 'Harbour Lights')).id);
    appPassword = (await createCredential(t.db, writer.id, 'Kobo', 'opds')).secret;
  });

  it('serves a root navigation feed with sections, a start link and a search description', async () => {
    const response = await new Browser(makeTestApp(t.db)).get('/opds');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(NAVIGATION_TYPE);
    const { entries, links } = parseAtomFeed(await response.text());
    expect(links).toContainEqual(
      expect.objectContaining({ rel: 'start', href: `${TEST_ORIGIN}/opds`, type: NAVIGATION_TYPE }),
    );
    expect(links).toContainEqual(
      expect.objectContaining({
        rel: 'search',
        href: `${TEST_ORIGIN}/opds/search.xml`,
        type: 'application/opensearchdescription+xml',
      }),
    );
    expect(titles(entries)).toEqual(['By fandom', 'Popular tags', 'New works', 'Recently updated', 'Log in']);
    const byTitle = new Map(entries.map((e) => [textOf(e.title), linksOf(e)[0]]));
    expect(byTitle.get('By fandom')).toMatchObject({
      rel: 'subsection',
      href: `${TEST_ORIGIN}/opds/fandoms`,
      type: NAVIGATION_TYPE,
    });
    expect(byTitle.get('New works')).toMatchObject({ rel: 'http://opds-spec.org/sort/new', type: ACQUISITION_TYPE });
    for (const entry of entries) expect(entry.content['@_type']).toBe('text');
  });

  it('describes search with OpenSearch, and searches', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const description = await browser.get('/opds/search.xml');
    expect(description.headers.get('content-type')).toBe('application/opensearchdescription+xml');
    const doc = parseXml(await description.text()).OpenSearchDescription;
    expect(doc['@_xmlns']).toBe('http://a9.com/-/spec/opensearch/1.1/');
    expect(doc.Url['@_type']).toBe(ACQUISITION_TYPE);
    expect(doc.Url['@_template']).toBe(`${TEST_ORIGIN}/opds/search?q={searchTerms}`);

    const { entries } = parseAtomFeed(await browser.page('/opds/search?q=lighthouse'));
    expect(titles(entries)).toEqual(['The Lighthouse Ledger']);
  });

  it('lists works as acquisition entries: download links with MIME types, summary as content, language, tags, no covers', async () => {
    const response = await new Browser(makeTestApp(t.db)).get('/opds/new');
    expect(response.headers.get('content-type')).toBe(ACQUISITION_TYPE);
    const { feed, entries } = parseAtomFeed(await response.text());
    expect(feed['@_xmlns:dc']).toBe('http://purl.org/dc/terms/');
    const ledger = entries.find((e) => textOf(e.title) === 'The Lighthouse Ledger')!;
    expect(textOf(ledger['dc:language'])).toBe('en');
    expect(ledger.content['@_type']).toBe('html');
    expect(textOf(ledger.content)).toContain('<p>Every ship is <strong>written down</strong>.</p>');
    expect(ledger.category.map((c: XmlNode) => c['@_term'])).toEqual(
      expect.arrayContaining(['Harbour Lights', 'Keeper/Gull']),
    );
    const links = linksOf(ledger);
    expect(links).toContainEqual({
      rel: ACQUISITION_REL,
      href: `${TEST_ORIGIN}${downloadPath(ids.special, 'The Lighthouse Ledger', 'epub')}`,
      type: 'application/epub+zip',
      title: 'EPUB',
    });
    expect(links).toContainEqual(expect.objectContaining({ rel: ACQUISITION_REL, type: 'application/pdf' }));
    expect(links.filter((l) => l.rel.startsWith('http://opds-spec.org/image'))).toEqual([]);
    expect(titles(entries)).not.toContain('Members Tide Table');
    expect(titles(entries)).not.toContain('Unposted Tide');
  });

  it('pages with next and previous links and OpenSearch counts', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const first = parseAtomFeed(await browser.page('/opds/new'));
    expect(first.entries).toHaveLength(20);
    expect(textOf(first.feed['opensearch:totalResults'])).toBe('23');
    const rels = (links: { rel: string }[]) => links.map((l) => l.rel);
    expect(rels(first.links)).toContain('next');
    expect(rels(first.links)).not.toContain('previous');
    const next = first.links.find((l) => l.rel === 'next')!;
    expect(next.href).toBe(`${TEST_ORIGIN}/opds/new?page=2`);
    const second = parseAtomFeed(await browser.page('/opds/new?page=2'));
    expect(titles(second.entries)).toEqual(['Harbour Tale 03', 'Harbour Tale 02', 'Harbour Tale 01']);
    expect(second.links.find((l) => l.rel === 'previous')!.href).toBe(`${TEST_ORIGIN}/opds/new`);
    expect(rels(second.links)).not.toContain('next');
  });

  it('browses canonical fandoms with their counts, each leading to its works', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const { entries } = parseAtomFeed(await browser.page('/opds/fandoms'));
    const fandom = entries.find((e) => textOf(e.title) === 'Harbour Lights')!;
    const link = linksOf(fandom)[0];
    expect(link).toMatchObject({ rel: 'subsection', type: ACQUISITION_TYPE, 'thr:count': '23' });
    expect(textOf(fandom.content)).toBe('23 works');
    const works = parseAtomFeed(await browser.page(link.href.replace(TEST_ORIGIN, '')));
    expect(textOf(works.feed['opensearch:totalResults'])).toBe('23');
  });

  describe('restricted works', () => {
    it('are listed with the username and a valid app password, privately cached', async () => {
      const response = await new Browser(makeTestApp(t.db)).request('/opds/new', {
        headers: basic(writer.username, appPassword),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('private');
      expect(response.headers.get('vary')).toContain('Authorization');
      const { entries } = parseAtomFeed(await response.text());
      expect(titles(entries)).toContain('Members Tide Table');
      expect(titles(entries)).not.toContain('Unposted Tide');
    });

    it('are not listed for guests, nor for a browser session (apps log in with app passwords)', async () => {
      const browser = new Browser(makeTestApp(t.db));
      await signIn(browser, t.db, writer);
      const { entries } = parseAtomFeed(await browser.page('/opds/new'));
      expect(titles(entries)).not.toContain('Members Tide Table');
    });

    it('refuse a wrong password, another user’s name, an API token and a revoked app password with a Basic challenge', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const other = await makeUser(t.db);
      const apiToken = (await createCredential(t.db, writer.id, 'script', 'read')).secret;
      const revoked = await createCredential(t.db, writer.id, 'old phone', 'opds');
      await revokeToken(t.db, writer.id, revoked.id);
      for (const headers of [
        basic(writer.username, 'wrong-password'),
        basic(other.username, appPassword),
        basic(writer.username, apiToken),
        basic(writer.username, revoked.secret),
      ]) {
        const response = await browser.request('/opds/new', { headers });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      }
    });

    it('download through the acquisition link with the same app password', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const href = downloadPath(ids.restricted, 'Members Tide Table', 'epub');
      const anonymous = await browser.get(href);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
      const response = await browser.request(href, { headers: basic(writer.username.toUpperCase(), appPassword) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/epub+zip');
    });

    it('offers a log-in entry that challenges apps which only send credentials when asked', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const response = await browser.get('/opds/login');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
      const loggedIn = await browser.request('/opds', { headers: basic(writer.username, appPassword) });
      expect(titles(parseAtomFeed(await loggedIn.text()).entries)).toContain(`Logged in as ${writer.username}`);
    });
  });
});
