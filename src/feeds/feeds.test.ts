import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';
import type { User } from '../accounts/accounts.table.ts';
import { tagSlug } from '../tags/names.ts';
import { addMetaTag } from '../wrangling/link-commands.ts';
import { makeCanonical } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { addChapter } from '../chapters/add-chapter.ts';
import { linksOf, parseAtomFeed, textOf, type XmlNode } from './atom-check.test-helper.ts';

const CAFE = 'Alternate Universe - Coffee Shops & Cafés';
const titles = (entries: XmlNode[]) => entries.map((e) => textOf(e.title)).sort();

forEachDatabase('Atom feeds', (t) => {
  let writer: User;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    writer = await makeUser(t.db, { username: `feedwriter${process.pid}` });
    ids.canonical = await makeWork(t.db, writer, {
      title: 'Steam & Saucers',
      freeforms: [CAFE],
      summary: '<p>A barista <em>counts</em> the cups.</p>',
    });
    ids.synonym = await makeWork(t.db, writer, { title: 'Foam Letters', freeforms: ['coffee shop au'] });
    ids.restricted = await makeWork(t.db, writer, {
      title: 'Members Only Latte',
      freeforms: [CAFE],
      isRestricted: true,
    });
    ids.draft = await makeWork(t.db, writer, { title: 'Unfinished Espresso', freeforms: [CAFE], post: false });
    ids.hidden = await makeWork(t.db, writer, { title: 'Hidden Roast', freeforms: [CAFE] });
    ids.anonymous = await makeWork(t.db, writer, { title: 'Nameless Mocha', freeforms: [CAFE] });
    ids.other = await makeWork(t.db, writer, { title: 'Tea Elsewhere', freeforms: ['Tea Rooms'] });
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', ids.hidden).execute();
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', '=', ids.anonymous).execute();
    for (const name of [CAFE, 'Alternate Universe']) {
      if (name !== CAFE) await makeWork(t.db, writer, { title: 'Plain AU', freeforms: [name] });
      await makeCanonical(t.db, COMMAND_LINE, (await tagNamed(t.db, name)).id);
    }
    await makeSynonym(t.db, COMMAND_LINE, (await tagNamed(t.db, 'coffee shop au')).id, (await tagNamed(t.db, CAFE)).id);
    await addMetaTag(
      t.db,
      COMMAND_LINE,
      (await tagNamed(t.db, CAFE)).id,
      (await tagNamed(t.db, 'Alternate Universe')).id,
    );
  });

  describe('a tag feed', () => {
    it('lists public new works under the canonical tag and its synonyms, with the required Atom elements', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const response = await browser.get(`/tags/${tagSlug(CAFE)}/feed.atom`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const { feed, entries, links } = parseAtomFeed(await response.text());
      expect(textOf(feed.title)).toContain(CAFE);
      expect(titles(entries)).toEqual(['Foam Letters', 'Nameless Mocha', 'Steam & Saucers']);
      expect(links).toContainEqual(
        expect.objectContaining({ rel: 'self', href: `${TEST_ORIGIN}/tags/${tagSlug(CAFE)}/feed.atom` }),
      );
      expect(links).toContainEqual(
        expect.objectContaining({
          rel: 'alternate',
          type: 'text/html',
          href: `${TEST_ORIGIN}/tags/${tagSlug(CAFE)}/works`,
        }),
      );

      const steam = entries.find((e) => textOf(e.title) === 'Steam & Saucers')!;
      expect(textOf(steam.id)).toBe(`${TEST_ORIGIN}/works/${ids.canonical}`);
      expect(linksOf(steam)).toContainEqual(
        expect.objectContaining({ rel: 'alternate', href: `${TEST_ORIGIN}/works/${ids.canonical}` }),
      );
      expect(steam.summary['@_type']).toBe('html');
      // The summary is HTML carried as escaped text: parsed back, it is the stored markup.
      expect(textOf(steam.summary)).toContain('<p>A barista <em>counts</em> the cups.</p>');
      expect(textOf(steam.summary)).toContain(
        `by <a href="${TEST_ORIGIN}/users/${writer.username}">${writer.username}</a>`,
      );
      expect(steam.author.map((a: XmlNode) => textOf(a.name))).toEqual([writer.username]);
      expect(steam.category.map((c: XmlNode) => c['@_term'])).toContain(CAFE);

      const anonymous = entries.find((e) => textOf(e.title) === 'Nameless Mocha')!;
      expect(anonymous.author.map((a: XmlNode) => textOf(a.name))).toEqual(['Anonymous']);
      expect(textOf(anonymous.summary)).not.toContain(writer.username);
    });

    it('reaches sub tags through the meta tag, and a synonym’s feed is its canonical’s', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const meta = parseAtomFeed(await browser.page('/tags/Alternate%20Universe/feed.atom'));
      expect(titles(meta.entries)).toEqual(['Foam Letters', 'Nameless Mocha', 'Plain AU', 'Steam & Saucers']);
      const synonym = parseAtomFeed(await browser.page('/tags/coffee%20shop%20au/feed.atom'));
      expect(titles(synonym.entries)).toEqual(['Foam Letters', 'Nameless Mocha', 'Steam & Saucers']);
    });

    it('is the same for a logged-in reader: feeds never show restricted works', async () => {
      const browser = new Browser(makeTestApp(t.db));
      await signIn(browser, t.db, await makeUser(t.db));
      const { entries } = parseAtomFeed(await browser.page(`/tags/${tagSlug(CAFE)}/feed.atom`));
      expect(titles(entries)).not.toContain('Members Only Latte');
    });

    it('answers If-None-Match with 304 and may be cached publicly', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const first = await browser.get(`/tags/${tagSlug(CAFE)}/feed.atom`);
      const tag = first.headers.get('etag');
      expect(tag).toBeTruthy();
      expect(first.headers.get('cache-control')).toContain('public');
      const again = await browser.request(`/tags/${tagSlug(CAFE)}/feed.atom`, { headers: { 'if-none-match': tag! } });
      expect(again.status).toBe(304);
    });

    it('is 404 for a tag that does not exist', async () => {
      const response = await new Browser(makeTestApp(t.db)).get('/tags/No%20Such%20Tag/feed.atom');
      expect(response.status).toBe(404);
    });
  });

  describe('a user feed', () => {
    it('lists the user’s public works, not anonymous, restricted, hidden or draft ones', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const { feed, entries } = parseAtomFeed(await browser.page(`/users/${writer.username}/works.atom`));
      expect(textOf(feed.title)).toContain(writer.username);
      expect(titles(entries)).toEqual(['Foam Letters', 'Plain AU', 'Steam & Saucers', 'Tea Elsewhere']);
    });

    it('is 404 for an unknown user', async () => {
      expect((await new Browser(makeTestApp(t.db)).get('/users/nobody-here/works.atom')).status).toBe(404);
    });
  });

  describe('a chapters feed', () => {
    it('lists posted chapters newest first, without drafts', async () => {
      const workId = await makeWork(t.db, writer, {
        title: 'The Long Shift',
        expectedChapters: null,
        chapters: [chapter('<p>Opening time.</p>', { title: 'Dawn' })],
      });
      await addChapter(t.db, workId, chapter('<p>The lunch rush.</p>', { title: 'Noon', summary: '<p>Busy.</p>' }), {
        post: true,
      });
      await addChapter(t.db, workId, chapter('<p>Not yet.</p>', { title: 'Dusk' }), { post: false });
      const { entries, links } = parseAtomFeed(
        await new Browser(makeTestApp(t.db)).page(`/works/${workId}/chapters.atom`),
      );
      expect(entries.map((e) => textOf(e.title))).toEqual([
        'The Long Shift, chapter 2: Noon',
        'The Long Shift, chapter 1: Dawn',
      ]);
      expect(textOf(entries[0].summary)).toContain('<p>Busy.</p>');
      expect(links).toContainEqual(
        expect.objectContaining({ rel: 'alternate', href: `${TEST_ORIGIN}/works/${workId}` }),
      );
    });

    it('does not exist for restricted, draft or hidden works', async () => {
      const browser = new Browser(makeTestApp(t.db));
      for (const id of [ids.restricted, ids.draft, ids.hidden]) {
        expect((await browser.get(`/works/${id}/chapters.atom`)).status).toBe(404);
      }
    });
  });

  describe('pages', () => {
    const feedLink = (href: string) =>
      new RegExp(
        `<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"/>`,
      );

    it('link their feeds in <head>: a tag’s works and page, a user’s page and works, a public work', async () => {
      const browser = new Browser(makeTestApp(t.db));
      const tagFeed = `/tags/${tagSlug(CAFE)}/feed.atom`;
      expect(await browser.page(`/tags/${tagSlug(CAFE)}/works`)).toMatch(feedLink(tagFeed));
      expect(await browser.page(`/tags/${tagSlug(CAFE)}`)).toMatch(feedLink(tagFeed));
      expect(await browser.page(`/users/${writer.username}`)).toMatch(feedLink(`/users/${writer.username}/works.atom`));
      expect(await browser.page(`/users/${writer.username}/works`)).toMatch(
        feedLink(`/users/${writer.username}/works.atom`),
      );
      expect(await browser.page(`/works/${ids.canonical}`)).toMatch(feedLink(`/works/${ids.canonical}/chapters.atom`));
    });

    it('link no feed for a restricted work, which has none', async () => {
      const browser = new Browser(makeTestApp(t.db));
      await signIn(browser, t.db, writer);
      expect(await browser.page(`/works/${ids.restricted}`)).not.toContain('application/atom+xml');
    });
  });
});
