/**
 * Writes a member's data export: one zip with each of their works (drafts
 * and co-created works included) as the EPUB download builds it and in the
 * archive's plain-text export format (`quire import` reads it back), their
 * bookmarks, comments, kudos, reading history, subscriptions and
 * preferences as JSON, and their pseud icons. The zip is streamed to the
 * file an entry at a time (fflate's `Zip`), so a member with many works
 * never holds them all in memory; EPUBs, zips already, are stored as they
 * are. Entries carry one fixed date and the JSON no time of export, so the
 * same data always gives the same bytes (the page's and the CLI's zips match).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Db } from '../db/database.ts';
import { buildOffThread, DownloadBuildError, type BuildLimits } from '../downloads/build-off-thread.ts';
import { downloadFileName } from '../downloads/file-names.ts';
import { loadDownloadableWork, type ArchiveFacts } from '../downloads/queries.ts';
import { exportWork } from '../transfer/export-work.ts';
import { findWorkAccess, readableChapters } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import {
  exportBookmarks,
  exportComments,
  exportKudos,
  exportPreferences,
  exportReadings,
  exportSubscriptions,
  findOwnWorkIds,
} from './account-data-queries.ts';
import { readIconFile } from '../users/pseud-icons.ts';
import { listPseudIconFiles } from './pseud-icons.ts';

export interface ExportSettings extends ArchiveFacts {
  dataDir: string;
  /** Each EPUB is built in a worker within these, as a download is. */
  downloadBuild: BuildLimits;
}

export interface ExportSummary {
  works: number;
  drafts: number;
  bookmarks: number;
  comments: number;
  kudos: number;
  readings: number;
  subscriptions: number;
  icons: number;
  /** Works whose EPUB could not be built (too large for the limits): their text file is there all the same. */
  epubsMissing: Array<{ id: number; title: string; reason: string }>;
  bytes: number;
}

export type ExportProgress = (done: number, total: number, title: string) => void;

/** One fixed date for every entry (zip dates start in 1980): see the module comment. */
const ENTRY_DATE = new Date('2000-01-01T00:00:00Z');

/** The README at the top of the zip: what each file is. */
function readme(archiveName: string, username: string, summary: ExportSummary): string {
  return [
    `Your data from ${archiveName}, for the account ${username}.`,
    '',
    'works/        each of your works (drafts and works you made with others too):',
    "              NAME.epub for e-readers, NAME.txt in the archive's plain-text export format",
    '              (another Quire archive imports it with "quire import").',
    'works.json    the list of those works, with their state and file names.',
    'bookmarks.json       your bookmarks (private ones too) with notes, tags and lists, and your lists.',
    'comments.json        the comments you left.',
    'kudos.json           the works you left kudos on.',
    'readings.json        your reading history, marked for later and reading statuses.',
    'subscriptions.json   what you subscribed to, and how often you are mailed.',
    'preferences.json     your account, pseuds, preferences and saved filters.',
    "pseud-icons/         your pseuds' icons.",
    '',
    'A work, series or creator you may no longer see is listed by its id, with no title.',
    ...(summary.epubsMissing.length
      ? ['', 'These works were too large to make into an EPUB here; their .txt file holds the whole text:']
      : []),
    ...summary.epubsMissing.map((w) => `  ${w.title} (work ${w.id}): ${w.reason}`),
    '',
  ].join('\n');
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/** A zip written to a file handle as it grows. */
class ZipFile {
  private readonly zip: Zip;
  private chunks: Uint8Array[] = [];
  private error: Error | null = null;
  bytes = 0;
  private finished = false;

  constructor(private readonly handle: fs.FileHandle) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.error = error;
      else this.chunks.push(chunk);
      if (final) this.finished = true;
    });
  }

  /** Adds one entry and writes out what the zip made of it. */
  async add(name: string, data: Uint8Array, { store = false } = {}): Promise<void> {
    const entry = store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    entry.mtime = ENTRY_DATE;
    this.zip.add(entry);
    entry.push(data, true);
    await this.flush();
  }

  async end(): Promise<void> {
    this.zip.end();
    await this.flush();
    if (!this.finished) throw new Error('the zip did not finish');
  }

  private async flush(): Promise<void> {
    if (this.error) throw this.error;
    const chunks = this.chunks;
    this.chunks = [];
    for (const chunk of chunks) {
      await this.handle.write(chunk);
      this.bytes += chunk.length;
    }
  }
}

/**
 * Writes the owner's export to `file` (replaced if it exists) and says what it holds. `onProgress` hears
 * of each work as it is added: the works are what take the time.
 */
export async function writeAccountExport(
  db: Db,
  owner: Viewer,
  settings: ExportSettings,
  file: string,
  onProgress: ExportProgress = () => {},
): Promise<ExportSummary> {
  const summary: ExportSummary = {
    works: 0,
    drafts: 0,
    bookmarks: 0,
    comments: 0,
    kudos: 0,
    readings: 0,
    subscriptions: 0,
    icons: 0,
    epubsMissing: [],
    bytes: 0,
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'w');
  try {
    const zip = new ZipFile(handle);
    const manifest = await addWorks(db, owner, settings, zip, summary, onProgress);
    await zip.add('works.json', json({ works: manifest }));

    const bookmarks = await exportBookmarks(db, owner);
    summary.bookmarks = bookmarks.bookmarks.length;
    await zip.add('bookmarks.json', json(bookmarks));
    const comments = await exportComments(db, owner);
    summary.comments = comments.comments.length + comments.newsComments.length;
    await zip.add('comments.json', json(comments));
    const kudos = await exportKudos(db, owner);
    summary.kudos = kudos.kudos.length;
    await zip.add('kudos.json', json(kudos));
    const readings = await exportReadings(db, owner);
    summary.readings = readings.readings.length;
    await zip.add('readings.json', json(readings));
    const subscriptions = await exportSubscriptions(db, owner);
    summary.subscriptions = subscriptions.subscriptions.length;
    await zip.add('subscriptions.json', json(subscriptions));
    await zip.add('preferences.json', json(await exportPreferences(db, owner)));

    for (const icon of await listPseudIconFiles(db, owner.id)) {
      const bytes = await readIconFile(settings.dataDir, icon.file); // null: the file went missing, left out
      if (!bytes) continue;
      await zip.add(icon.zipPath, bytes, { store: true }); // WebP is compressed already
      summary.icons++;
    }
    await zip.add('README.txt', strToU8(readme(settings.archiveName, owner.username, summary)));
    await zip.end();
    summary.bytes = zip.bytes;
  } finally {
    await handle.close();
  }
  return summary;
}

async function addWorks(
  db: Db,
  owner: Viewer,
  settings: ExportSettings,
  zip: ZipFile,
  summary: ExportSummary,
  onProgress: ExportProgress,
) {
  const ids = await findOwnWorkIds(db, owner);
  const manifest: Array<{ id: number; title: string; status: string; epub: string | null; text: string }> = [];
  for (const [i, id] of ids.entries()) {
    const access = await findWorkAccess(db, id);
    // The owner's draft chapters are theirs to read, so the EPUB has them, as the text export does.
    const work =
      access && (await loadDownloadableWork(db, id, settings, (chapters) => readableChapters(chapters, owner, access)));
    const text = await exportWork(db, id, 'txt');
    if (!access || !work || text === undefined) continue; // deleted between the listing and now
    const base = `works/${id}-${downloadFileName(work.title, id)}`;
    let epub: string | null = `${base}.epub`;
    try {
      await zip.add(epub, await buildOffThread(work, 'epub', settings.downloadBuild), { store: true });
    } catch (error) {
      if (!(error instanceof DownloadBuildError)) throw error;
      summary.epubsMissing.push({ id, title: work.title, reason: error.reason });
      epub = null;
    }
    await zip.add(`${base}.txt`, strToU8(text));
    manifest.push({ id, title: work.title, status: access.status, epub, text: `${base}.txt` });
    summary.works++;
    if (access.status === 'draft') summary.drafts++;
    onProgress(i + 1, ids.length, work.title);
  }
  return manifest;
}
