/**
 * SQL of taking an invitation at sign-up (the invitations themselves are src/invitations/'s): a code is
 * claimed before the account is made, by an update that only an unused code passes, so two sign-ups with
 * one code cannot both succeed; a sign-up that then fails gives the code back.
 */
import type { Db } from '../db/database.ts';

export async function isInvitationUsable(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('code', '=', code)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export async function claimInvitation(db: Db, code: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: now.toISOString() })
    .where('code', '=', code)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseInvitation(db: Db, code: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ used_at: null })
    .where('code', '=', code)
    .where('used_by', 'is', null)
    .execute();
}

export async function recordInvitationUser(db: Db, code: string, userId: number): Promise<void> {
  await db.updateTable('invitations').set({ used_by: userId }).where('code', '=', code).execute();
}
