/**
 * QUIRE_REMOTE_IMAGES on what readers get: in click mode (the default) no
 * page, preview or feed carries an <img> from another host, only a link to
 * it; in show mode they carry the image as stored. The stored HTML is the
 * same in both. Downloads never fetch or embed an image in either mode.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../server.ts';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { postForm } from '../../test/support/post-form.ts';

const REMOTE = 'https://images.example.com/harbour.png';
const IMAGE = `<img src="${REMOTE}" alt="the harbour" />`;
const LINK = `<a class="remote-image" href="${REMOTE}" data-alt="the harbour" rel="nofollow noopener noreferrer">Show image from images.example.com: the harbour</a>`;

forEachDatabase('images from other hosts', (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-remote-images-'));
  let writer: User;
  let workId: number;
  let chapterWorkId: number;
  const browsers: Record<'click' | 'show', Browser> = {} as never;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    workId = await makeWork(t.db, writer, {
      title: 'Harbour Sketches',
      summary: `<p>A summary with a picture ${IMAGE}</p>`,
      notes: `<p>Notes ${IMAGE}</p>`,
      chapters: [chapter(`<p>The boats came in. ${IMAGE}</p>`)],
    });
    chapterWorkId = await makeWork(t.db, writer, {
      title: 'Harbour Chapters',
      expectedChapters: 2,
      chapters: [chapter('<p>First.</p>'), chapter(`<p>Second. ${IMAGE}</p>`)],
    });
    for (const mode of ['click', 'show'] as const) {
      const env = { QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir, QUIRE_REMOTE_IMAGES: mode };
      browsers[mode] = new Browser(createApp({ db: t.db, config: loadConfig(env) }));
      await signIn(browsers[mode], t.db, writer);
    }
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is click unless set, and refuses other values', () => {
    expect(loadConfig({}).remoteImages).toBe('click');
    expect(() => loadConfig({ QUIRE_REMOTE_IMAGES: 'hide' })).toThrow(/click or show/);
  });

  it('click: the work page shows links, no image, in the body, summary and notes; the stored HTML is unchanged', async () => {
    const html = await browsers.click.page(`/works/${workId}`);
    expect(html).not.toContain('<img');
    expect(html.split(LINK).length - 1).toBe(3);
    // The script that shows a clicked image in place comes with the page, and is served.
    expect(html).toContain('<script src="/assets/remote-images.js" defer></script></head>');
    const script = await browsers.click.get('/assets/remote-images.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('a.remote-image');
    const stored = await t.db.selectFrom('chapters').select('body').where('work_id', '=', workId).executeTakeFirst();
    expect(stored?.body).toContain(IMAGE);
  });

  it('show: the work page shows the images as today', async () => {
    const html = await browsers.show.page(`/works/${workId}`);
    expect(html.split(IMAGE).length - 1).toBe(3);
    expect(html).not.toContain('Show image from');
    expect(html).not.toContain('remote-images.js');
  });

  it('applies on a chapter page and on the post form’s preview', async () => {
    const chapters = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', chapterWorkId)
      .orderBy('position')
      .execute();
    const page = await browsers.click.page(`/works/${chapterWorkId}/chapters/${chapters[1].id}`);
    expect(page).toContain(LINK);
    expect(page).not.toContain('<img');
    expect(await browsers.show.page(`/works/${chapterWorkId}/chapters/${chapters[1].id}`)).toContain(IMAGE);

    const pseudId = (await findDefaultPseud(t.db, writer.id)).id;
    const preview = await browsers.click.post('/works/new', postForm(pseudId, { action: 'preview', body: IMAGE }));
    const previewHtml = await preview.text();
    expect(previewHtml).toContain(LINK);
    expect(previewHtml).not.toContain(`<img src="${REMOTE}"`);
  });

  it('applies in feeds: a user’s works feed carries the link, not the image', async () => {
    const feed = await (await browsers.click.get(`/users/${writer.username}/works.atom`)).text();
    expect(feed).toContain('Show image from images.example.com');
    expect(feed).not.toContain('&lt;img');
    const shown = await (await browsers.show.get(`/users/${writer.username}/works.atom`)).text();
    expect(shown).toContain('&lt;img');
  });

  describe('downloads fetch and embed no image in either mode', () => {
    for (const mode of ['click', 'show'] as const) {
      it(`${mode}: the EPUB and HTML link to the image, and carry no <img>`, async () => {
        const epub = await browsers[mode].get(`/downloads/${workId}/Harbour_Sketches.epub`);
        expect(epub.status).toBe(200);
        const files = unzipSync(new Uint8Array(await epub.arrayBuffer()));
        const xhtml = Object.entries(files)
          .filter(([name]) => name.endsWith('.xhtml'))
          .map(([, data]) => strFromU8(data))
          .join('\n');
        expect(xhtml).toContain(`<a class="image-link" href="${REMOTE}">[Image: the harbour]</a>`);
        expect(xhtml).not.toContain('<img');
        expect(Object.keys(files).some((name) => /\.(png|jpe?g|gif|webp)$/i.test(name))).toBe(false);
        const html = await (await browsers[mode].get(`/downloads/${workId}/Harbour_Sketches.html`)).text();
        expect(html).toContain(`href="${REMOTE}"`);
        expect(html).not.toContain('<img');
      });
    }
  });
});
