/**
 * SQL of moderation: the states a moderator sets on users and works, and
 * moderators' notes on users. Commands (user-actions.ts, work-actions.ts)
 * call these inside their audited transaction.
 */
import type { Db } from '../db/database.ts';

export async function findSuspension(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['suspended_until', 'suspension_reason'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** A work's moderation facts, for the audit log's before and after. */
export async function findWorkModeration(db: Db, workId: number) {
  return db
    .selectFrom('works')
    .select(['id', 'title', 'is_hidden', 'hidden_reason', 'hidden_by', 'deleted_at'])
    .where('id', '=', workId)
    .executeTakeFirst();
}

/** What a moderator's edit of a work's classification starts from: its title, rating, language and state. */
export async function findWorkClassification(db: Db, workId: number) {
  return db
    .selectFrom('works')
    .innerJoin('languages', 'languages.id', 'works.language_id')
    .select([
      'works.id',
      'works.title',
      'works.rating',
      'works.status',
      'works.deleted_at',
      'languages.code as language',
      'languages.name as language_name',
    ])
    .where('works.id', '=', workId)
    .executeTakeFirst();
}

export async function setWorkHidden(
  trx: Db,
  workIds: readonly number[],
  hidden: { reason: string; by: 'moderator' | 'ban' } | null,
): Promise<void> {
  if (!workIds.length) return;
  await trx
    .updateTable('works')
    .set(
      hidden
        ? { is_hidden: 1, hidden_reason: hidden.reason, hidden_by: hidden.by }
        : { is_hidden: 0, hidden_reason: null, hidden_by: null },
    )
    .where('id', 'in', [...workIds])
    .execute();
}

/** Every work a user is a creator of (accepted or not), with whether it is hidden and by what. */
export async function listWorksOfUser(db: Db, userId: number) {
  return db
    .selectFrom('works')
    .select(['works.id', 'works.title', 'works.is_hidden', 'works.hidden_by'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('creatorships')
          .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
          .select('creatorships.work_id')
          .whereRef('creatorships.work_id', '=', 'works.id')
          .where('pseuds.user_id', '=', userId),
      ),
    )
    .orderBy('works.id')
    .execute();
}

/** A user as moderators see them. */
export async function findUserForModeration(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'email',
      'created_at',
      'is_admin',
      'is_moderator',
      'is_support',
      'is_wrangler',
      'suspended_until',
      'suspension_reason',
      'banned_at',
      'ban_reason',
      'is_spammer',
    ])
    .where('username', '=', username)
    .executeTakeFirst();
}

export type ModeratedUser = NonNullable<Awaited<ReturnType<typeof findUserForModeration>>>;

export async function setSuspension(trx: Db, userId: number, until: string | null, reason: string | null) {
  await trx
    .updateTable('users')
    .set({ suspended_until: until, suspension_reason: reason })
    .where('id', '=', userId)
    .execute();
}

export async function setBan(trx: Db, userId: number, ban: { at: string; reason: string; spammer: boolean } | null) {
  await trx
    .updateTable('users')
    .set(
      ban
        ? { banned_at: ban.at, ban_reason: ban.reason, ...(ban.spammer ? { is_spammer: 1 } : {}) }
        : { banned_at: null, ban_reason: null, is_spammer: 0 },
    )
    .where('id', '=', userId)
    .execute();
}

/** Ends every session of the user (a ban: their browsers are logged out at once). */
export async function endSessionsOf(trx: Db, userId: number): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Hides every published comment of the user (a spammer); gives the works whose counts change. */
export async function hideCommentsOf(trx: Db, userId: number): Promise<{ commentIds: number[]; workIds: number[] }> {
  const rows = await trx
    .updateTable('comments')
    .set({ is_hidden: 1, hidden_by_ban: 1 })
    .where('user_id', '=', userId)
    .where('is_hidden', '=', 0)
    .returning(['id', 'work_id'])
    .execute();
  return { commentIds: rows.map((r) => r.id), workIds: [...new Set(rows.map((r) => r.work_id))] };
}

/** Shows again the comments a spammer mark hid (not those their works' creators hid); gives the works. */
export async function unhideBanHiddenCommentsOf(trx: Db, userId: number): Promise<number[]> {
  const rows = await trx
    .updateTable('comments')
    .set({ is_hidden: 0, hidden_by_ban: 0 })
    .where('user_id', '=', userId)
    .where('hidden_by_ban', '=', 1)
    .returning('work_id')
    .execute();
  return [...new Set(rows.map((r) => r.work_id))];
}

/**
 * Hides (a spammer mark) or shows again (the ban lifted) every kudos the user left, and recounts
 * `works.kudos_count` of the works they were on from the kudos still counted; gives those works.
 */
export async function setKudosHiddenOf(trx: Db, userId: number, hidden: boolean): Promise<number[]> {
  const rows = await trx
    .updateTable('kudos')
    .set({ is_hidden: hidden ? 1 : 0 })
    .where('user_id', '=', userId)
    .where('is_hidden', '=', hidden ? 0 : 1)
    .returning('work_id')
    .execute();
  const workIds = [...new Set(rows.map((r) => r.work_id))];
  if (workIds.length)
    await trx
      .updateTable('works')
      .set((eb) => ({
        kudos_count: eb
          .selectFrom('kudos')
          .select((k) => k.fn.countAll<number>().as('n'))
          .whereRef('kudos.work_id', '=', 'works.id')
          .where('kudos.is_hidden', '=', 0),
      }))
      .where('id', 'in', workIds)
      .execute();
  return workIds;
}

export async function insertUserNote(
  trx: Db,
  note: { userId: number; authorUserId: number | null; authorName: string; body: string; at: string },
): Promise<number> {
  const row = await trx
    .insertInto('user_notes')
    .values({
      user_id: note.userId,
      author_user_id: note.authorUserId,
      author_name: note.authorName,
      body: note.body,
      created_at: note.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listUserNotes(db: Db, userId: number) {
  return db.selectFrom('user_notes').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

/** Works held for review (a young account's spam-like work, src/works/hold-for-review.ts), oldest first. */
export async function listHeldWorks(db: Db, limit = 100) {
  return db
    .selectFrom('works')
    .select(['id', 'title', 'summary', 'hold_reason', 'created_at'])
    .where('is_held', '=', 1)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findHeldWork(db: Db, workId: number) {
  return db
    .selectFrom('works')
    .select(['id', 'title', 'hold_reason'])
    .where('id', '=', workId)
    .where('is_held', '=', 1)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Comments held as spam-like (many links, repeated text): the held queue beside the reports. */
export async function listHeldComments(db: Db, limit = 100) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.user_id')
    .select([
      'comments.id',
      'comments.work_id',
      'comments.body',
      'comments.hold_reason',
      'comments.guest_name',
      'comments.created_at',
      'users.username',
    ])
    .where('comments.state', '=', 'held')
    .where('comments.hold_reason', 'in', ['links', 'repeated'])
    .where('comments.deleted_at', 'is', null)
    .orderBy('comments.id')
    .limit(limit)
    .execute();
}

export async function countHeldComments(db: Db): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'held')
    .where('hold_reason', 'in', ['links', 'repeated'])
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The text a reported thing shows its readers (a work's summary, a comment's or bookmark's words), for the queue. */
export async function findTargetText(db: Db, type: string, id: number): Promise<string | null> {
  if (type === 'work') {
    return (await db.selectFrom('works').select('summary').where('id', '=', id).executeTakeFirst())?.summary ?? null;
  }
  if (type === 'comment') {
    return (await db.selectFrom('comments').select('body').where('id', '=', id).executeTakeFirst())?.body ?? null;
  }
  if (type === 'bookmark') {
    return (await db.selectFrom('bookmarks').select('notes').where('id', '=', id).executeTakeFirst())?.notes ?? null;
  }
  if (type === 'series') {
    return (await db.selectFrom('series').select('summary').where('id', '=', id).executeTakeFirst())?.summary ?? null;
  }
  return null;
}

export async function usernameOf(db: Db, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  return (
    (await db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst())?.username ?? null
  );
}
