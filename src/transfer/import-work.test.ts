/**
 * Importing fixture files into a real database (SQLite, and PostgreSQL when
 * configured): creators, source reference, series, fandom-less works, tags
 * matched across Unicode forms — and bad files that write nothing at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { rowCounts } from '../../test/support/row-counts.ts';
import { findWorkAccess } from '../visibility/index.ts';
import { importWorkFile, loadKnownLanguages, type Importer } from './import-work.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/import');

forEachDatabase('importing work files', (t) => {
  async function importFixture(name: string, importer: Importer, post = true) {
    const languages = await loadKnownLanguages(t.db);
    return importWorkFile(
      t.db,
      { name, contents: fs.readFileSync(path.join(FIXTURES, name)) },
      { importer, post, languages },
    );
  }

  async function importOk(name: string, importer: Importer, post = true): Promise<number> {
    const result = await importFixture(name, importer, post);
    if (!result.ok) throw new Error(`${name}:${result.line}: ${result.message}`);
    return result.workId;
  }

  const workRow = (id: number) => t.db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const creatorRows = (id: number) =>
    t.db
      .selectFrom('creatorships')
      .select(['pseud_id', 'external_name', 'is_accepted'])
      .where('work_id', '=', id)
      .orderBy('position')
      .execute();
  const tagsOn = (id: number, field: string) =>
    t.db
      .selectFrom('taggings')
      .innerJoin('tags', 'tags.id', 'taggings.tag_id')
      .select(['tags.id', 'tags.name'])
      .where('taggings.work_id', '=', id)
      .where('taggings.field', '=', field as never)
      .orderBy('taggings.position')
      .execute();

  it('keeps an Author with no pseud here as an imported creator name the importer may edit, and the Work ID as source', async () => {
    const importer = await makeUser(t.db);
    const id = await importOk('unknown-headers.txt', importer);
    expect(await creatorRows(id)).toEqual([{ pseud_id: null, external_name: 'harbourlight', is_accepted: 1 }]);
    const work = await workRow(id);
    expect(work).toMatchObject({
      title: 'The Salt Road Ferry',
      source_ref: '4021',
      imported_by_id: importer.id,
      status: 'posted',
      rating: 'General Audiences',
      published_on: '2023-03-14',
      posted_chapters: 1,
      expected_chapters: 1,
      is_complete: 1,
    });
    expect((await findWorkAccess(t.db, id))?.creatorUserIds).toEqual([importer.id]);
    expect((await tagsOn(id, 'freeform')).map((tag) => tag.name)).toEqual(['Found Family', 'Weather']);
  });

  it("uses the importer's own pseud when an Author name is one of theirs (other names stay imported names)", async () => {
    const importer = await makeUser(t.db, { username: 'lampwright' });
    const pseud = await t.db
      .selectFrom('pseuds')
      .select('id')
      .where('user_id', '=', importer.id)
      .executeTakeFirstOrThrow();
    const id = await importOk('plural-headers.txt', importer);
    expect(await creatorRows(id)).toEqual([
      { pseud_id: pseud.id, external_name: null, is_accepted: 1 },
      { pseud_id: null, external_name: 'Someone From Elsewhere', is_accepted: 1 },
    ]);
    expect((await tagsOn(id, 'category')).map((tag) => tag.name)).toEqual(['F/F', 'Gen']);
    expect((await tagsOn(id, 'fandom')).map((tag) => tag.name)).toEqual(['Original Work', 'Lantern Festival Stories']);
  });

  it('makes the importer the creator of a file with no Author line, and can keep it as a draft', async () => {
    const importer = await makeUser(t.db);
    const pseud = await t.db
      .selectFrom('pseuds')
      .select('id')
      .where('user_id', '=', importer.id)
      .executeTakeFirstOrThrow();
    const id = await importOk('missing-optional.txt', importer, false);
    expect(await creatorRows(id)).toEqual([{ pseud_id: pseud.id, external_name: null, is_accepted: 1 }]);
    expect(await workRow(id)).toMatchObject({ status: 'draft', rating: 'Not Rated', posted_chapters: 0 });
    const chapters = await t.db.selectFrom('chapters').select('is_posted').where('work_id', '=', id).execute();
    expect(chapters).toEqual([{ is_posted: 0 }]);
  });

  it('imports a work with no Fandom line with no fandom at all', async () => {
    const importer = await makeUser(t.db);
    const id = await importOk('no-fandom.txt', importer);
    expect(await tagsOn(id, 'fandom')).toEqual([]);
    expect((await tagsOn(id, 'freeform')).map((tag) => tag.name)).toEqual(['Rain', 'Childhood']);
  });

  it('matches decomposed (NFD) tag names to the tag already here in NFC', async () => {
    const importer = await makeUser(t.db);
    const existing = await makeWork(t.db, importer, { characters: ['Amélie the Baker'] });
    const [tag] = await tagsOn(existing, 'character');
    const id = await importOk('nfd.txt', importer);
    expect(await tagsOn(id, 'character')).toEqual([{ id: tag.id, name: 'Amélie the Baker' }]);
    expect((await workRow(id)).title).toBe('The Café at the End of the Pier');
    const language = await t.db
      .selectFrom('languages')
      .select('code')
      .where('id', '=', (await workRow(id)).language_id)
      .executeTakeFirstOrThrow();
    expect(language.code).toBe('fr');
  });

  it("adds a Series line's work to the importer's series of that title, or starts one", async () => {
    const importer = await makeUser(t.db);
    const first = await importOk('multi-chapter.txt', importer);
    const second = await importOk('multi-chapter.txt', importer);
    const entries = await t.db
      .selectFrom('series_works')
      .innerJoin('series', 'series.id', 'series_works.series_id')
      .select(['series.id', 'series.title', 'series.owner_id', 'series_works.work_id', 'series_works.position'])
      .where('series_works.work_id', 'in', [first, second])
      .orderBy('series_works.work_id')
      .execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      title: 'The Compass Stories',
      owner_id: importer.id,
      work_id: first,
      position: 2,
    });
    expect(entries[1].id).toBe(entries[0].id);
    const chapters = await t.db
      .selectFrom('chapters')
      .select(['position', 'title'])
      .where('work_id', '=', first)
      .orderBy('position')
      .execute();
    expect(chapters).toEqual([
      { position: 1, title: 'First Winter' },
      { position: 2, title: 'Second Winter' },
      { position: 3, title: '' },
    ]);
    expect(await workRow(first)).toMatchObject({
      expected_chapters: null,
      posted_chapters: 3,
      is_complete: 0,
      rating: 'Mature',
    });
  });

  for (const name of [
    'empty.txt',
    'binary.txt',
    'invalid-utf8.txt',
    'truncated.txt',
    'truncated-text.txt',
    'headerless.txt',
    'chapter-without-text.txt',
  ]) {
    it(`refuses ${name} with the line and a reason, and writes nothing`, async () => {
      const importer = await makeUser(t.db);
      const before = await rowCounts(t.db);
      const result = await importFixture(name, importer);
      expect(result).toMatchObject({
        ok: false,
        fileName: name,
        line: expect.any(Number),
        message: expect.any(String),
      });
      expect(result.ok ? '' : result.message.length).toBeGreaterThan(10);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  }
});
