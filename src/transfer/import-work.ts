/**
 * Saves parsed works: the `Author:` names become creators (the importer's
 * own pseud when the name is one of theirs, else an imported creator name
 * the importer looks after), the Work ID becomes the source reference, and
 * `Series:` titles join the importer's series of that title or start one.
 * An `Author:` that is a pseud of another account here stays a name unless
 * the importer asks to link it (`--link-authors`); either way the result
 * says so. One file is written by createWork in its own transaction; many
 * by createWorks a batch per transaction (importWorkFiles). A file that does
 * not parse writes nothing.
 */
import { listPseuds } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createWork } from '../works/save-work.ts';
import { createWorks } from '../works/create-works.ts';
import { listLanguages } from '../works/queries.ts';
import { blankWorkInput, type SeriesInput } from '../works/work-input.ts';
import type { KnownLanguage } from './header-values.ts';
import { parsePlainTextWork, type ParsedWork } from './parse-plain-text.ts';
import { findOwnedSeriesByTitle, findPseudsNamed } from './queries.ts';

export type Importer = Pick<User, 'id' | 'username'>;

export interface ImportOptions {
  importer: Importer;
  /** Post at once, or keep as drafts only the importer sees. */
  post: boolean;
}

const nameKey = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('und');

/** A pseud of another account named by an `Author:` line. */
export interface AuthorMatch {
  /** The name as the file writes it. */
  author: string;
  pseudId: number;
  pseudName: string;
  username: string;
}

/** What the import knows before it writes: the importer's pseuds, and other accounts' pseuds the files name. */
export interface CreatorContext {
  ownPseuds: Array<{ id: number; name: string; is_default: number }>;
  /** By name key of the author as written; absent when no account here has it. */
  others: Map<string, AuthorMatch>;
  /** Link `Author:` names that are another account's pseud to it (quire import --link-authors). */
  linkAuthors: boolean;
}

/** AO3 writes a pseud that differs from the account name as "pseud (username)". */
const WITH_USER = /^(.+?)\s*\(([^()]+)\)$/;

async function loadCreatorContext(
  db: Db,
  importer: Importer,
  authors: readonly string[],
  linkAuthors: boolean,
): Promise<CreatorContext> {
  const ownPseuds = await listPseuds(db, importer.id);
  const others = new Map<string, AuthorMatch>();
  const names = new Set<string>();
  for (const author of authors) {
    names.add(author);
    const withUser = WITH_USER.exec(author);
    if (withUser) names.add(withUser[1]);
  }
  const found = names.size ? await findPseudsNamed(db, [...names]) : [];
  for (const author of new Set(authors)) {
    const withUser = WITH_USER.exec(author);
    const match =
      found.find((p) => p.userId !== importer.id && nameKey(p.name) === nameKey(author)) ??
      (withUser
        ? found.find(
            (p) =>
              p.userId !== importer.id &&
              nameKey(p.name) === nameKey(withUser[1]) &&
              nameKey(p.username) === nameKey(withUser[2]),
          )
        : undefined);
    if (match) {
      others.set(nameKey(author), { author, pseudId: match.id, pseudName: match.name, username: match.username });
    }
  }
  return { ownPseuds, others, linkAuthors };
}

/** Splits `Author:` names into pseuds here (the importer's, or others' when linking) and names kept as text. */
function resolveCreators(parsed: ParsedWork, importer: Importer, context: CreatorContext) {
  const pseuds = context.ownPseuds;
  const byName = new Map(pseuds.map((p) => [nameKey(p.name), p.id]));
  const creatorPseudIds: number[] = [];
  const externalCreators: string[] = [];
  const matches: AuthorMatch[] = [];
  for (const author of parsed.authors) {
    const withUser = WITH_USER.exec(author);
    const ownPseud =
      byName.get(nameKey(author)) ??
      (withUser && nameKey(withUser[2]) === nameKey(importer.username) ? byName.get(nameKey(withUser[1])) : undefined);
    const other = ownPseud ? undefined : context.others.get(nameKey(author));
    if (other) matches.push(other);
    const pseudId = ownPseud ?? (other && context.linkAuthors ? other.pseudId : undefined);
    if (pseudId) {
      if (!creatorPseudIds.includes(pseudId)) creatorPseudIds.push(pseudId);
    } else {
      externalCreators.push(author);
    }
  }
  // A file without an `Author:` line is the importer's own work.
  if (!parsed.authors.length) creatorPseudIds.push(pseuds.find((p) => p.is_default === 1)?.id ?? pseuds[0].id);
  return { creators: { creatorPseudIds, externalCreators }, matches };
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

/** The WorkInput and chapters createWork(s) take for a parsed file. */
async function workItemOf(db: Db, parsed: ParsedWork, importer: Importer, context: CreatorContext) {
  const { creators, matches } = resolveCreators(parsed, importer, context);
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
    summary: chapter.summary ?? '',
    notes: chapter.notes ?? '',
    endNotes: chapter.endNotes ?? '',
    body: chapter.body,
  }));
  return { input, chapters, matches };
}

/** Creates the work in its own transaction; returns its id. */
export async function importWork(
  db: Db,
  parsed: ParsedWork,
  options: ImportOptions,
  context?: CreatorContext,
): Promise<number> {
  const { importer } = options;
  const creatorContext = context ?? (await loadCreatorContext(db, importer, parsed.authors, false));
  const { input, chapters } = await workItemOf(db, parsed, importer, creatorContext);
  return createWork(db, input, chapters, { post: options.post, ownerId: importer.id, importedById: importer.id });
}

export interface WorkFile {
  name: string;
  contents: string | Uint8Array;
}

export type FileImportResult =
  | { fileName: string; ok: true; workId: number; title: string; authors?: AuthorMatch[]; linked?: boolean }
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
    return failedSave(file.name, error);
  }
}

/**
 * Imports many files a batch at a time: every file is read and checked in
 * full first, then a batch's good works are written by createWorks in one
 * transaction with one filter-tag derivation. Should that transaction fail
 * (a constraint no check foresaw), the batch is written again one work at
 * a time, so the good files still land and the bad one writes nothing.
 * `onResult` hears each file's result in the order given.
 */
export async function importWorkFiles(
  db: Db,
  files: readonly WorkFile[],
  options: ImportOptions & { languages: readonly KnownLanguage[]; linkAuthors?: boolean },
  onResult: (result: FileImportResult) => void,
): Promise<void> {
  const parsedFiles = files.map((file) => ({
    file,
    parsed: parsePlainTextWork(file.contents, file.name, options.languages),
  }));
  const good = parsedFiles.flatMap(({ parsed }) => (parsed.ok ? [parsed.work] : []));
  const context = await loadCreatorContext(
    db,
    options.importer,
    good.flatMap((work) => work.authors),
    options.linkAuthors ?? false,
  );
  const items: Array<{ work: ParsedWork } & Awaited<ReturnType<typeof workItemOf>>> = [];
  for (const work of good) items.push({ work, ...(await workItemOf(db, work, options.importer, context)) });
  const createOptions = { post: options.post, ownerId: options.importer.id, importedById: options.importer.id };
  const saved = new Map<ParsedWork, FileImportResult>();
  const savedResult = (item: (typeof items)[number], workId: number): FileImportResult => ({
    fileName: item.work.fileName,
    ok: true,
    workId,
    title: item.work.title,
    ...(item.matches.length ? { authors: item.matches, linked: context.linkAuthors } : {}),
  });
  try {
    const ids = await createWorks(db, items, createOptions);
    items.forEach((item, index) => saved.set(item.work, savedResult(item, ids[index])));
  } catch {
    // The batch rolled back whole; one at a time, each work succeeds or fails on its own.
    for (const first of items) {
      try {
        // Read again: an earlier work of the batch may have just started a series this one joins.
        const item = { work: first.work, ...(await workItemOf(db, first.work, options.importer, context)) };
        saved.set(item.work, savedResult(item, await createWork(db, item.input, item.chapters, createOptions)));
      } catch (error) {
        saved.set(first.work, failedSave(first.work.fileName, error));
      }
    }
  }
  for (const { file, parsed } of parsedFiles) {
    onResult(parsed.ok ? saved.get(parsed.work)! : { fileName: file.name, ok: false, ...parsed.error });
  }
}

function failedSave(fileName: string, error: unknown): FileImportResult {
  // The work's transaction rolled back, so nothing of it was written.
  const reason = error instanceof Error ? error.message : String(error);
  return { fileName, ok: false, line: null, message: `The work could not be saved: ${reason}` };
}

/** `file:line: problem` or `file: /works/id`, as the CLI prints and the web page lists. */
export function describeResult(result: FileImportResult): string {
  if (result.ok) return `${result.fileName}: /works/${result.workId}`;
  return `${result.fileName}${result.line ? `:${result.line}` : ''}: ${result.message}`;
}

/** What the CLI says under a file's line when an `Author:` is a pseud of another account here. */
export function describeAuthorMatches(result: FileImportResult): string[] {
  if (!result.ok || !result.authors) return [];
  return result.authors.map((match) =>
    result.linked
      ? `  linked: Author "${match.author}" is the pseud "${match.pseudName}" of the account ${match.username}; the byline links to it.`
      : `  warning: Author "${match.author}" is the pseud "${match.pseudName}" of the account ${match.username} here, but the byline is not linked to it (run again with --link-authors to link it).`,
  );
}
