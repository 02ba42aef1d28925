/**
 * Importing many files a batch per transaction (importWorkFiles →
 * createWorks): the works come out as createWork makes them one by one,
 * and a bad file in the middle of a batch — one that does not parse, or
 * one that parses but cannot be saved — writes nothing of itself and costs
 * the good files nothing.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser } from '../../test/support/factories.ts';
import { rowCounts } from '../../test/support/row-counts.ts';
import {
  describeResult,
  importWorkFile,
  importWorkFiles,
  loadKnownLanguages,
  type FileImportResult,
  type WorkFile,
} from './import-work.ts';
import { findWorkForExport } from './queries.ts';

function workFile(
  name: string,
  title: string,
  extra: string[] = [],
  text = 'The tide came in twice that day.',
): WorkFile {
  return {
    name,
    contents: [
      `Title: ${title}`,
      'Work ID: 501',
      'Author: Someone Elsewhere',
      'Rating: General Audiences',
      'Archive Warning: No Archive Warnings Apply',
      'Category: Gen',
      'Fandom: Tide Tables',
      'Relationship: Ada/Brin',
      'Character: Ada, Brin',
      'Additional Tags: Boats, Boats',
      'Series: Part 1 of Harbour Lists',
      ...extra,
      '',
      'Summary:',
      `A summary of ${title}.`,
      '',
      'End notes:',
      'Thanks for reading.',
      '',
      'Work text:',
      '',
      'Chapter 1: Morning',
      '',
      text,
      '',
      'Chapter 2',
      '',
      'The boats came back at dusk.',
      '',
    ].join('\n'),
  };
}

forEachDatabase('importing a batch of files', (t) => {
  async function importAll(files: WorkFile[], languages?: Array<{ code: string; name: string }>) {
    const user = await makeUser(t.db);
    const results: FileImportResult[] = [];
    await importWorkFiles(
      t.db,
      files,
      { importer: user, post: true, languages: languages ?? (await loadKnownLanguages(t.db)) },
      (result) => results.push(result),
    );
    return { user, results };
  }

  it('writes the same work createWork writes one by one', async () => {
    const user = await makeUser(t.db);
    const languages = await loadKnownLanguages(t.db);
    const file = workFile('one.txt', 'The Tide Clock', ['Language: Deutsch', 'Chapters: 2/3']);
    const single = await importWorkFile(t.db, file, { importer: user, post: true, languages });
    const batch: FileImportResult[] = [];
    await importWorkFiles(t.db, [file, workFile('two.txt', 'Second')], { importer: user, post: true, languages }, (r) =>
      batch.push(r),
    );
    if (!single.ok || !batch[0].ok) throw new Error('import failed');
    const [a, b] = await Promise.all([single.workId, batch[0].workId].map((id) => findWorkForExport(t.db, id)));
    expect({ ...b, id: 0 }).toEqual({ ...a, id: 0 });
    // The figures, dates and flags refreshWorkStats leaves, the filter tags, the search row, the outbox event.
    const workRow = (id: number) =>
      t.db
        .selectFrom('works')
        .select([
          'status',
          'posted_chapters',
          'word_count',
          'is_complete',
          'published_on',
          'updated_on',
          'completed_on',
          'expected_chapters',
          'imported_by_id',
          'source_ref',
          'language_id',
        ])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await workRow(batch[0].workId)).toEqual(await workRow(single.workId));
    const filterTags = (id: number) =>
      t.db
        .selectFrom('filter_taggings')
        .select(['tag_id', 'is_inherited'])
        .where('work_id', '=', id)
        .orderBy('tag_id')
        .execute();
    expect(await filterTags(batch[0].workId)).toEqual(await filterTags(single.workId));
    expect((await filterTags(batch[0].workId)).length).toBeGreaterThan(0);
    const searchRow = (id: number) =>
      t.db
        .selectFrom('work_search')
        .select(['title_sort', 'creator_sort', 'tag_count'])
        .where('work_id', '=', id)
        .executeTakeFirst();
    expect(await searchRow(batch[0].workId)).toEqual(await searchRow(single.workId));
    expect(await searchRow(batch[0].workId)).toBeDefined();
    const events = await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'event:work.posted').execute();
    expect(events.map((e) => JSON.parse(e.payload).workId).sort()).toEqual(
      [single.workId, batch[0].workId, (batch[1] as { workId: number }).workId].sort(),
    );
    // Both files of the batch and the single one named one series: they share it.
    const series = await t.db.selectFrom('series').select('title').execute();
    expect(series.map((s) => s.title)).toEqual(['Harbour Lists']);
  });

  it('imports the good files around a bad one and writes nothing of the bad one', async () => {
    const before = await rowCounts(t.db);
    const files = [
      workFile('first.txt', 'First Light'),
      { name: 'broken.txt', contents: 'Title: Half a File\nRating: General Audiences\n\nSummary:\nCut short' },
      workFile('second.txt', 'Second Light'),
      // Parses (the importer was told of a language this archive no longer has) but cannot be saved:
      // the batch's transaction fails, and the batch is written again one work at a time.
      workFile('unsaveable.txt', 'Lost Light', ['Language: Lost Tongue', 'Additional Tags: Only In The Bad File']),
      workFile('third.txt', 'Third Light'),
    ];
    const languages = [...(await loadKnownLanguages(t.db)), { code: 'xx-lost', name: 'Lost Tongue' }];
    const { results } = await importAll(files, languages);
    expect(results.map((r) => [r.fileName, r.ok])).toEqual([
      ['first.txt', true],
      ['broken.txt', false],
      ['second.txt', true],
      ['unsaveable.txt', false],
      ['third.txt', true],
    ]);
    expect(describeResult(results[1])).toMatch(/^broken\.txt:\d+: The file ends before its "Work text:" section/);
    expect(describeResult(results[3])).toBe('unsaveable.txt: The work could not be saved: Unknown language "xx-lost".');
    const after = await rowCounts(t.db);
    expect(after.works - before.works).toBe(3);
    expect(after.chapters - before.chapters).toBe(6);
    expect(after.jobs - before.jobs).toBe(3); // one work.posted event each
    const titles = await t.db
      .selectFrom('works')
      .select('title')
      .where('title', 'like', '% Light')
      .orderBy('id')
      .execute();
    expect(titles.map((w) => w.title)).toEqual(['First Light', 'Second Light', 'Third Light']);
    expect(
      await t.db.selectFrom('tags').select('id').where('name', '=', 'Only In The Bad File').executeTakeFirst(),
    ).toBeUndefined();
    // Written one by one after the batch failed, the good works still share the series the first one started.
    expect(after.series - before.series).toBe(1);
    expect(after.series_works - before.series_works).toBe(3);
  });
});
