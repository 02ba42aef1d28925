import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { backgroundHandlers } from '../background.ts';
import { loadConfig } from '../config.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createApp } from '../server.ts';
import { updateWork } from '../works/save-work.ts';
import { blankWorkInput } from '../works/work-input.ts';
import { ebookConvertPath } from './calibre.ts';
import { DownloadLinks } from './links.tsx';
import { findTagByName } from '../tags/queries.ts';
import { makeCanonical, renameTag } from '../wrangling/status-commands.ts';

const WRANGLER = { userId: null, name: 'test wrangler' };

interface World {
  dataDir: string;
  guest: Browser;
  reader: Browser;
  creator: Browser;
  creatorUser: User;
}

async function makeWorld(db: Db): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-downloads-'));
  const app = createApp({ db, config: loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir }) });
  const creatorUser = await makeUser(db);
  const world = { dataDir, guest: new Browser(app), reader: new Browser(app), creator: new Browser(app), creatorUser };
  await signIn(world.reader, db, await makeUser(db));
  await signIn(world.creator, db, creatorUser);
  return world;
}

const downloads = async (db: Db, workId: number) =>
  (await db.selectFrom('works').select('downloads_count').where('id', '=', workId).executeTakeFirstOrThrow())
    .downloads_count;

const cachedFiles = (world: World, workId: number) => {
  const dir = path.join(world.dataDir, 'cache', 'downloads', String(workId));
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => !name.startsWith('.')) : [];
};

forEachDatabase('downloads', (t) => {
  let world: World;
  const work = (options: Parameters<typeof makeWork>[2] = {}) => makeWork(t.db, world.creatorUser, options);
  beforeAll(async () => {
    world = await makeWorld(t.db);
  });
  afterAll(() => {
    if (world) fs.rmSync(world.dataDir, { recursive: true, force: true });
  });

  it('sends a posted work to a guest as an EPUB attachment named from its title', async () => {
    const id = await work({ title: 'Café at the Harbour Wall', chapters: [chapter('<p>Gulls over the quay.</p>')] });
    const response = await world.guest.get(`/downloads/${id}/anything.epub`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/epub+zip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Cafe_at_the_Harbour_Wall.epub"');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(files.mimetype)).toBe('application/epub+zip');
    expect(strFromU8(files['OEBPS/preface.xhtml'])).toContain(
      `Posted on Quire at <a href="${TEST_ORIGIN}/works/${id}">`,
    );
    expect(strFromU8(files['OEBPS/chapter-001.xhtml'])).toContain('Gulls over the quay.');
  });

  it('sends HTML, TXT and PDF with their MIME types and the preface', async () => {
    const id = await work({ title: 'Tide Tables' });
    const html = await world.guest.get(`/downloads/${id}/Tide_Tables.html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<h1>Tide Tables</h1>');
    const txt = await world.guest.get(`/downloads/${id}/Tide_Tables.txt`);
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await txt.text()).toMatch(
      new RegExp(`^Posted on Quire at ${TEST_ORIGIN}/works/${id}\\n\\nTitle: Tide Tables\\n`),
    );
    const pdf = await world.guest.get(`/downloads/${id}/Tide_Tables.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="Tide_Tables.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('sends guests to log in for a restricted work, and logged-in readers get it', async () => {
    const id = await work({ title: 'Members Only Lighthouse', isRestricted: true });
    const address = `/downloads/${id}/Members_Only_Lighthouse.epub`;
    const browser = await world.guest.request(address, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe(`/login?return_to=${encodeURIComponent(address)}`);
    // An e-reader app asks for the file itself: it is told to authenticate instead of sent to a form.
    const app = await world.guest.request(address, { headers: { accept: 'application/epub+zip' } });
    expect(app.status).toBe(401);
    expect(app.headers.get('www-authenticate')).toBe('Basic realm="Quire", charset="UTF-8"');
    expect(await downloads(t.db, id)).toBe(0);
    expect(cachedFiles(world, id)).toEqual([]);
    const reader = await world.reader.get(address);
    expect(reader.status).toBe(200);
    expect(await downloads(t.db, id)).toBe(1);
  });

  it('refuses drafts to everyone, their creator included, and hidden works to readers', async () => {
    const draft = await work({ title: 'Unfinished Draft', post: false });
    for (const browser of [world.guest, world.reader, world.creator]) {
      const response = await browser.get(`/downloads/${draft}/Unfinished_Draft.epub`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('There is no download at this address.');
    }
    const hidden = await work({ title: 'Hidden By Moderators' });
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', hidden).execute();
    expect((await world.guest.get(`/downloads/${hidden}/x.epub`)).status).toBe(404);
    expect((await world.reader.get(`/downloads/${hidden}/x.pdf`)).status).toBe(404);
    expect(await downloads(t.db, hidden)).toBe(0);
    expect(cachedFiles(world, draft)).toEqual([]);
    expect(cachedFiles(world, hidden)).toEqual([]);
  });

  it('answers 404 for an unknown work or format', async () => {
    const id = await work({ title: 'Formats' });
    expect((await world.guest.get(`/downloads/999999/Formats.epub`)).status).toBe(404);
    expect((await world.guest.get(`/downloads/${id}/Formats.exe`)).status).toBe(404);
    expect((await world.guest.get(`/downloads/${id}/Formats`)).status).toBe(404);
    if (!ebookConvertPath()) expect((await world.guest.get(`/downloads/${id}/Formats.mobi`)).status).toBe(404);
  });

  it("counts readers' downloads in the work's stats, not its creator's", async () => {
    const id = await work({ title: 'Counted' });
    await world.guest.get(`/downloads/${id}/Counted.epub`);
    await world.reader.get(`/downloads/${id}/Counted.pdf`);
    await world.guest.get(`/downloads/${id}/Counted.epub`);
    expect(await downloads(t.db, id)).toBe(3);
    expect((await world.creator.get(`/downloads/${id}/Counted.epub`)).status).toBe(200);
    expect(await downloads(t.db, id)).toBe(3);
  });

  it('builds a file once per version of the work and again after an edit', async () => {
    const id = await work({ title: 'Cached Harbour' });
    const first = await (await world.guest.get(`/downloads/${id}/Cached_Harbour.html`)).text();
    const [file] = cachedFiles(world, id);
    expect(cachedFiles(world, id)).toHaveLength(1);
    const cachedPath = path.join(world.dataDir, 'cache', 'downloads', String(id), file);
    // Marks the cached file: if the second download rebuilt it, the mark would be gone.
    fs.appendFileSync(cachedPath, '<!-- served from the cache -->');
    const second = await (await world.guest.get(`/downloads/${id}/Cached_Harbour.html`)).text();
    expect(second).toBe(`${first}<!-- served from the cache -->`);

    const pseud = await findDefaultPseud(t.db, world.creatorUser.id);
    const input = blankWorkInput({
      title: 'Renamed Harbour',
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      fandoms: ['Original Work'],
      creatorPseudIds: [pseud.id],
    });
    await updateWork(t.db, id, input, world.creatorUser.id);
    const edited = await world.guest.get(`/downloads/${id}/Cached_Harbour.html`);
    expect(edited.headers.get('content-disposition')).toBe('attachment; filename="Renamed_Harbour.html"');
    const text = await edited.text();
    expect(text).toContain('<h1>Renamed Harbour</h1>');
    expect(text).not.toContain('served from the cache');
    expect(fs.existsSync(cachedPath)).toBe(false);
    expect(cachedFiles(world, id)).toHaveLength(1);
  });

  it('builds the file again after a tag on the work is renamed', async () => {
    const id = await work({ title: 'Lighthouse Keeping', freeforms: ['lamp oil'] });
    const before = await (await world.guest.get(`/downloads/${id}/Lighthouse_Keeping.html`)).text();
    expect(before).toContain('lamp oil');
    const tag = await findTagByName(t.db, 'lamp oil');
    await makeCanonical(t.db, WRANGLER, tag!.id);
    await renameTag(t.db, WRANGLER, tag!.id, 'Lamp Oil Shortages');
    const after = await (await world.guest.get(`/downloads/${id}/Lighthouse_Keeping.html`)).text();
    expect(after).toContain('Lamp Oil Shortages');
    expect(cachedFiles(world, id)).toHaveLength(1);
  });

  it('removes a deleted work’s cached files', async () => {
    const id = await work({ title: 'Driftwood' });
    expect((await world.guest.get(`/downloads/${id}/Driftwood.html`)).status).toBe(200);
    expect(cachedFiles(world, id)).toHaveLength(1);
    const deleted = await world.creator.post(`/works/${id}/delete`);
    expect(deleted.status).toBe(303);
    // The work.deleted event tells the cache, after the deletion commits.
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: world.dataDir });
    await runPendingJobs(t.db, backgroundHandlers({ config, mailer: createMailer(config, () => {}) }));
    expect(fs.existsSync(path.join(world.dataDir, 'cache', 'downloads', String(id)))).toBe(false);
  });

  it('offers a link for each format this server makes', async () => {
    const html = (<DownloadLinks work={{ id: 12, title: 'Маяк' }} />).toString();
    expect(html).toContain('<summary>Download</summary>');
    for (const format of ['epub', 'pdf', 'html', 'txt']) expect(html).toContain(`href="/downloads/12/Mayak.${format}"`);
    expect(html.includes('/downloads/12/Mayak.mobi')).toBe(ebookConvertPath() !== null);
  });

  if (ebookConvertPath()) {
    it('converts the EPUB to MOBI and AZW3 with Calibre', async () => {
      const id = await work({ title: 'Kindle Harbour' });
      const mobi = await world.guest.get(`/downloads/${id}/Kindle_Harbour.mobi`);
      expect(mobi.status).toBe(200);
      expect(mobi.headers.get('content-type')).toBe('application/x-mobipocket-ebook');
      expect(
        Buffer.from(await mobi.arrayBuffer())
          .subarray(60, 68)
          .toString('latin1'),
      ).toBe('BOOKMOBI');
      const azw3 = await world.guest.get(`/downloads/${id}/Kindle_Harbour.azw3`);
      expect(azw3.status).toBe(200);
      expect(
        cachedFiles(world, id)
          .map((name) => path.extname(name))
          .sort(),
      ).toEqual(['.azw3', '.epub', '.mobi']);
    }, 120_000);
  } else {
    console.log('\n  Calibre (ebook-convert) is not installed: MOBI/AZW3 download test skipped.\n');
  }
});
