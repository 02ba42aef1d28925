/**
 * Saves parsed works: the `Author:` names become creators (the importer's
 * own pseud when the name is one of theirs, else an imported creator name
 * the importer looks after), the Work ID becomes the source reference, and
 * `Series:` titles join the importer's series of that title or start one.
 * Each work is written by createWork in its own transaction; a file that
 * does not parse writes nothing.
 */
import { listPseuds } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createWork } from '../works/save-work.ts';
import { listLanguages } from '../works/queries.ts';
import { blankWorkInput, type SeriesInput } from '../works/work-input.ts';
import type { KnownLanguage } from './header-values.ts';
import { parsePlainTextWork, type ParsedWork } from './parse-plain-text.ts';
import { findOwnedSeriesByTitle } from './queries.ts';

export type Importer = Pick<User, 'id' | 'username'>;

export interface ImportOptions {
  importer: Importer;
  /** Post at once, or keep as drafts only the importer sees. */
  post: boolean;
}

const nameKey = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('und');

/** Splits `Author:` names into the importer's own pseuds and names with no pseud here. */
async function resolveCreators(db: Db, parsed: ParsedWork, importer: Importer) {
  const pseuds = await listPseuds(db, importer.id);
  const byName = new Map(pseuds.map((p) => [nameKey(p.name), p.id]));
  const creatorPseudIds: number[] = [];
  const externalCreators: string[] = [];
  for (const author of parsed.authors) {
    // AO3 writes a pseud that differs from the account name as "pseud (username)".
    const withUser = /^(.+?)\s*\(([^()]+)\)$/.exec(author);
    const ownPseud =
      byName.get(nameKey(author)) ??
      (withUser && nameKey(withUser[2]) === nameKey(importer.username) ? byName.get(nameKey(withUser[1])) : undefined);
    if (ownPseud) {
      if (!creatorPseudIds.includes(ownPseud)) creatorPseudIds.push(ownPseud);
    } else {
      externalCreators.push(author);
    }
  }
  // A file without an `Author:` line is the importer's own work.
  if (!parsed.authors.length) creatorPseudIds.push(pseuds.find((p) => p.is_default === 1)?.id ?? pseuds[0].id);
  return { creatorPseudIds, externalCreators };
}

async function resolveSeries(db: Db, parsed: ParsedWork, importer: Importer): Promise<SeriesInput[]> {
  const seen = new Set<string>();
  const series: SeriesInput[] = [];
  for (const entry of parsed.series) {
    if (seen.has(nameKey(entry.title))) continue;
    seen.add(nameKey(entry.title));
    const seriesId = await findOwnedSeriesByTitle(db, importer.id, entry.title);
    series.push(
      seriesId ? { seriesId, position: entry.position } : { newTitle: entry.title, position: entry.position },
    );
  }
  return series;
}

/** Creates the work; returns its id. */
export async function importWork(db: Db, parsed: ParsedWork, options: ImportOptions): Promise<number> {
  const { importer } = options;
  const creators = await resolveCreators(db, parsed, importer);
  const input = blankWorkInput({
    title: parsed.title,
    summary: parsed.summary,
    notes: parsed.notes,
    endNotes: parsed.endNotes,
    rating: parsed.rating,
    warnings: parsed.warnings,
    categories: parsed.categories,
    // An import may have no fandom (the post form requires one; the wrangling issue infers them).
    fandoms: parsed.fandoms,
    relationships: parsed.relationships,
    characters: parsed.characters,
    freeforms: parsed.freeforms,
    languageCode: parsed.languageCode,
    expectedChapters: parsed.expectedChapters,
    publishedOn: parsed.publishedOn,
    ...creators,
    series: await resolveSeries(db, parsed, importer),
    sourceRef: parsed.sourceRef,
  });
  const chapters = parsed.chapters.map((chapter) => ({
    title: chapter.title,
    summary: '',
    notes: '',
    endNotes: '',
    body: chapter.body,
  }));
  return createWork(db, input, chapters, { post: options.post, ownerId: importer.id, importedById: importer.id });
}

export interface WorkFile {
  name: string;
  contents: string | Uint8Array;
}

export type FileImportResult =
  | { fileName: string; ok: true; workId: number; title: string }
  | { fileName: string; ok: false; line: number | null; message: string };

export async function loadKnownLanguages(db: Db): Promise<KnownLanguage[]> {
  return listLanguages(db);
}

/** Parses and imports one file, turning every failure into a result that names the file (and line). */
export async function importWorkFile(
  db: Db,
  file: WorkFile,
  options: ImportOptions & { languages: readonly KnownLanguage[] },
): Promise<FileImportResult> {
  const parsed = parsePlainTextWork(file.contents, file.name, options.languages);
  if (!parsed.ok) return { fileName: file.name, ok: false, ...parsed.error };
  try {
    const workId = await importWork(db, parsed.work, options);
    return { fileName: file.name, ok: true, workId, title: parsed.work.title };
  } catch (error) {
    // The work's transaction rolled back, so nothing of it was written.
    const reason = error instanceof Error ? error.message : String(error);
    return { fileName: file.name, ok: false, line: null, message: `The work could not be saved: ${reason}` };
  }
}

/** `file:line: problem` or `file: /works/id`, as the CLI prints and the web page lists. */
export function describeResult(result: FileImportResult): string {
  if (result.ok) return `${result.fileName}: /works/${result.workId}`;
  return `${result.fileName}${result.line ? `:${result.line}` : ''}: ${result.message}`;
}
