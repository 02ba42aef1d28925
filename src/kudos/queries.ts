/**
 * SQL of kudos: leaving one (the row and `works.kudos_count` in one
 * transaction, the unique indexes deciding a race), the work page's line of
 * givers, every giver, the creators' count per chapter, a reader's kudos
 * history, and what the daily kudos mail gathers and marks.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { listedWorks, type WorkAudience } from '../visibility/index.ts';

/** Who leaves the kudos: an account, or a guest by the keyed hash of their address. */
export type KudosGiver = { userId: number; guestKey?: undefined } | { userId?: undefined; guestKey: string };

/** Whether the giver already left kudos on the work. */
export async function hasLeftKudos(db: Db, workId: number, giver: KudosGiver): Promise<boolean> {
  let query = db.selectFrom('kudos').select('id').where('work_id', '=', workId);
  query = giver.userId ? query.where('user_id', '=', giver.userId) : query.where('guest_key', '=', giver.guestKey!);
  return !!(await query.executeTakeFirst());
}

/**
 * Adds the kudos and counts it on the work, in one transaction; false when this giver had already left
 * one. The unique indexes (work, user) and (work, guest) are the real guard: two presses at once both pass
 * `hasLeftKudos`, and the second insert then does nothing, so the count never runs ahead of the rows.
 */
export async function insertKudos(
  db: Db,
  kudos: { workId: number; chapterId: number | null; giver: KudosGiver },
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('kudos')
      .values({
        work_id: kudos.workId,
        chapter_id: kudos.chapterId,
        user_id: kudos.giver.userId ?? null,
        guest_key: kudos.giver.guestKey ?? null,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (!Number(inserted.numInsertedOrUpdatedRows ?? 0)) return false;
    await trx
      .updateTable('works')
      .set({ kudos_count: sql`kudos_count + 1` })
      .where('id', '=', kudos.workId)
      .execute();
    return true;
  });
}

/** The chapter of this work a kudos names, when it is one (a stale or forged id becomes null). */
export async function chapterOfWork(db: Db, workId: number, chapterId: number): Promise<number | null> {
  const row = await db
    .selectFrom('chapters')
    .select('id')
    .where('id', '=', chapterId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** How many accounts and guests left kudos (an account that is gone counts with the guests). */
export async function countKudos(db: Db, workId: number): Promise<{ users: number; guests: number }> {
  const row = await db
    .selectFrom('kudos')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('total'),
      eb.fn.count<string | number>('user_id').as('users'),
    ])
    .where('work_id', '=', workId)
    .where('is_hidden', '=', 0) // a spammer's kudos do not count while the mark stands
    .executeTakeFirstOrThrow();
  const users = Number(row.users);
  return { users, guests: Number(row.total) - users };
}

/** Usernames of the accounts that left kudos, newest first; `limit` for the work page's line. */
export async function listKudosUsernames(
  db: Db,
  workId: number,
  { limit, offset = 0 }: { limit: number; offset?: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('kudos')
    .innerJoin('users', 'users.id', 'kudos.user_id')
    .select('users.username')
    .where('kudos.work_id', '=', workId)
    .where('kudos.is_hidden', '=', 0)
    .orderBy('kudos.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => r.username);
}

/** Kudos per chapter they were given from, in chapter order (null: the whole-work page, or a chapter since deleted). */
export async function countKudosByChapter(
  db: Db,
  workId: number,
): Promise<Array<{ position: number | null; count: number }>> {
  const rows = await db
    .selectFrom('kudos')
    .leftJoin('chapters', 'chapters.id', 'kudos.chapter_id')
    .select((eb) => ['chapters.position', eb.fn.countAll<string | number>().as('count')])
    .where('kudos.work_id', '=', workId)
    .where('kudos.is_hidden', '=', 0)
    .groupBy('chapters.position')
    .orderBy('chapters.position')
    .execute();
  return rows.map((r) => ({ position: r.position ?? null, count: Number(r.count) }));
}

/** The works a user left kudos on that the audience may see, newest kudos first, with the total. */
export async function listKudosHistory(
  db: Db,
  userId: number,
  audience: WorkAudience,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ workIds: number[]; total: number }> {
  const base = db
    .selectFrom('kudos')
    .innerJoin('works as w', 'w.id', 'kudos.work_id')
    .where('kudos.user_id', '=', userId)
    .where((eb) => listedWorks(eb, audience, 'w'));
  const [rows, count] = await Promise.all([
    base.select('kudos.work_id').orderBy('kudos.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { workIds: rows.map((r) => r.work_id), total: Number(count.n) };
}

/** A kudos the daily mail has not told of yet. */
export interface UnnotifiedKudos {
  id: number;
  workId: number;
  username: string | null;
}

/** Kudos not yet told of, oldest first, at most `limit`. */
export async function listUnnotifiedKudos(db: Db, limit: number): Promise<UnnotifiedKudos[]> {
  const rows = await db
    .selectFrom('kudos')
    .leftJoin('users', 'users.id', 'kudos.user_id')
    .select(['kudos.id', 'kudos.work_id', 'users.username'])
    .where('kudos.notified_at', 'is', null)
    .where('kudos.is_hidden', '=', 0)
    .orderBy('kudos.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, workId: r.work_id, username: r.username ?? null }));
}

export async function markKudosNotified(db: Db, kudosIds: readonly number[], now: Date): Promise<void> {
  if (!kudosIds.length) return;
  await db
    .updateTable('kudos')
    .set({ notified_at: now.toISOString() })
    .where('id', 'in', [...kudosIds])
    .execute();
}

/** The works' titles. */
export async function listWorkTitles(db: Db, workIds: readonly number[]): Promise<Map<number, string>> {
  if (!workIds.length) return new Map();
  const rows = await db
    .selectFrom('works')
    .select(['id', 'title'])
    .where('id', 'in', [...workIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Who to write to, with their kudos mail preference. */
export async function listKudosRecipients(
  db: Db,
  userIds: readonly number[],
): Promise<Array<{ id: number; username: string; email: string; kudosEmailsOff: boolean }>> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'kudos_emails_off'])
    .where('id', 'in', [...userIds])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    email: r.email,
    kudosEmailsOff: r.kudos_emails_off === 1,
  }));
}
