import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { epubcheckCommand, runEpubcheck } from '../downloads/epubcheck.test-helper.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, signIn } from '../../test/support/factories.ts';
import { makeSeries, putInState } from './series.test-helper.ts';

forEachDatabase('the series EPUB', (t) => {
  let writer: User;
  let guest: Browser;
  let member: Browser;
  let writerBrowser: Browser;
  let seriesId: number;
  let workIds: number[];

  beforeAll(async () => {
    writer = await makeUser(t.db);
    guest = new Browser(makeTestApp(t.db));
    member = new Browser(makeTestApp(t.db));
    writerBrowser = new Browser(makeTestApp(t.db));
    await signIn(member, t.db, await makeUser(t.db));
    await signIn(writerBrowser, t.db, writer);
    ({ seriesId, workIds } = await makeSeries(t.db, writer, 'Lantern Road', [
      {
        title: 'The Ferry',
        chapters: [
          chapter('<p>FERRY-ONE the boat left at dawn.</p>', { title: 'Dawn' }),
          chapter('<p>FERRY-TWO the gulls followed.</p>', { title: 'Gulls' }),
          chapter('<p>FERRY-DRAFT not ready yet.</p>', { title: 'Unwritten' }),
        ],
      },
      { title: 'The Locked Quay', chapters: [chapter('<p>QUAY-TEXT behind the gate.</p>')] },
      { title: 'The Unposted Tide', post: false, chapters: [chapter('<p>TIDE-TEXT.</p>')] },
      { title: 'The Hidden Cove', chapters: [chapter('<p>COVE-TEXT.</p>')] },
    ]));
    await t.db
      .updateTable('chapters')
      .set({ is_posted: 0 })
      .where('work_id', '=', workIds[0])
      .where('title', '=', 'Unwritten')
      .execute();
    await putInState(t.db, workIds[1], 'restricted');
    await putInState(t.db, workIds[3], 'hidden');
  });

  async function download(browser: Browser): Promise<{ bytes: Uint8Array; files: Record<string, string> }> {
    const response = await browser.get(`/series/${seriesId}/download.epub`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/epub+zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*Lantern[^"]*\.epub"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
    return { bytes, files };
  }

  const text = (files: Record<string, string>) => Object.values(files).join('\n');

  it('holds one table of contents, each work with its preface then its chapters, in series order', async () => {
    const { files } = await download(member);
    const nav = files['OEBPS/nav.xhtml'];
    const entries = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(entries).toEqual([
      ['series-title.xhtml', 'Lantern Road'],
      ['w001-preface.xhtml', 'The Ferry'],
      ['w001-chapter-001.xhtml', 'Chapter 1: Dawn'],
      ['w001-chapter-002.xhtml', 'Chapter 2: Gulls'],
      ['w001-afterword.xhtml', 'Afterword'],
      ['w002-preface.xhtml', 'The Locked Quay'],
      ['w002-chapter-001.xhtml', 'The Locked Quay'],
      ['w002-afterword.xhtml', 'Afterword'],
    ]);
    expect(nav).toContain('<li><a epub:type="bodymatter" href="w001-preface.xhtml">Start of the series</a></li>');
    const spine = [...files['OEBPS/content.opf'].matchAll(/<itemref idref="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(spine).toEqual([
      'series-title',
      'w001-preface',
      'w001-chapter-001',
      'w001-chapter-002',
      'w001-afterword',
      'w002-preface',
      'w002-chapter-001',
      'w002-afterword',
    ]);
    expect(files['OEBPS/content.opf']).toContain('<dc:title>Lantern Road</dc:title>');
    expect(files['OEBPS/w001-preface.xhtml']).toContain('<h1>The Ferry</h1>');
    const all = text(files);
    expect(all).toContain('FERRY-TWO');
    expect(all).toContain('QUAY-TEXT');
    expect(all).not.toMatch(/FERRY-DRAFT|TIDE-TEXT|COVE-TEXT/);
  });

  it('leaves out what the reader may not read: a guest gets only public works, a creator their draft chapters too', async () => {
    const asGuest = text((await download(guest)).files);
    expect(asGuest).toContain('FERRY-ONE');
    expect(asGuest).not.toMatch(/QUAY-TEXT|FERRY-DRAFT|TIDE-TEXT|COVE-TEXT/);
    // The creator reads their own hidden work and draft chapter; a draft work has no download at all.
    const asWriter = text((await download(writerBrowser)).files);
    expect(asWriter).toMatch(/FERRY-DRAFT[\s\S]*QUAY-TEXT[\s\S]*COVE-TEXT/);
    expect(asWriter).not.toContain('TIDE-TEXT');

    const draftOnly = await makeSeries(t.db, writer, 'Empty Road', [{ title: 'Only Draft', post: false }]);
    expect((await writerBrowser.get(`/series/${draftOnly.seriesId}/download.epub`)).status).toBe(404);
    expect((await guest.get(`/series/${draftOnly.seriesId}/download.epub`)).status).toBe(404);
  });

  if (epubcheckCommand()) {
    it('passes epubcheck with no errors or warnings', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-series-epubcheck-'));
      const file = path.join(dir, 'series.epub');
      try {
        fs.writeFileSync(file, (await download(writerBrowser)).bytes);
        const { clean, report } = await runEpubcheck(file);
        expect(clean, report).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  } else if (process.env.CI) {
    it('has epubcheck installed in CI', () => {
      throw new Error('epubcheck is not installed: CI must run the EPUB validation (apt-get install -y epubcheck).');
    });
  }
});
