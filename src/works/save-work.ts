/**
 * Commands that write a whole work: create it (as a draft or posted) with
 * its chapters, update its metadata, post a draft, delete it. Each runs in
 * one transaction, so a failure leaves no half-written work behind; in the
 * same transaction they record the outbox events of what happened (a work
 * posted, a gift given, a parent work linked), delivered after commit.
 */
import type { Db } from '../db/database.ts';
import { recordEvent } from '../outbox/outbox.ts';
import {
  chapterTextColumns,
  findFirstPostedChapterId,
  insertChapter,
  postWorkChapters,
  updateChapter,
} from './chapter-queries.ts';
import { rederiveWorkFilterTags } from '../indexing/filter-tags.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { holdIfSpamLike } from './hold-for-review.ts';
import {
  deleteWorkRow,
  findLanguageId,
  findWorkPosting,
  insertWork,
  refreshWorkStats,
  replaceCreatorships,
  replaceGifts,
  replaceRelatedWorks,
  replaceSeries,
  replaceTaggings,
  today,
  updateWorkRow,
  workColumns,
} from './queries.ts';
import type { Rating } from '../domain-facts.ts';
import type { ChapterInput, WorkInput, WorkTagNames } from './work-input.ts';
import { NOTHING_NOTICED, recordNewNotices, snapshotNotices } from './work-notices.ts';

export class UnknownLanguageError extends Error {
  constructor(code: string) {
    super(`Unknown language "${code}".`);
  }
}

export interface CreateWorkOptions {
  /** Post now, or keep as a draft only its creators see. */
  post: boolean;
  /** The account that posts (or imports) the work: owns new series, and is the importer of record. */
  ownerId: number | null;
  importedById?: number | null;
  /** More writes of the same save, in its transaction once the work exists (the form's collections). */
  alsoInTransaction?: AlsoInTransaction;
}

/** A part of a work's save that another domain owns, run in the save's transaction. */
export type AlsoInTransaction = (trx: Db, workId: number) => Promise<void>;

export async function createWork(
  db: Db,
  input: WorkInput,
  chapters: ChapterInput[],
  options: CreateWorkOptions,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const languageId = await findLanguageId(trx, input.languageCode);
    if (!languageId) throw new UnknownLanguageError(input.languageCode);
    const now = new Date().toISOString();
    const workId = await insertWork(trx, {
      ...workColumns(input, languageId),
      status: options.post ? 'posted' : 'draft',
      published_on: options.post ? (input.publishedOn ?? today()) : input.publishedOn,
      imported_by_id: options.importedById ?? null,
      created_at: now,
      revised_at: now,
    });
    await replaceCreatorships(trx, workId, input);
    await replaceTaggings(trx, workId, input);
    await replaceSeries(trx, workId, input, options.ownerId);
    await replaceRelatedWorks(trx, workId, input);
    await replaceGifts(trx, workId, input);
    const publishedOn = input.publishedOn ?? today();
    for (const [index, chapter] of chapters.entries()) {
      await insertChapter(trx, {
        work_id: workId,
        position: index + 1,
        ...chapterTextColumns(chapter),
        is_posted: options.post ? 1 : 0,
        published_on: options.post ? publishedOn : null,
        created_at: now,
        updated_at: now,
      });
    }
    await refreshWorkStats(trx, workId);
    // Before indexing, so a held work never reaches a listing; it is "posted" when a moderator releases it.
    const held = options.post && !options.importedById && (await holdIfSpamLike(trx, workId, options.ownerId));
    await rederiveWorkFilterTags(trx, [workId]); // also re-indexes the work for search
    await options.alsoInTransaction?.(trx, workId);
    if (options.post && !held) await recordEvent(trx, 'work.posted', { workId });
    await recordNewNotices(trx, workId, NOTHING_NOTICED); // parents' creators asked to approve, gift recipients
    return workId;
  });
}

/** Changes a work's metadata (not its chapters). */
export async function updateWork(
  db: Db,
  workId: number,
  input: WorkInput,
  ownerId: number | null,
  alsoInTransaction?: AlsoInTransaction,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const languageId = await findLanguageId(trx, input.languageCode);
    if (!languageId) throw new UnknownLanguageError(input.languageCode);
    const noticed = await snapshotNotices(trx, workId);
    const current = await findWorkPosting(trx, workId);
    await updateWorkRow(trx, workId, {
      ...workColumns(input, languageId),
      // A posted work keeps its publication date unless the writer backdates it.
      ...(input.publishedOn || current.status === 'draft' ? { published_on: input.publishedOn } : {}),
    });
    if (input.publishedOn && current.status === 'posted') {
      // Backdating moves the first chapter's date with the work.
      const firstId = await findFirstPostedChapterId(trx, workId);
      if (firstId !== undefined) await updateChapter(trx, firstId, { published_on: input.publishedOn });
    }
    await replaceCreatorships(trx, workId, input);
    await replaceTaggings(trx, workId, input);
    await replaceSeries(trx, workId, input, ownerId);
    await replaceRelatedWorks(trx, workId, input);
    await replaceGifts(trx, workId, input);
    await refreshWorkStats(trx, workId);
    await rederiveWorkFilterTags(trx, [workId]); // also re-indexes the work for search
    await alsoInTransaction?.(trx, workId);
    await recordNewNotices(trx, workId, noticed); // a gift or link added to a posted work
  });
}

/** What a work is classified by: its rating, archive warnings, categories, free-text tags and language. */
export interface WorkClassification extends WorkTagNames {
  rating: Rating;
  languageCode: string;
}

/**
 * Changes only a work's classification, inside the caller's transaction (a moderator's audited command,
 * src/moderation/edit-work-tags.ts): the same steps a creator's save takes for these fields — the row
 * (whose trigger logs the fact change the in-memory index and the page cache read), the taggings, and the
 * filter tags re-derived with the search index — so the work is found by its new tags everywhere at once.
 */
export async function reclassifyWork(trx: Db, workId: number, change: WorkClassification): Promise<void> {
  const languageId = await findLanguageId(trx, change.languageCode);
  if (!languageId) throw new UnknownLanguageError(change.languageCode);
  await updateWorkRow(trx, workId, { rating: change.rating, language_id: languageId });
  await replaceTaggings(trx, workId, change);
  await rederiveWorkFilterTags(trx, [workId]); // also re-indexes the work for search
}

/** Posts a draft work: it and its chapters become visible, dated today unless backdated. */
export async function postDraftWork(db: Db, workId: number, ownerId?: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const work = await findWorkPosting(trx, workId);
    if (work.status === 'posted') return;
    const noticed = await snapshotNotices(trx, workId); // a draft's gifts and links are told of when it is posted
    const publishedOn = work.published_on ?? today();
    await updateWorkRow(trx, workId, { status: 'posted', published_on: publishedOn });
    await postWorkChapters(trx, workId, publishedOn);
    await refreshWorkStats(trx, workId);
    if (await holdIfSpamLike(trx, workId, ownerId ?? null)) {
      await reindexWorks(trx, [workId]);
      return;
    }
    await recordEvent(trx, 'work.posted', { workId });
    await recordNewNotices(trx, workId, noticed);
  });
}

export async function deleteWork(db: Db, workId: number): Promise<void> {
  await deleteWorkRow(db, workId);
}
