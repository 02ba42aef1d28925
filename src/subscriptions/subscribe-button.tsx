/**
 * The Subscribe button other pages show (the work page through the reading
 * extra, the series page, a user's page): a plain POST form to
 * `/subscriptions`, which comes back with a flash. Given the member's
 * subscription id it is an Unsubscribe button instead.
 */
import type { SubscriptionKind } from './subscriptions.table.ts';

export interface SubscribeButtonProps {
  kind: SubscriptionKind;
  targetId: number;
  returnTo: string;
  /** The member's subscription to it, when they have one. */
  subscriptionId?: number | null;
}

export function SubscribeButton({ kind, targetId, returnTo, subscriptionId }: SubscribeButtonProps) {
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
