/**
 * SQL of the works domain: a work's row and the rows that hang off it
 * (creatorships, taggings, series positions, related works, gifts) and its
 * derived figures (posted chapters, word count, completion and dates).
 */
import type { NewWork, WorkUpdate } from './works.table.ts';
import type { TagField } from '../tags/tags.table.ts';
import type { Db } from '../db/database.ts';
import { findFixedTags, findOrCreateTags } from '../tags/queries.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import type { WorkInput, WorkTagNames } from './work-input.ts';

export const today = (): string => new Date().toISOString().slice(0, 10);

export async function findLanguageId(db: Db, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('languages').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id;
}

export async function listLanguages(db: Db) {
  return db.selectFrom('languages').select(['code', 'name']).orderBy('id').execute();
}

export async function insertWork(db: Db, work: NewWork): Promise<number> {
  const row = await db.insertInto('works').values(work).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWorkRow(db: Db, workId: number, changes: WorkUpdate): Promise<void> {
  await db.updateTable('works').set(changes).where('id', '=', workId).execute();
}

export async function deleteWorkRow(db: Db, workId: number): Promise<void> {
  await db.deleteFrom('works').where('id', '=', workId).execute();
}

/** Whether a work is posted yet, and the date it carries. */
export async function findWorkPosting(db: Db, workId: number) {
  return db.selectFrom('works').select(['status', 'published_on']).where('id', '=', workId).executeTakeFirstOrThrow();
}

/** The columns of `works` that come straight from a WorkInput. */
export function workColumns(input: WorkInput, languageId: number) {
  return {
    title: input.title,
    summary: input.summary,
    notes: input.notes,
    end_notes: input.endNotes,
    rating: input.rating,
    language_id: languageId,
    expected_chapters: input.expectedChapters,
    is_restricted: input.isRestricted ? 1 : 0,
    comment_permission: input.commentPermission,
    moderated_comments: input.moderatedComments ? 1 : 0,
    source_ref: input.sourceRef,
  };
}

/** Replaces every tagging of a work with those in the input, creating free-text tags on first use. */
export async function replaceTaggings(db: Db, workId: number, input: WorkTagNames): Promise<void> {
  await db.deleteFrom('taggings').where('work_id', '=', workId).execute();
  const rows: Array<{ work_id: number; tag_id: number; field: TagField; position: number }> = [];
  const add = (field: TagField, ids: number[]) =>
    ids.forEach((tag_id, position) => rows.push({ work_id: workId, tag_id, field, position }));

  const warnings = await findFixedTags(db, 'warning', input.warnings);
  add(
    'warning',
    input.warnings.map((w) => warnings.find((t) => t.name === w)?.id).filter((id): id is number => !!id),
  );
  const categories = await findFixedTags(db, 'category', input.categories);
  add(
    'category',
    input.categories.map((w) => categories.find((t) => t.name === w)?.id).filter((id): id is number => !!id),
  );
  add('fandom', await findOrCreateTags(db, input.fandoms, 'fandom'));
  add('relationship', await findOrCreateTags(db, input.relationships, 'relationship'));
  add('character', await findOrCreateTags(db, input.characters, 'character'));
  add('freeform', await findOrCreateTags(db, input.freeforms, 'freeform'));

  // A tag typed twice into one field is one tagging.
  const unique = new Map(rows.map((r) => [`${r.field}:${r.tag_id}`, r]));
  if (unique.size)
    await db
      .insertInto('taggings')
      .values([...unique.values()])
      .execute();
}

/** Replaces the creators of a work: own pseuds accepted, co-creators invited, imported names kept as text. */
/** A work's tag names by field, each field in the order its creator gave (export and the edit form read them back). */
export async function findWorkTagNames(db: Db, workId: number): Promise<WorkTagNames> {
  const rows = await db
    .selectFrom('taggings')
    .innerJoin('tags', 'tags.id', 'taggings.tag_id')
    .select(['taggings.field', 'tags.name'])
    .where('taggings.work_id', '=', workId)
    .orderBy('taggings.position')
    .orderBy('tags.name')
    .execute();
  const named = (field: TagField) => rows.filter((row) => row.field === field).map((row) => row.name);
  return {
    warnings: named('warning'),
    categories: named('category'),
    fandoms: named('fandom'),
    relationships: named('relationship'),
    characters: named('character'),
    freeforms: named('freeform'),
  };
}

export async function replaceCreatorships(db: Db, workId: number, input: WorkInput): Promise<void> {
  const existing = await db
    .selectFrom('creatorships')
    .select(['pseud_id', 'is_accepted'])
    .where('work_id', '=', workId)
    .execute();
  const alreadyAccepted = new Set(existing.filter((c) => c.is_accepted === 1).map((c) => c.pseud_id));
  await db.deleteFrom('creatorships').where('work_id', '=', workId).execute();
  const rows = [
    ...input.creatorPseudIds.map((pseud_id) => ({ pseud_id, external_name: null, is_accepted: 1 })),
    ...input.coCreatorPseudIds
      .filter((id) => !input.creatorPseudIds.includes(id))
      .map((pseud_id) => ({ pseud_id, external_name: null, is_accepted: alreadyAccepted.has(pseud_id) ? 1 : 0 })),
    ...input.externalCreators.map((name) => ({ pseud_id: null, external_name: name, is_accepted: 1 })),
  ];
  if (rows.length) {
    await db
      .insertInto('creatorships')
      .values(rows.map((row, position) => ({ ...row, work_id: workId, position })))
      .execute();
  }
}

/** Returns the series it created, by their title's key (create-works.ts lets later works of a batch join them). */
export async function replaceSeries(
  db: Db,
  workId: number,
  input: WorkInput,
  ownerId: number | null,
): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  await db.deleteFrom('series_works').where('work_id', '=', workId).execute();
  for (const entry of input.series) {
    let seriesId = entry.seriesId;
    if (!seriesId && entry.newTitle) {
      const row = await db
        .insertInto('series')
        .values({ title: entry.newTitle, owner_id: ownerId, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      seriesId = row.id;
      created.set(entry.newTitle.normalize('NFC').trim().toLocaleLowerCase('und'), row.id);
    }
    if (!seriesId) continue;
    let position = entry.position;
    if (!position) {
      const last = await db
        .selectFrom('series_works')
        .select((eb) => eb.fn.max('position').as('last'))
        .where('series_id', '=', seriesId)
        .executeTakeFirst();
      position = Number(last?.last ?? 0) + 1;
    }
    await db.insertInto('series_works').values({ series_id: seriesId, work_id: workId, position }).execute();
  }
  return created;
}

export async function replaceRelatedWorks(db: Db, workId: number, input: WorkInput): Promise<void> {
  // The parent's creator's answer (approved, or removed) outlives an edit of this work, so editing neither
  // drops an approved link from the parent nor asks its creator again about one they removed.
  const answers = await db
    .selectFrom('related_works')
    .select(['parent_work_id', 'is_approved', 'is_declined'])
    .where('work_id', '=', workId)
    .where('parent_work_id', 'is not', null)
    .execute();
  const answerFor = (parentWorkId: number | undefined) => answers.find((a) => a.parent_work_id === parentWorkId);
  await db.deleteFrom('related_works').where('work_id', '=', workId).execute();
  for (const related of input.related) {
    const answer = answerFor(related.parentWorkId);
    await db
      .insertInto('related_works')
      .values({
        work_id: workId,
        parent_work_id: related.parentWorkId ?? null,
        parent_url: related.url ?? null,
        parent_title: related.title ?? '',
        parent_creator: related.creator ?? '',
        relation: related.relation,
        // An external parent has no creator here to ask, so the link shows at once.
        is_approved: related.parentWorkId ? (answer?.is_approved ?? 0) : 1,
        is_declined: answer?.is_declined ?? 0,
      })
      .execute();
  }
}

export async function replaceGifts(db: Db, workId: number, input: WorkInput): Promise<void> {
  // A refusal outlives edits of the work: saving it again must not give the gift back to someone who refused it.
  const refused = await db
    .selectFrom('gifts')
    .select('recipient_pseud_id')
    .where('work_id', '=', workId)
    .where('is_refused', '=', 1)
    .where('recipient_pseud_id', 'is not', null)
    .execute();
  const refusedPseudIds = new Set(refused.map((r) => r.recipient_pseud_id));
  await db.deleteFrom('gifts').where('work_id', '=', workId).execute();
  if (!input.gifts.length) return;
  await db
    .insertInto('gifts')
    .values(
      input.gifts.map((gift) => ({
        work_id: workId,
        recipient_pseud_id: gift.recipientPseudId ?? null,
        recipient_name: gift.recipientName,
        is_refused: gift.recipientPseudId && refusedPseudIds.has(gift.recipientPseudId) ? 1 : 0,
      })),
    )
    .execute();
}

/**
 * Re-derives a work's figures from its chapters: posted count, word count,
 * completion, and the published/updated/completed dates. Every command that
 * changes chapters calls this inside its transaction.
 */
export async function refreshWorkStats(db: Db, workId: number): Promise<void> {
  const work = await db
    .selectFrom('works')
    .select(['status', 'expected_chapters', 'published_on'])
    .where('id', '=', workId)
    .executeTakeFirstOrThrow();
  const posted = await db
    .selectFrom('chapters')
    .select(['word_count', 'published_on'])
    .where('work_id', '=', workId)
    .where('is_posted', '=', 1)
    .execute();
  const isPosted = work.status === 'posted';
  const dates = posted
    .map((c) => c.published_on)
    .filter((d): d is string => !!d)
    .sort();
  const postedCount = isPosted ? posted.length : 0;
  const isComplete = isPosted && work.expected_chapters !== null && postedCount >= work.expected_chapters;
  const updatedOn = dates.at(-1) ?? null;
  await db
    .updateTable('works')
    .set({
      posted_chapters: postedCount,
      word_count: isPosted ? posted.reduce((sum, c) => sum + c.word_count, 0) : 0,
      is_complete: isComplete ? 1 : 0,
      published_on: isPosted ? (work.published_on ?? dates[0] ?? today()) : work.published_on,
      updated_on: isPosted ? updatedOn : null,
      completed_on: isComplete ? updatedOn : null,
      revised_at: new Date().toISOString(),
    })
    .where('id', '=', workId)
    .execute();
  // Chapter text and dates changed: keep the search index in step, in the same transaction.
  await reindexWorks(db, [workId]);
}
