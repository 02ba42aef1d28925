/**
 * SQL of holding a young account's spam-like work for review (hold-for-review.ts): what the rule reads
 * of the account and the work, and setting or clearing the hold.
 */
import type { Db } from '../db/database.ts';

export async function accountCreatedAt(db: Db, userId: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirst())?.created_at;
}

/** The text a reader meets: the summary, the notes and every chapter's body. */
export async function findWorkTexts(db: Db, workId: number): Promise<{ summary: string; bodies: string[] }> {
  const work = await db
    .selectFrom('works')
    .select(['summary', 'notes', 'end_notes'])
    .where('id', '=', workId)
    .executeTakeFirstOrThrow();
  const chapters = await db.selectFrom('chapters').select('body').where('work_id', '=', workId).execute();
  return {
    summary: work.summary,
    bodies: [work.summary, work.notes, work.end_notes, ...chapters.map((c) => c.body)],
  };
}

/**
 * Whether another account's work already carries this text (a chapter's body or the summary) since
 * `since`: the same advert pasted under many new names.
 */
export async function isTextSeenFromOthers(
  db: Db,
  workId: number,
  ownerId: number,
  texts: readonly string[],
  since: string,
): Promise<boolean> {
  const wanted = texts.filter((t) => t.trim().length >= 20);
  if (!wanted.length) return false;
  const row = await db
    .selectFrom('works as w')
    .leftJoin('chapters as ch', 'ch.work_id', 'w.id')
    .select('w.id')
    .where('w.id', '!=', workId)
    .where('w.created_at', '>', since)
    .where((eb) => eb.or([eb('w.summary', 'in', wanted), eb('ch.body', 'in', wanted)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('creatorships as cs')
            .innerJoin('pseuds as p', 'p.id', 'cs.pseud_id')
            .select('cs.work_id')
            .whereRef('cs.work_id', '=', 'w.id')
            .where('p.user_id', '=', ownerId),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function setWorkHold(db: Db, workId: number, reason: 'links' | 'repeated' | null): Promise<void> {
  await db
    .updateTable('works')
    .set({ is_held: reason ? 1 : 0, hold_reason: reason })
    .where('id', '=', workId)
    .execute();
}
