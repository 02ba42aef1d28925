/**
 * A reader's download, imported again, gives back the work: title,
 * creators, every tag, language, summary, notes, end notes, chapter titles
 * and text — nothing of the download's preface ("Posted on …", the meta
 * block, the byline) or afterword (the invitation to comment) added to it.
 * For the TXT, HTML and EPUB downloads.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { buildEpub } from '../downloads/build-epub.ts';
import { buildHtml } from '../downloads/build-html.ts';
import { buildTxt } from '../downloads/build-txt.ts';
import { loadDownloadableWork } from '../downloads/queries.ts';
import { plainTextToHtml } from '../html/body.ts';
import { importWorkFile, loadKnownLanguages } from './import-work.ts';
import { findWorkForExport } from './queries.ts';

const ARCHIVE = { baseUrl: 'http://quire.example', archiveName: 'Quire' };

let users = 0;

forEachDatabase('download then import', (t) => {
  async function richWork() {
    const user = await makeUser(t.db, { username: `tidewright${++users}` });
    const id = await makeWork(t.db, user, {
      title: 'Salt & Lanterns: A Harbour Year',
      rating: 'Teen And Up Audiences',
      warnings: ['Graphic Depictions Of Violence'],
      categories: ['F/F', 'Gen'],
      fandoms: ['Original Work', 'Harbour Tales'],
      relationships: ['Maren/Isolde'],
      characters: ['Maren', 'Isolde', 'Old Tobiah'],
      freeforms: ['Lighthouses', 'Slow Burn'],
      languageCode: 'fr',
      summary: plainTextToHtml('Maren keeps the light.\n\nIsolde keeps the books — "both of them".'),
      notes: plainTextToHtml('Written for a friend who likes boats.'),
      endNotes: plainTextToHtml('Thank you for reading.\n\nMore soon, 3 < 4.'),
      expectedChapters: 3,
      externalCreators: ['A Harbour Friend'],
      chapters: [
        chapter(plainTextToHtml('The lamp was lit at dusk.\nMaren wound the clock.\n\nEnd Notes:\n\nNot the end.'), {
          title: 'Dusk',
        }),
        chapter(plainTextToHtml('Isolde counted the ships & wrote them down.'), { title: '' }),
        chapter(
          plainTextToHtml(
            'Tobiah laughed.\n\nPlease drop by the quay and comment to let the creator know if you enjoyed their work: soon',
          ),
          { title: 'Chapter of Fog' },
        ),
      ],
    });
    return { user, id };
  }

  const compared = (work: Awaited<ReturnType<typeof findWorkForExport>>) => {
    const { id: _id, series: _series, ...rest } = work!;
    return rest;
  };

  async function roundTrip(
    name: string,
    build: (
      work: NonNullable<Awaited<ReturnType<typeof loadDownloadableWork>>>,
    ) => string | Uint8Array | Promise<string | Uint8Array>,
  ) {
    const { user, id } = await richWork();
    const download = await loadDownloadableWork(t.db, id, ARCHIVE);
    const contents = await build(download!);
    const result = await importWorkFile(
      t.db,
      { name, contents: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents },
      { importer: user, post: true, languages: await loadKnownLanguages(t.db) },
    );
    if (!result.ok) throw new Error(`import failed: ${result.line}: ${result.message}`);
    const original = await findWorkForExport(t.db, id);
    const copy = await findWorkForExport(t.db, result.workId);
    expect(compared(copy)).toEqual(compared(original));
    // Spelled out, so a failure reads plainly.
    expect(copy).toMatchObject({
      title: 'Salt & Lanterns: A Harbour Year',
      creators: [user.username, 'A Harbour Friend'],
      fandoms: ['Original Work', 'Harbour Tales'],
      characters: ['Maren', 'Isolde', 'Old Tobiah'],
      languageName: 'Français',
      expectedChapters: 3,
      endNotes: plainTextToHtml('Thank you for reading.\n\nMore soon, 3 < 4.'),
    });
    expect(copy!.chapters.map((c) => c.title)).toEqual(['Dusk', '', 'Chapter of Fog']);
    expect(copy!.chapters.at(-1)!.body).not.toContain('Please drop by Quire');
    return copy;
  }

  it('gives back the work from its TXT download', async () => {
    await roundTrip('salt.txt', buildTxt);
  });

  it('gives back the work from its HTML download', async () => {
    await roundTrip('salt.html', buildHtml);
  });

  it('gives back the work from its EPUB download', async () => {
    await roundTrip('salt.epub', buildEpub);
  });
});
