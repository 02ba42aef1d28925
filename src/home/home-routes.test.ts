import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { tagNamed } from '../../test/support/tags.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { attachParent } from '../wrangling/link-commands.ts';
import { createCanonicalTag, makeCanonical } from '../wrangling/status-commands.ts';
import { mainOf } from '../works/reading.test-helper.ts';

/** Every same-site link target in a page's HTML (no fragments, no assets). */
function linksOf(html: string): string[] {
  const hrefs = [...html.matchAll(/href="(\/[^"#]*)/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  return [...new Set(hrefs)].filter((href) => !href.startsWith('/assets/'));
}

/** The header and footer: what surrounds <main>. */
function chromeOf(html: string): string {
  return html.slice(0, html.indexOf('<main')) + html.slice(html.indexOf('</main>'));
}

forEachDatabase('front page, header and info pages', (t) => {
  let guest: Browser;
  let member: Browser;
  let memberName: string;

  beforeAll(async () => {
    const app = makeTestApp(t.db);
    const user = await makeUser(t.db);
    memberName = user.username;
    guest = new Browser(app);
    member = new Browser(app);
    await signIn(member, t.db, user);
    await makeWork(t.db, user, { title: 'Tidewater Almanac', fandoms: ['Harbour Lights'] });
    await makeWork(t.db, user, { title: 'Second Tide', fandoms: ['Harbour Lights'] });
    await makeWork(t.db, user, { title: 'Lamplighter Notes', fandoms: ['Quiet Fields'] });
    await makeWork(t.db, user, { title: 'Members Only Tide', fandoms: ['Quiet Fields'], isRestricted: true });
    await makeWork(t.db, user, { title: 'Unfinished Draft Tide', fandoms: ['Quiet Fields'], post: false });
    await createCanonicalTag(t.db, COMMAND_LINE, 'Radio Dramas', 'media');
    for (const fandom of ['Harbour Lights', 'Quiet Fields']) {
      await makeCanonical(t.db, COMMAND_LINE, (await tagNamed(t.db, fandom)).id);
      await attachParent(
        t.db,
        COMMAND_LINE,
        (await tagNamed(t.db, fandom)).id,
        (await tagNamed(t.db, 'Radio Dramas')).id,
      );
    }
  });

  it('shows a guest the description, a search box, fandoms by medium with guest counts and recent works', async () => {
    const html = mainOf(await guest.page('/'));
    expect(html).toContain('<h1>Quire</h1>');
    expect(html).toContain('An archive of fanworks');
    expect(html).toMatch(/<form method="get" action="\/works\/search" role="search"[^>]*>/);
    expect(html).toContain('<h3>Radio Dramas</h3>');
    // Most works first; the restricted work and the draft are not counted for anyone.
    expect(html).toMatch(/Harbour Lights<\/a> \(2\)[\s\S]*Quiet Fields<\/a> \(1\)/);
    expect(html).toContain('Tidewater Almanac');
    expect(html).toContain('Lamplighter Notes');
    expect(html).not.toContain('Members Only Tide');
    expect(html).not.toContain('Unfinished Draft Tide');
    expect(html).not.toContain('Your shortcuts');
    expect(html).toContain('href="/signup"');
  });

  it('shows a member the works they may list and their shortcuts, each of which answers 200', async () => {
    const html = mainOf(await member.page('/'));
    expect(html).toContain('Members Only Tide');
    expect(html).toMatch(/Quiet Fields<\/a> \(1\)/);
    expect(html).not.toContain('Unfinished Draft Tide');
    expect(html).toContain('Your shortcuts');
    const shortcuts = html.slice(html.indexOf('Your shortcuts'), html.indexOf('fandoms-heading'));
    expect(shortcuts).toContain(`href="/users/${memberName}/inbox"`);
    expect(shortcuts).toContain('href="/works/new"');
    for (const href of linksOf(shortcuts)) await member.page(href);
  });

  it('gives every page a header search box, and a member a menu whose links all answer 200', async () => {
    const html = await member.page('/works');
    const chrome = chromeOf(html);
    expect(chrome).toMatch(/<form method="get" action="\/works\/search" role="search"/);
    expect(chrome).toContain('<details class="member-menu"><summary>' + memberName + '</summary>');
    for (const label of [
      'Dashboard',
      'My works',
      'Drafts',
      'Series',
      'Inbox',
      'Preferences',
      'Saved filters',
      'Blocklist',
      'Post new work',
      'Import a work',
    ]) {
      expect(chrome).toContain(`>${label}</a>`);
    }
    expect(chrome).toContain('action="/logout"');
    const links = linksOf(chrome);
    expect(links).toEqual(
      expect.arrayContaining([
        '/about',
        '/tos',
        '/privacy',
        '/help',
        '/opds',
        '/api/v1/docs',
        '/saved-filters',
        '/blocklist',
      ]),
    );
    for (const href of links) await member.page(href);
  });

  it('gives a guest a header and footer whose links all answer 200, and no member menu', async () => {
    const chrome = chromeOf(await guest.page('/'));
    expect(chrome).not.toContain('member-menu');
    expect(chrome).toContain('href="/login"');
    for (const href of linksOf(chrome)) await guest.page(href);
  });

  it('serves About, Terms, Privacy and Help with default texts', async () => {
    expect(mainOf(await guest.page('/about'))).toContain('<h1>About</h1>');
    expect(mainOf(await guest.page('/tos'))).toContain('<h1>Terms of Service</h1>');
    expect(mainOf(await guest.page('/privacy'))).toContain('It sets a cookie');
    expect(mainOf(await guest.page('/help'))).toContain('href="/works/search"');
  });

  it("serves the admin's own pages from the data folder, sanitized", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-info-'));
    fs.writeFileSync(path.join(dataDir, 'about.html'), '<p>Run by the Lantern Club.</p><script>alert(1)</script>');
    fs.writeFileSync(path.join(dataDir, 'description.html'), '<p>Stories about lighthouses.</p>');
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir, QUIRE_ARCHIVE_NAME: 'Beacon' });
    const browser = new Browser(createApp({ db: t.db, config }));
    const about = mainOf(await browser.page('/about'));
    expect(about).toContain('Run by the Lantern Club.');
    expect(about).not.toContain('<script');
    const home = mainOf(await browser.page('/'));
    expect(home).toContain('<h1>Beacon</h1>');
    expect(home).toContain('Stories about lighthouses.');
    expect(home).not.toContain('An archive of fanworks');
    fs.rmSync(dataDir, { recursive: true });
  });

  it('serves a favicon, linked from every page', async () => {
    const html = await guest.page('/works');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    const svg = await guest.get('/favicon.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    for (const iconPath of ['/favicon.png', '/favicon.ico']) {
      const png = await guest.get(iconPath);
      expect(png.status).toBe(200);
      const bytes = new Uint8Array(await png.arrayBuffer());
      expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    }
  });
});
