/**
 * SQL of import and export: loading a whole work the way the plain-text
 * format writes it (its own loader, so the export does not change when the
 * work page's display changes), the importer's series by title, and the
 * archive's admins (the CLI imports as the only admin when not told whom),
 * and the pseuds an imported `Author:` line may name.
 */
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { WorkStatus } from '../works/works.table.ts';
import { findWorkTagNames } from '../works/queries.ts';
import type { WorkTagNames } from '../works/work-input.ts';

export interface WorkForExport extends WorkTagNames {
  id: number;
  title: string;
  status: WorkStatus;
  rating: string;
  languageName: string;
  /** Pseud names of accepted creators, and imported creator names, in order. */
  creators: string[];
  series: Array<{ title: string; position: number }>;
  expectedChapters: number | null;
  publishedOn: string | null;
  updatedOn: string | null;
  /** Sanitized HTML. */
  summary: string;
  notes: string;
  /** Absent for the TXT download, which writes end notes after the text. */
  endNotes?: string;
  /** Posted chapters of a posted work; every chapter of a draft. */
  chapters: Array<{ title: string; body: string; wordCount: number }>;
}

export async function findWorkForExport(db: Db, workId: number): Promise<WorkForExport | undefined> {
  const work = await db
    .selectFrom('works')
    .innerJoin('languages', 'languages.id', 'works.language_id')
    .select([
      'works.id',
      'works.title',
      'works.status',
      'works.rating',
      'works.summary',
      'works.notes',
      'works.end_notes',
      'works.expected_chapters',
      'works.published_on',
      'works.updated_on',
      'languages.name as language_name',
    ])
    .where('works.id', '=', workId)
    .executeTakeFirst();
  if (!work) return undefined;

  const creators = await db
    .selectFrom('creatorships')
    .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['pseuds.name as pseud_name', 'creatorships.external_name'])
    .where('creatorships.work_id', '=', workId)
    .where('creatorships.is_accepted', '=', 1)
    .orderBy('creatorships.position')
    .orderBy('creatorships.id')
    .execute();

  const tags = await findWorkTagNames(db, workId);

  const series = await db
    .selectFrom('series_works')
    .innerJoin('series', 'series.id', 'series_works.series_id')
    .select(['series.title', 'series_works.position'])
    .where('series_works.work_id', '=', workId)
    .orderBy('series.id')
    .execute();

  let chapterQuery = db
    .selectFrom('chapters')
    .select(['title', 'body', 'word_count'])
    .where('work_id', '=', workId)
    .orderBy('position');
  if (work.status === 'posted') chapterQuery = chapterQuery.where('is_posted', '=', 1);
  const chapters = await chapterQuery.execute();

  return {
    id: work.id,
    title: work.title,
    status: work.status,
    rating: work.rating,
    languageName: work.language_name,
    creators: creators.map((c) => c.pseud_name ?? c.external_name ?? '').filter(Boolean),
    ...tags,
    series,
    expectedChapters: work.expected_chapters,
    publishedOn: work.published_on,
    updatedOn: work.updated_on,
    summary: work.summary,
    notes: work.notes,
    endNotes: work.end_notes,
    chapters: chapters.map((c) => ({ title: c.title, body: c.body, wordCount: c.word_count })),
  };
}

/** The importer's series with this title (case does not matter), to add an imported work to it. */
export async function findOwnedSeriesByTitle(db: Db, ownerId: number, title: string): Promise<number | undefined> {
  // Compared here rather than with SQL lower(), which SQLite applies to ASCII letters only.
  const key = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('und');
  const rows = await db
    .selectFrom('series')
    .select(['id', 'title'])
    .where('owner_id', '=', ownerId)
    .orderBy('id')
    .execute();
  return rows.find((row) => key(row.title) === key(title))?.id;
}

export async function findAdmins(db: Db): Promise<User[]> {
  return db.selectFrom('users').selectAll().where('is_admin', '=', 1).orderBy('id').execute();
}

/**
 * Pseuds whose name is one of `names`, with their account. Compared with
 * SQL lower(), which folds ASCII letters only; callers compare the names
 * again with Unicode case folding.
 */
export async function findPseudsNamed(db: Db, names: readonly string[]) {
  const lowered = [...new Set(names.map((name) => name.trim().toLowerCase()))];
  const rows: Array<{ id: number; name: string; userId: number; username: string }> = [];
  for (let i = 0; i < lowered.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('pseuds')
        .innerJoin('users', 'users.id', 'pseuds.user_id')
        .select(['pseuds.id', 'pseuds.name', 'pseuds.user_id as userId', 'users.username'])
        .where((eb) => eb(eb.fn('lower', ['pseuds.name']), 'in', lowered.slice(i, i + 500)))
        .orderBy('pseuds.id')
        .execute()),
    );
  }
  return rows;
}
