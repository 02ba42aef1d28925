/**
 * The import page: only for logged-in people, a multipart upload of one or
 * more files, a result line per file (a link to the new work, or the file,
 * line and problem), the 20-file and 2 MB limits, and the rate limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { rowCounts } from '../../test/support/row-counts.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/import');

function upload(names: string[], postAs?: 'post' | 'draft'): FormData {
  const form = new FormData();
  for (const name of names) {
    form.append('files', new Blob([fs.readFileSync(path.join(FIXTURES, name))], { type: 'text/plain' }), name);
  }
  if (postAs) form.append('post_as', postAs);
  return form;
}

forEachDatabase('the import page', (t) => {
  async function signedInBrowser() {
    const browser = new Browser(makeTestApp(t.db));
    const user = await makeUser(t.db);
    await signIn(browser, t.db, user);
    return { browser, user };
  }

  it('sends guests to log in and back', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.get('/works/import');
    expect(response.status).toBe(303);
    expect(decodeURIComponent(response.headers.get('location') ?? '')).toBe('/login?return_to=/works/import');
    const before = await rowCounts(t.db);
    const posted = await browser.postMultipart('/works/import', upload(['bom.txt']));
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(/^\/login\?return_to=/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('shows a labelled multi-file form with the post-or-draft choice', async () => {
    const { browser } = await signedInBrowser();
    const html = await browser.page('/works/import');
    expect(html).toContain('<h1>Import works</h1>');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<label for="files">Work files \(\.txt\)<\/label>/);
    expect(html).toMatch(/<input id="files" name="files" type="file" multiple="" accept="\.txt,text\/plain"/);
    expect(html).toMatch(/<input id="post_as-0" type="radio" name="post_as" value="post" checked=""/);
    expect(html).toContain('value="draft"');
  });

  it('imports each file and lists a link to each new work or the file, line and problem', async () => {
    const { browser, user } = await signedInBrowser();
    const before = await rowCounts(t.db);
    const response = await browser.postMultipart(
      '/works/import',
      upload(['multi-chapter.txt', 'truncated.txt', 'nfd.txt'], 'draft'),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    const works = await t.db
      .selectFrom('works')
      .select(['id', 'title', 'status', 'imported_by_id'])
      .where('imported_by_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(works.map((w) => [w.title, w.status])).toEqual([
      ["The Cartographer's Three Winters", 'draft'],
      ['The Café at the End of the Pier', 'draft'],
    ]);
    expect(html).toContain('Imported 2 of 3 files as drafts.');
    expect(html).toContain(`<a href="/works/${works[0].id}">The Cartographer&#39;s Three Winters</a>`);
    expect(html).toContain(`<a href="/works/${works[1].id}">The Café at the End of the Pier</a>`);
    expect(html).toContain(
      '<span class="file-name">truncated.txt</span>, line 9: The file ends before its &quot;Work text:&quot; section: it may have been cut short. Nothing from this file was saved.',
    );
    const after = await rowCounts(t.db);
    expect(after.works - before.works).toBe(2);
    expect(after.chapters - before.chapters).toBe(4);
  });

  it('posts at once by default', async () => {
    const { browser } = await signedInBrowser();
    const response = await browser.postMultipart('/works/import', upload(['plural-headers.txt']));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Imported 1 of 1 file.');
    const work = await t.db
      .selectFrom('works')
      .select('status')
      .where('title', '=', 'Two Lanterns')
      .executeTakeFirstOrThrow();
    expect(work.status).toBe('posted');
  });

  it('refuses bad files one by one and writes nothing when none imports', async () => {
    const { browser } = await signedInBrowser();
    const before = await rowCounts(t.db);
    const response = await browser.postMultipart(
      '/works/import',
      upload(['empty.txt', 'binary.txt', 'headerless.txt']),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Imported 0 of 3 files.');
    expect(html).toContain('<span class="file-name">empty.txt</span>, line 1: The file is empty');
    expect(html).toContain('<span class="file-name">binary.txt</span>, line 3: This looks like a binary file');
    expect(html).toContain(
      '<span class="file-name">headerless.txt</span>, line 1: There is no &quot;Title:&quot; line',
    );
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('asks for files when none was chosen, and for at most 20 at a time', async () => {
    const { browser } = await signedInBrowser();
    const none = new FormData();
    none.append('files', new Blob([]), '');
    const empty = await browser.postMultipart('/works/import', none);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Choose one or more .txt files to import.');

    const before = await rowCounts(t.db);
    const many = await browser.postMultipart('/works/import', upload(Array(21).fill('bom.txt')));
    expect(many.status).toBe(422);
    expect(await many.text()).toContain('You chose 21 files; import at most 20 at a time.');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a file over 2 MB with a clear message', async () => {
    const { browser } = await signedInBrowser();
    const header = 'Title: A Very Long Walk\nFandom: Original Work\n\nWork text:\n';
    const form = new FormData();
    form.append('files', new Blob([header, 'step '.repeat(450_000)], { type: 'text/plain' }), 'long-walk.txt');
    const before = await rowCounts(t.db);
    const response = await browser.postMultipart('/works/import', form);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(
      '<span class="file-name">long-walk.txt</span>: The file is 2.1 MB; files of at most 2 MB can be imported.',
    );
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('limits how often one account imports', async () => {
    const { browser } = await signedInBrowser();
    for (let i = 0; i < 20; i += 1) {
      expect((await browser.postMultipart('/works/import', new FormData())).status).toBe(422);
    }
    const refused = await browser.postMultipart('/works/import', upload(['bom.txt']));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain('Too many imports');
  });
});
