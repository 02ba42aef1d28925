/**
 * What changes collections and the works in them. Every change that can
 * move a work in or out of an anonymous or unrevealed collection ends in
 * `rederive`, the one place the works' `is_anonymous`/`is_unrevealed` are
 * set from their collections (and their search rows re-indexed, so a
 * creator's name leaves or returns to search with them). A reveal records
 * `works.revealed` in the outbox: the subscription notices held while the
 * works were Mystery Works go out then, once.
 */
import type { Db } from '../db/database.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { recordEvent } from '../outbox/outbox.ts';
import type { Viewer } from '../web/context.ts';
import type { Collection, ItemStatus, RevealWhat } from './collections.table.ts';
import { canMaintain, canPostTo } from './policy.ts';
import {
  deriveConcealment,
  findItem,
  findRole,
  listDueReveals,
  listUnrevealedPosted,
  listWorkIdsInCollection,
  putItem,
  setItemStatus,
  updateCollectionFlags,
} from './queries.ts';

/** Sets the works' concealment from their collections and re-indexes those that changed. */
export async function rederive(db: Db, workIds: readonly number[]): Promise<number[]> {
  const changed = await deriveConcealment(db, workIds);
  if (changed.length) await reindexWorks(db, changed);
  return changed;
}

export type SubmitResult = { ok: true; status: ItemStatus } | { ok: false; reason: string };

/**
 * A creator puts their work into a collection: refused when it is closed or members only and they are not a
 * member; waiting for a maintainer in a moderated one (unless they maintain it). Call in a transaction.
 */
export async function submitWork(
  db: Db,
  viewer: Viewer,
  collection: Collection,
  workId: number,
  now: Date,
): Promise<SubmitResult> {
  const role = await findRole(db, collection.id, viewer.id);
  if (!canPostTo(viewer, collection, role)) {
    return {
      ok: false,
      reason:
        collection.is_closed === 1
          ? `${collection.title} is closed to new works.`
          : `Only members of ${collection.title} may post to it.`,
    };
  }
  const existing = await findItem(db, collection.id, workId);
  if (existing && (existing.status === 'approved' || existing.status === 'awaiting')) {
    return { ok: true, status: existing.status };
  }
  if (existing?.status === 'rejected') return { ok: false, reason: `${collection.title} has declined this work.` };
  const status: ItemStatus =
    collection.is_moderated === 1 && !canMaintain(viewer, role) && existing?.status !== 'invited'
      ? 'awaiting'
      : 'approved';
  await putItem(db, collection.id, workId, status, now);
  await rederive(db, [workId]);
  return { ok: true, status };
}

/** A maintainer asks for a work: it joins when its creators accept. */
export async function inviteWork(db: Db, collectionId: number, workId: number, now: Date): Promise<boolean> {
  const existing = await findItem(db, collectionId, workId);
  if (existing) return false;
  await putItem(db, collectionId, workId, 'invited', now);
  await recordEvent(db, 'collection.invited', { collectionId, workId }); // its creators are mailed
  return true;
}

/** A creator answers an invitation: accepted, the work is in (approved: a maintainer asked for it). */
export async function answerInvitation(db: Db, itemId: number, workId: number, accept: boolean, now: Date) {
  await setItemStatus(db, [itemId], accept ? 'approved' : 'declined', now);
  await rederive(db, [workId]);
}

/** Maintainers approve, reject or remove items; the works' concealment follows. */
export async function moderateItems(
  db: Db,
  items: ReadonlyArray<{ id: number; work_id: number }>,
  status: 'approved' | 'rejected' | 'removed',
  now: Date,
) {
  await setItemStatus(
    db,
    items.map((i) => i.id),
    status,
    now,
  );
  await rederive(
    db,
    items.map((i) => i.work_id),
  );
}

/** Changing a collection's settings (anonymous, unrevealed) changes its works: derive them again. */
export async function rederiveCollection(db: Db, collectionId: number): Promise<number[]> {
  return rederive(db, await listWorkIdsInCollection(db, collectionId));
}

/**
 * Reveals a collection's works, their creators, or both, now. The works that stop being Mystery Works are
 * announced (`works.revealed`), so the notices held back while they were secret go out.
 */
export async function revealCollection(db: Db, collectionId: number, what: RevealWhat): Promise<number[]> {
  const workIds = await listWorkIdsInCollection(db, collectionId);
  const secretBefore = await listUnrevealedPosted(db, workIds);
  await updateCollectionFlags(db, collectionId, {
    ...(what !== 'creators' ? { is_unrevealed: 0 } : {}),
    ...(what !== 'works' ? { is_anonymous: 0 } : {}),
    reveal_at: null,
    reveal_what: null,
  });
  await rederive(db, workIds);
  const stillSecret = new Set(await listUnrevealedPosted(db, secretBefore));
  const revealed = secretBefore.filter((id) => !stillSecret.has(id));
  if (revealed.length) await recordEvent(db, 'works.revealed', { workIds: revealed });
  return revealed;
}

/** The periodic job: every collection whose scheduled reveal is due is revealed, once (the schedule is cleared). */
export async function runDueReveals(db: Db, now: Date): Promise<number> {
  const due = await listDueReveals(db, now);
  for (const collection of due) await revealCollection(db, collection.id, collection.reveal_what ?? 'both');
  return due.length;
}

export const REVEAL_JOB = 'collections.reveal-due';
