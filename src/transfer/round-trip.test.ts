/**
 * The round trip the issue asks for: a rich multi-chapter work, exported to
 * the plain-text format and imported again, comes back with the same title,
 * creators, rating, warnings, categories, fandoms, relationships,
 * characters, additional tags, language, status, chapters, summary and notes.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { plainTextToHtml } from '../html/body.ts';
import { exportWork } from './export-work.ts';
import { htmlToPlainText } from './format-plain-text.ts';
import { importWorkFile, loadKnownLanguages } from './import-work.ts';
import { findWorkForExport } from './queries.ts';

forEachDatabase('export then import', (t) => {
  it('gives back the same work', async () => {
    const user = await makeUser(t.db, { username: 'glasswright' });
    const originalId = await makeWork(t.db, user, {
      title: 'The Glass Orchard: Three Seasons & a Storm',
      rating: 'Explicit',
      warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
      categories: ['F/M', 'Gen'],
      fandoms: ['Original Work', 'The Glass Orchard Cycle'],
      relationships: ['Wren/Hollis', 'Wren & Juniper'],
      characters: ['Wren', 'Hollis', 'Juniper Ó Briain'],
      freeforms: ['Alternate Universe - Lighthouses', 'Slow Burn', 'Found Family'],
      languageCode: 'de',
      summary: plainTextToHtml(
        'Wren grows apples made of glass.\n\nHollis wants to buy the whole orchard — "all of it".',
      ),
      notes: plainTextToHtml('For J., who said the orchard should <break>.'),
      expectedChapters: null,
      externalCreators: ['An Old Archive Friend'],
      series: [{ newTitle: 'Orchard Papers' }],
      chapters: [
        chapter(
          plainTextToHtml('The first frost came early.\nWren counted the apples twice.\n\nNone of them had cracked.'),
          {
            title: 'Spring: Blossom',
          },
        ),
        chapter(plainTextToHtml('Hollis arrived with a ledger & a lantern.\n\n"Sell," he said. "Or don\'t."'), {
          title: '',
        }),
        chapter(plainTextToHtml('Juniper swept the shards into a jar and labelled it 3 < 4.'), {
          title: 'Chapter of Storms',
        }),
      ],
    });

    const exported = await exportWork(t.db, originalId);
    expect(exported).toBeDefined();
    expect(exported).toContain('Chapters: 3/?\n');
    expect(exported).toContain('Status: In Progress\n');
    expect(exported).toContain('Chapter 1: Spring: Blossom\n');
    expect(exported).toContain('\nChapter 2\n');

    const result = await importWorkFile(
      t.db,
      { name: 'orchard.txt', contents: new TextEncoder().encode(exported) },
      { importer: user, post: true, languages: await loadKnownLanguages(t.db) },
    );
    if (!result.ok) throw new Error(`import failed: ${result.line}: ${result.message}`);

    const original = await findWorkForExport(t.db, originalId);
    const copy = await findWorkForExport(t.db, result.workId);
    expect(copy).toBeDefined();
    expect(copy?.id).not.toBe(original?.id);
    const compared = (work: typeof original) => {
      const { id: _id, series: _series, ...rest } = work!;
      return rest;
    };
    expect(compared(copy)).toEqual(compared(original));

    // The fields the issue names, spelled out so a failure reads plainly.
    expect(copy).toMatchObject({
      title: 'The Glass Orchard: Three Seasons & a Storm',
      creators: ['glasswright', 'An Old Archive Friend'],
      rating: 'Explicit',
      warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
      categories: ['F/M', 'Gen'],
      fandoms: ['Original Work', 'The Glass Orchard Cycle'],
      relationships: ['Wren/Hollis', 'Wren & Juniper'],
      characters: ['Wren', 'Hollis', 'Juniper Ó Briain'],
      freeforms: ['Alternate Universe - Lighthouses', 'Slow Burn', 'Found Family'],
      languageName: 'Deutsch',
      expectedChapters: null,
      status: 'posted',
    });
    expect(copy?.chapters.map((c) => c.title)).toEqual(['Spring: Blossom', '', 'Chapter of Storms']);
    expect(copy?.chapters.map((c) => htmlToPlainText(c.body))).toEqual([
      'The first frost came early.\nWren counted the apples twice.\n\nNone of them had cracked.',
      'Hollis arrived with a ledger & a lantern.\n\n"Sell," he said. "Or don\'t."',
      'Juniper swept the shards into a jar and labelled it 3 < 4.',
    ]);
    expect(htmlToPlainText(copy!.summary)).toBe(
      'Wren grows apples made of glass.\n\nHollis wants to buy the whole orchard — "all of it".',
    );
    expect(htmlToPlainText(copy!.notes)).toBe('For J., who said the orchard should <break>.');
    expect(copy?.series.map((s) => s.title)).toEqual(['Orchard Papers']);

    const row = await t.db
      .selectFrom('works')
      .select(['source_ref', 'is_complete'])
      .where('id', '=', result.workId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source_ref: String(originalId), is_complete: 0 });

    // Exporting the copy writes the same file but for its own Work ID.
    const again = await exportWork(t.db, result.workId);
    expect(again?.replace(/^Work ID: \d+$/m, '')).toBe(exported?.replace(/^Work ID: \d+$/m, ''));
  });

  it('keeps the title of a one-chapter work with a chapter title, and a complete work complete', async () => {
    const user = await makeUser(t.db);
    const id = await makeWork(t.db, user, {
      expectedChapters: 1,
      chapters: [chapter('<p>A <em>short</em> piece.</p><hr /><p>After the break.</p>', { title: 'Coda' })],
    });
    const exported = (await exportWork(t.db, id))!;
    expect(exported).toContain('Status: Completed\nChapters: 1/1\n');
    expect(exported).toContain('Work text:\n\nChapter 1: Coda\n\nA short piece.\n\n* * *\n\nAfter the break.\n');
    const result = await importWorkFile(
      t.db,
      { name: 'coda.txt', contents: exported },
      {
        importer: user,
        post: true,
        languages: await loadKnownLanguages(t.db),
      },
    );
    if (!result.ok) throw new Error(result.message);
    const copy = await findWorkForExport(t.db, result.workId);
    expect(copy).toMatchObject({ expectedChapters: 1, chapters: [{ title: 'Coda' }] });
  });

  it('has no work to export for an unknown id', async () => {
    expect(await exportWork(t.db, 999_999)).toBeUndefined();
  });
});
