/**
 * Who may subscribe to what, and who sees a member's subscriptions. Members
 * only (a notice needs an address); a work only when the member may read it
 * and it is listed for them; never oneself as a creator. A member's list,
 * their feed address and their mail setting are theirs alone.
 */
import type { Viewer } from '../web/context.ts';

export type SubscriptionAction = 'subscribe' | 'see-subscriptions';

export type SubscriptionRefusal = 'log_in' | 'not_found' | 'self';

export interface SubscribeTarget {
  /** The target exists and the viewer may see it (a work they may read, a series with a work they may see). */
  isVisible: boolean;
  /** For a creator subscription: the creator's user id. */
  creatorUserId?: number;
}

export function whyCannotSubscribe(viewer: Viewer | null, target: SubscribeTarget): SubscriptionRefusal | null {
  if (!viewer) return 'log_in';
  if (!target.isVisible) return 'not_found';
  if (target.creatorUserId === viewer.id) return 'self';
  return null;
}

export function can(viewer: Viewer | null, action: 'subscribe', target: SubscribeTarget): boolean;
export function can(viewer: Viewer | null, action: 'see-subscriptions', owner: { id: number }): boolean;
export function can(viewer: Viewer | null, action: SubscriptionAction, resource: SubscribeTarget | { id: number }) {
  if (action === 'subscribe') return whyCannotSubscribe(viewer, resource as SubscribeTarget) === null;
  return !!viewer && viewer.id === (resource as { id: number }).id;
}

export const REFUSAL_MESSAGES: Record<SubscriptionRefusal, string> = {
  log_in: 'Log in to subscribe.',
  not_found: 'There is nothing there to subscribe to.',
  self: 'You cannot subscribe to yourself.',
};
