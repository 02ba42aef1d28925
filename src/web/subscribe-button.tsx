/**
 * The Subscribe button (src/subscriptions/ handles what it posts): a plain
 * POST form to `/subscriptions`, coming back to `returnTo` with a flash.
 * It sits in web/ so the series and user pages can show it without their
 * folders and subscriptions importing each other. Shown to members only,
 * and never on one's own user page; given the member's subscription id (the
 * work page knows it) it is an Unsubscribe button instead.
 */
import type { Viewer } from './context.ts';

export interface SubscribeButtonProps {
  viewer: Viewer | null;
  kind: 'work' | 'series' | 'creator' | 'tag' | 'filter';
  targetId: number;
  returnTo: string;
  /** The member's subscription to it, when known. */
  subscriptionId?: number | null;
}

export function SubscribeButton({ viewer, kind, targetId, returnTo, subscriptionId }: SubscribeButtonProps) {
  if (!viewer || (kind === 'creator' && viewer.id === targetId)) return null;
  if (subscriptionId) {
    return (
      <form method="post" action={`/subscriptions/${subscriptionId}/delete`} class="subscribe-form">
        <input type="hidden" name="return_to" value={returnTo} />
        <button type="submit">Unsubscribe</button>
      </form>
    );
  }
  return (
    <form method="post" action="/subscriptions" class="subscribe-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target_id" value={String(targetId)} />
      <input type="hidden" name="return_to" value={returnTo} />
      <button type="submit">Subscribe</button>
    </form>
  );
}
