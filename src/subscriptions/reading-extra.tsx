/** Subscribe (to new chapters) under a work's details, for members who may subscribe to it (a reading extra). */
import { isListedWithStates, listingAudience } from '../visibility/index.ts';
import type { ReadingExtra } from '../works/reading-extras.ts';
import { can } from './policy.ts';
import { findSubscription } from './queries.ts';
import { SubscribeButton } from '../web/subscribe-button.tsx';

export const subscriptionsExtra: ReadingExtra = {
  name: 'subscriptions',
  place: 'actions',
  async load({ db, viewer, access, returnTo }) {
    const isVisible = isListedWithStates(listingAudience(viewer), access.states);
    if (!viewer || !can(viewer, 'subscribe', { isVisible })) return null;
    const subscription = await findSubscription(db, viewer.id, 'work', access.id);
    return (
      <SubscribeButton
        viewer={viewer}
        kind="work"
        targetId={access.id}
        returnTo={returnTo}
        subscriptionId={subscription?.id}
      />
    );
  },
};
