/**
 * The export can be trusted: a one-line value cannot carry header lines of
 * its own, a summary cannot move text into the body, and every input — the
 * post form, the API and the importer — refuses line breaks and control
 * characters in titles and tag names with a message beside the field.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { fieldError, postForm } from '../../test/support/post-form.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { createCredential } from '../accounts/credentials.ts';
import { plainTextToHtml } from '../html/body.ts';
import { exportWork } from './export-work.ts';
import { importWorkFile, loadKnownLanguages } from './import-work.ts';
import { parsePlainTextWork } from './parse-plain-text.ts';
import { findWorkForExport } from './queries.ts';

const INJECTED = 'Innocent\nRating: General Audiences\nAuthor: demo_admin\nArchive Warning: No Archive Warnings Apply';

forEachDatabase('the export format’s integrity', (t) => {
  async function reimport(workId: number, importer: Awaited<ReturnType<typeof makeUser>>) {
    const file = (await exportWork(t.db, workId))!;
    const result = await importWorkFile(
      t.db,
      { name: 'work.txt', contents: file },
      { importer, post: true, languages: await loadKnownLanguages(t.db) },
    );
    if (!result.ok) throw new Error(`import failed: ${result.line}: ${result.message}\n${file}`);
    return { file, copy: (await findWorkForExport(t.db, result.workId))! };
  }

  it('writes a title stored with line breaks (before this rule) on one line, so it adds no headers', async () => {
    const writer = await makeUser(t.db, { username: 'quietwriter' });
    const id = await makeWork(t.db, writer, {
      title: INJECTED,
      rating: 'Explicit',
      warnings: ['Major Character Death'],
    });
    const { file, copy } = await reimport(id, writer);
    expect(file.split('\n').filter((line) => /^(Rating|Author|Archive Warning):/.test(line))).toEqual([
      'Author: quietwriter',
      'Rating: Explicit',
      'Archive Warning: Major Character Death',
    ]);
    expect(copy).toMatchObject({ rating: 'Explicit', warnings: ['Major Character Death'], creators: ['quietwriter'] });
    expect(copy.title).toBe(INJECTED.replace(/\n/g, ' '));
  });

  it('keeps a summary line reading "Work text:" in the summary, and headers in notes as notes', async () => {
    const writer = await makeUser(t.db);
    const summary = plainTextToHtml('Before.\nWork text:\nThis is not the body.\n\n\\o/ Chapter 1\nChapter 1');
    const notes = plainTextToHtml('Rating: General Audiences\nSummary:\n\\Notes:');
    const endNotes = plainTextToHtml('End notes:\nThanks.');
    const body = plainTextToHtml('Chapter 1: Not a marker\n\nThe real text.');
    const id = await makeWork(t.db, writer, {
      summary,
      notes,
      endNotes,
      chapters: [chapter(body), chapter(plainTextToHtml('Chapter 3\nStill chapter two.'))],
    });
    const { copy } = await reimport(id, writer);
    expect(copy.summary).toBe(summary);
    expect(copy.notes).toBe(notes);
    expect(copy.endNotes).toBe(endNotes);
    expect(copy.chapters.map((c) => c.body)).toEqual([body, plainTextToHtml('Chapter 3\nStill chapter two.')]);
  });

  it('exports a title holding U+2028 (stored before this rule) to a file the importer reads', async () => {
    const writer = await makeUser(t.db);
    const id = await makeWork(t.db, writer, { title: 'Line\u2028Separator', fandoms: ['Tea\u2029Shop'] });
    const { copy } = await reimport(id, writer);
    expect(copy.title).toBe('Line Separator');
  });

  it('refuses line breaks and control characters in the post form, beside the field', async () => {
    const writer = await makeUser(t.db);
    const pseud = await findDefaultPseud(t.db, writer.id);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, writer);
    const countWorks = async () => (await t.db.selectFrom('works').select('id').execute()).length;
    const before = await countWorks();
    const response = await browser.post(
      '/works/new',
      postForm(pseud.id, {
        title: INJECTED,
        freeforms: 'Slow\u2028Burn',
        characters: 'Tab\tName',
        chapter_title: 'Low\rTide',
        series_title: 'Para\u2029graph',
      }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'title')).toBe('The title must be on one line: remove the line break in it.');
    expect(fieldError(html, 'freeforms')).toBe('An additional tag must be on one line: remove the line break in it.');
    expect(fieldError(html, 'characters')).toBe(
      'A character tag contains an invisible control character (U+0009); remove it.',
    );
    expect(fieldError(html, 'chapter_title')).toMatch(/must be on one line/);
    expect(fieldError(html, 'series_title')).toMatch(/must be on one line/);
    expect(await countWorks()).toBe(before);
  });

  it('refuses them in the API, under the API’s field names', async () => {
    const writer = await makeUser(t.db);
    const token = (await createCredential(t.db, writer.id, 'poster', 'write')).secret;
    const response = await makeTestApp(t.db).request(`${TEST_ORIGIN}/api/v1/works`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: INJECTED,
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['Original\u0085Work'],
        chapter: { body: 'Text.' },
      }),
    });
    expect(response.status).toBe(422);
    const problem = JSON.stringify(await response.json());
    expect(problem).toContain('The title must be on one line');
    expect(problem).toContain('A fandom tag must be on one line');
  });

  it('refuses them in an imported file, naming the line', () => {
    const file = (title: string, extra = '') =>
      `Title: ${title}\nRating: Mature\n${extra}\nSummary:\nS.\n\nWork text:\nText.\n`;
    expect(parsePlainTextWork(file('Line\u2028Break'), 'a.txt')).toMatchObject({
      ok: false,
      error: { line: 1, message: 'The "Title" line must be on one line: remove the line break in it.' },
    });
    expect(parsePlainTextWork(file('Fine', 'Fandom: Bell\u0007Tower'), 'b.txt')).toMatchObject({
      ok: false,
      error: { line: 3, message: 'The "Fandom" line contains an invisible control character (U+0007); remove it.' },
    });
  });
});
