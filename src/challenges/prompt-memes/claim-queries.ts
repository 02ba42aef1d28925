/**
 * SQL of prompts' claims and fills (re-exported by queries.ts); which fills a reader may count is the
 * listing's (queries.ts), through src/visibility/.
 */
import type { Db } from '../../db/database.ts';

// Claims

export async function insertClaim(db: Db, promptId: number, userId: number, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('prompt_claims')
    .values({ prompt_id: promptId, user_id: userId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['prompt_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findClaim(db: Db, claimId: number) {
  return db.selectFrom('prompt_claims').selectAll().where('id', '=', claimId).executeTakeFirst();
}

export async function findClaimOf(db: Db, promptId: number, userId: number) {
  return db
    .selectFrom('prompt_claims')
    .selectAll()
    .where('prompt_id', '=', promptId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteClaim(db: Db, claimId: number): Promise<void> {
  await db.deleteFrom('prompt_claims').where('id', '=', claimId).execute();
}

/** A prompt's claims with the claimers' names, oldest first. */
export async function listClaimsOfPrompt(db: Db, promptId: number) {
  return db
    .selectFrom('prompt_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.user_id', 'c.created_at', 'u.username'])
    .where('c.prompt_id', '=', promptId)
    .orderBy('c.id')
    .execute();
}

/** A person's claims, newest first, with their prompts and collections. */
export async function listClaimsOfUser(db: Db, userId: number) {
  return db
    .selectFrom('prompt_claims as c')
    .innerJoin('prompts as p', 'p.id', 'c.prompt_id')
    .innerJoin('prompt_memes as m', 'm.id', 'p.prompt_meme_id')
    .innerJoin('collections as col', 'col.id', 'm.collection_id')
    .select((eb) => [
      'c.id',
      'c.created_at',
      'p.id as prompt_id',
      'p.title as prompt_title',
      'col.name as collection_name',
      'col.title as collection_title',
      eb
        .selectFrom('prompt_fills as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.prompt_id', '=', 'p.id')
        .where('f.user_id', '=', userId)
        .as('own_fills'),
    ])
    .where('c.user_id', '=', userId)
    .orderBy('c.id', 'desc')
    .execute();
}

/** Whether this person has posted a fill of the prompt (a claim with a fill is no longer dropped). */
export async function hasFilled(db: Db, promptId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('prompt_fills')
    .select('id')
    .where('prompt_id', '=', promptId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

// Fills

export async function insertFill(db: Db, promptId: number, workId: number, userId: number, now: Date) {
  const result = await db
    .insertInto('prompt_fills')
    .values({ prompt_id: promptId, work_id: workId, user_id: userId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['prompt_id', 'work_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A work's fills other than of `keepPromptId` go: the form's "In response to" names one prompt. */
export async function deleteOtherFillsOfWork(db: Db, workId: number, keepPromptId: number | null): Promise<void> {
  let query = db.deleteFrom('prompt_fills').where('work_id', '=', workId);
  if (keepPromptId !== null) query = query.where('prompt_id', '!=', keepPromptId);
  await query.execute();
}

/** The fills of these prompts, every one: callers keep only the works the viewer may read. */
export async function listFillsOfPrompts(db: Db, promptIds: readonly number[]) {
  if (!promptIds.length) return [];
  return db
    .selectFrom('prompt_fills as f')
    .innerJoin('works as w', 'w.id', 'f.work_id')
    .select(['f.id', 'f.prompt_id', 'f.work_id', 'f.user_id', 'f.created_at', 'w.title'])
    .where('f.prompt_id', 'in', [...promptIds])
    .orderBy('f.id')
    .execute();
}

/** The prompts a work answers, with the prompter, the prompt's anonymity and the collection. */
export async function listPromptsFilledBy(db: Db, workId: number) {
  return db
    .selectFrom('prompt_fills as f')
    .innerJoin('prompts as p', 'p.id', 'f.prompt_id')
    .innerJoin('prompt_memes as m', 'm.id', 'p.prompt_meme_id')
    .innerJoin('collections as col', 'col.id', 'm.collection_id')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('pseuds as ps', 'ps.id', 'p.pseud_id')
    .select([
      'f.id as fill_id',
      'f.is_told',
      'p.id as prompt_id',
      'p.title as prompt_title',
      'p.user_id',
      'p.is_anonymous',
      'u.username',
      'u.email',
      'ps.name as pseud_name',
      'col.id as collection_id',
      'col.name as collection_name',
      'col.title as collection_title',
    ])
    .where('f.work_id', '=', workId)
    .orderBy('f.id')
    .execute();
}

export async function markFillsTold(db: Db, fillIds: readonly number[]): Promise<void> {
  if (!fillIds.length) return;
  await db
    .updateTable('prompt_fills')
    .set({ is_told: 1 })
    .where('id', 'in', [...fillIds])
    .execute();
}

export async function findWorkStatus(db: Db, workId: number) {
  return db.selectFrom('works').select(['status', 'is_held']).where('id', '=', workId).executeTakeFirst();
}

/** The prompt a work fills (the edit form's "In response to"), or undefined. */
export async function promptIdFilledBy(db: Db, workId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('prompt_fills')
    .select('prompt_id')
    .where('work_id', '=', workId)
    .orderBy('id')
    .executeTakeFirst();
  return row?.prompt_id;
}
