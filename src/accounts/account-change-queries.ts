/**
 * SQL of changing an account: its username (at most once a week; the old
 * name redirects and is held from others for 30 days, `former_usernames`,
 * migration 0037) and its password (every other session ends, every API
 * token and app password is revoked — KOReader keys join a live credential,
 * so they stop too).
 */
import type { Db } from '../db/database.ts';

export const RENAME_EVERY_DAYS = 7;
export const FORMER_NAME_DAYS = 30;

const daysAgo = (days: number, now: Date) => new Date(now.getTime() - days * 86_400_000).toISOString();

/** Whether another account gave up this name less than 30 days ago (so nobody else may take it yet). */
export async function isUsernameHeld(db: Db, username: string, exceptUserId?: number, now = new Date()) {
  let query = db
    .selectFrom('former_usernames')
    .select('id')
    .where('name_key', '=', username.toLowerCase())
    .where('changed_at', '>', daysAgo(FORMER_NAME_DAYS, now));
  if (exceptUserId !== undefined) query = query.where('user_id', '!=', exceptUserId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The current name of the account that was called this until less than 30 days ago, for a redirect. */
export async function findRenamedTo(db: Db, formerName: string, now = new Date()): Promise<string | undefined> {
  const row = await db
    .selectFrom('former_usernames')
    .innerJoin('users', 'users.id', 'former_usernames.user_id')
    .select('users.username')
    .where('former_usernames.name_key', '=', formerName.toLowerCase())
    .where('former_usernames.changed_at', '>', daysAgo(FORMER_NAME_DAYS, now))
    .orderBy('former_usernames.changed_at', 'desc')
    .executeTakeFirst();
  return row?.username;
}

export type RenameOutcome = { ok: true; oldName: string } | { ok: false; reason: 'too-soon' | 'taken' };

/**
 * Renames the account in one transaction, its row locked so two renames take
 * turns: refused within a week of the last rename, or when the name belongs
 * to someone or is held for them. The default pseud named after the account
 * takes the new name too; works, pseuds and bookmarks hang on ids and follow.
 * The unique index on lower(username) stays the last guard.
 */
export async function renameUser(db: Db, userId: number, newName: string, now = new Date()): Promise<RenameOutcome> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ id: userId }).where('id', '=', userId).execute();
    const user = await trx
      .selectFrom('users')
      .select(['username', 'username_changed_at'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (user.username_changed_at && user.username_changed_at > daysAgo(RENAME_EVERY_DAYS, now)) {
      return { ok: false, reason: 'too-soon' } as const;
    }
    const owner = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['username']), '=', newName.toLowerCase()))
      .executeTakeFirst();
    if ((owner && owner.id !== userId) || (await isUsernameHeld(trx, newName, userId, now))) {
      return { ok: false, reason: 'taken' } as const;
    }
    const at = now.toISOString();
    await trx
      .deleteFrom('former_usernames')
      .where('user_id', '=', userId)
      .where('name_key', '=', newName.toLowerCase())
      .execute();
    if (user.username.toLowerCase() !== newName.toLowerCase()) {
      await trx
        .insertInto('former_usernames')
        .values({ name_key: user.username.toLowerCase(), user_id: userId, changed_at: at })
        .execute();
    }
    await trx
      .updateTable('users')
      .set({ username: newName, username_changed_at: at })
      .where('id', '=', userId)
      .execute();
    const pseuds = await trx.selectFrom('pseuds').select(['id', 'name']).where('user_id', '=', userId).execute();
    const clash = pseuds.some((p) => p.name.toLowerCase() === newName.toLowerCase() && p.name !== user.username);
    const named = pseuds.find((p) => p.name === user.username);
    if (named && !clash) await trx.updateTable('pseuds').set({ name: newName }).where('id', '=', named.id).execute();
    return { ok: true, oldName: user.username } as const;
  });
}

export async function findPasswordHash(db: Db, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

/** Sets the new hash, ends every session but this one and revokes every live credential; says how many of each. */
export async function changePassword(
  db: Db,
  userId: number,
  passwordHash: string,
  keepSessionId: string,
): Promise<{ sessions: number; credentials: number }> {
  const now = new Date().toISOString();
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  const sessions = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .executeTakeFirst();
  const credentials = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  // An emailed reset link made before the change must not undo it.
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  return { sessions: Number(sessions.numDeletedRows), credentials: Number(credentials.numUpdatedRows) };
}
