/** SQL of invitations and the queue of people asking for one (migration 0034). */
import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Invitation } from './invitations.table.ts';

/** Twenty letters and digits that are hard to misread. */
export function newInvitationCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(crypto.randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}

export async function createInvitation(
  db: Db,
  { userId = null, email = null, now }: { userId?: number | null; email?: string | null; now: Date },
): Promise<string> {
  const code = newInvitationCode();
  await db
    .insertInto('invitations')
    .values({
      code,
      user_id: userId,
      email,
      created_at: now.toISOString(),
      sent_at: email ? now.toISOString() : null,
      used_by: null,
      used_at: null,
    })
    .execute();
  return code;
}

export async function listUnusedInvitationsOf(db: Db, userId: number): Promise<Invitation[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** A member's own unused invitation, to send on. */
export async function findOwnUnusedInvitation(db: Db, userId: number, id: number): Promise<Invitation | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
}

export async function markInvitationSent(db: Db, id: number, email: string, now: Date): Promise<void> {
  await db.updateTable('invitations').set({ email, sent_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function listRecentInvitations(db: Db, limit: number) {
  return db
    .selectFrom('invitations')
    .leftJoin('users as owner', 'owner.id', 'invitations.user_id')
    .leftJoin('users as taker', 'taker.id', 'invitations.used_by')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.created_at',
      'invitations.sent_at',
      'invitations.used_at',
      'owner.username as owner',
      'taker.username as taker',
    ])
    .orderBy('invitations.id', 'desc')
    .limit(limit)
    .execute();
}

/** Adds the address to the queue unless it is there; either way its place (1 = next) among those waiting. */
export async function joinQueue(db: Db, email: string, now: Date): Promise<number | null> {
  await db
    .insertInto('invite_requests')
    .values({ email, created_at: now.toISOString(), invited_at: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return placeInQueue(db, email);
}

/** The address's place among those still waiting, or null when it is not waiting (or was invited). */
export async function placeInQueue(db: Db, email: string): Promise<number | null> {
  const own = await db
    .selectFrom('invite_requests')
    .select(['id', 'invited_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!own || own.invited_at) return null;
  const ahead = await db
    .selectFrom('invite_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('invited_at', 'is', null)
    .where('id', '<', own.id)
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

export async function countWaiting(db: Db): Promise<number> {
  const row = await db
    .selectFrom('invite_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('invited_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function nextInQueue(db: Db, limit: number): Promise<Array<{ id: number; email: string }>> {
  return db
    .selectFrom('invite_requests')
    .select(['id', 'email'])
    .where('invited_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks the request invited, unless another process already did; whether this one did. */
export async function markRequestInvited(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invite_requests')
    .set({ invited_at: now.toISOString() })
    .where('id', '=', id)
    .where('invited_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
