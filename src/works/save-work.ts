/**
 * Commands that write a whole work: create it (as a draft or posted) with
 * its chapters, update its metadata, post a draft, delete it. Each runs in
 * one transaction, so a failure leaves no half-written work behind; in the
 * same transaction they record the outbox events of what happened (a work
 * posted, a gift given, a parent work linked), delivered after commit.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../db/database.ts';
import { chapterTextColumns } from '../chapters/queries.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { rederiveWorkFilterTags } from '../tags/filter-tags.ts';
import {
  findLanguageId,
  refreshWorkStats,
  replaceCreatorships,
  replaceGifts,
  replaceRelatedWorks,
  replaceSeries,
  replaceTaggings,
  today,
  workColumns,
} from './queries.ts';
import type { ChapterInput, WorkInput } from './work-input.ts';
import { NOTHING_NOTICED, recordNewNotices, snapshotNotices } from './work-notices.ts';

type Db = Kysely<Tables>;

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
}

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
    const work = await trx
      .insertInto('works')
      .values({
        ...workColumns(input, languageId),
        status: options.post ? 'posted' : 'draft',
        published_on: options.post ? (input.publishedOn ?? today()) : input.publishedOn,
        imported_by_id: options.importedById ?? null,
        created_at: now,
        revised_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceCreatorships(trx, work.id, input);
    await replaceTaggings(trx, work.id, input);
    await replaceSeries(trx, work.id, input, options.ownerId);
    await replaceRelatedWorks(trx, work.id, input);
    await replaceGifts(trx, work.id, input);
    const publishedOn = input.publishedOn ?? today();
    for (const [index, chapter] of chapters.entries()) {
      await trx
        .insertInto('chapters')
        .values({
          work_id: work.id,
          position: index + 1,
          ...chapterTextColumns(chapter),
          is_posted: options.post ? 1 : 0,
          published_on: options.post ? publishedOn : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await refreshWorkStats(trx, work.id);
    await rederiveWorkFilterTags(trx, [work.id]); // also re-indexes the work for search
    if (options.post) await recordEvent(trx, 'work.posted', { workId: work.id });
    await recordNewNotices(trx, work.id, NOTHING_NOTICED); // parents' creators asked to approve, gift recipients
    return work.id;
  });
}

/** Changes a work's metadata (not its chapters). */
export async function updateWork(db: Db, workId: number, input: WorkInput, ownerId: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const languageId = await findLanguageId(trx, input.languageCode);
    if (!languageId) throw new UnknownLanguageError(input.languageCode);
    const noticed = await snapshotNotices(trx, workId);
    const current = await trx.selectFrom('works').select(['status']).where('id', '=', workId).executeTakeFirstOrThrow();
    await trx
      .updateTable('works')
      .set({
        ...workColumns(input, languageId),
        // A posted work keeps its publication date unless the writer backdates it.
        ...(input.publishedOn || current.status === 'draft' ? { published_on: input.publishedOn } : {}),
      })
      .where('id', '=', workId)
      .execute();
    if (input.publishedOn && current.status === 'posted') {
      // Backdating moves the first chapter's date with the work.
      const first = await trx
        .selectFrom('chapters')
        .select('id')
        .where('work_id', '=', workId)
        .where('is_posted', '=', 1)
        .orderBy('position')
        .executeTakeFirst();
      if (first)
        await trx.updateTable('chapters').set({ published_on: input.publishedOn }).where('id', '=', first.id).execute();
    }
    await replaceCreatorships(trx, workId, input);
    await replaceTaggings(trx, workId, input);
    await replaceSeries(trx, workId, input, ownerId);
    await replaceRelatedWorks(trx, workId, input);
    await replaceGifts(trx, workId, input);
    await refreshWorkStats(trx, workId);
    await rederiveWorkFilterTags(trx, [workId]); // also re-indexes the work for search
    await recordNewNotices(trx, workId, noticed); // a gift or link added to a posted work
  });
}

/** Posts a draft work: it and its chapters become visible, dated today unless backdated. */
export async function postDraftWork(db: Db, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const work = await trx
      .selectFrom('works')
      .select(['status', 'published_on'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    if (work.status === 'posted') return;
    const noticed = await snapshotNotices(trx, workId); // a draft's gifts and links are told of when it is posted
    const publishedOn = work.published_on ?? today();
    await trx
      .updateTable('works')
      .set({ status: 'posted', published_on: publishedOn })
      .where('id', '=', workId)
      .execute();
    await trx
      .updateTable('chapters')
      .set({ is_posted: 1, published_on: publishedOn })
      .where('work_id', '=', workId)
      .execute();
    await refreshWorkStats(trx, workId);
    await recordEvent(trx, 'work.posted', { workId });
    await recordNewNotices(trx, workId, noticed);
  });
}

export async function deleteWork(db: Db, workId: number): Promise<void> {
  await db.deleteFrom('works').where('id', '=', workId).execute();
}
