/**
 * The subscribe command, shared by the site's button and the API: is the
 * target there for this member (a work they may read and that is listed
 * for them, a series with a work they may see, an account, a tag), may they
 * follow it (policy.ts), and then the row — "already" when they had it.
 */
import { findUserContact } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import { listVisibleSeriesWorks } from '../series/queries.ts';
import { findWorkAccess, isListedWithStates, listingAudience, whyCannotReadWork } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { whyCannotSubscribe, type SubscribeTarget, type SubscriptionRefusal } from './policy.ts';
import { findSavedFilter, findSubscription, findTagName, insertSubscription } from './queries.ts';
import type { SubscriptionKind } from './subscriptions.table.ts';

export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = ['work', 'series', 'creator', 'tag', 'filter'];

export type SubscribeOutcome =
  { kind: 'added' | 'already'; id: number } | { kind: 'refused'; reason: SubscriptionRefusal };

async function targetFor(db: Db, viewer: Viewer, kind: SubscriptionKind, id: number): Promise<SubscribeTarget> {
  if (kind === 'work') {
    const access = await findWorkAccess(db, id);
    const isVisible =
      !!access &&
      whyCannotReadWork(viewer, access) === null &&
      isListedWithStates(listingAudience(viewer), access.states);
    return { isVisible };
  }
  // A saved filter is its owner's alone: another member's is, to them, not there.
  if (kind === 'filter') return { isVisible: (await findSavedFilter(db, id))?.user_id === viewer.id };
  if (kind === 'tag') return { isVisible: (await findTagName(db, id)) !== undefined };
  if (kind === 'series') return { isVisible: (await listVisibleSeriesWorks(db, id, viewer)).length > 0 };
  const user = await findUserContact(db, id);
  return { isVisible: !!user, creatorUserId: user?.id };
}

export async function subscribe(
  db: Db,
  viewer: Viewer | null,
  kind: SubscriptionKind,
  targetId: number,
): Promise<SubscribeOutcome> {
  const refusal = viewer ? whyCannotSubscribe(viewer, await targetFor(db, viewer, kind, targetId)) : 'log_in';
  if (refusal || !viewer) return { kind: 'refused', reason: refusal ?? 'log_in' };
  const added = await insertSubscription(db, viewer.id, kind, targetId, new Date());
  const row = await findSubscription(db, viewer.id, kind, targetId);
  return { kind: added ? 'added' : 'already', id: row!.id };
}
