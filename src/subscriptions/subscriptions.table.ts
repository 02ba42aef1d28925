/** The subscription tables (migration 0022). */
import type { Generated, Selectable } from 'kysely';

/** What a member follows: a work's new chapters, a series', a creator's or a (canonical) tag's new works. */
export type SubscriptionKind = 'work' | 'series' | 'creator' | 'tag' | 'filter';

/** How often a member's notice mail comes: every hour, once a day, or never (the feed still works). */
export type SubscriptionFrequency = 'hourly' | 'daily' | 'off';

export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  kind: SubscriptionKind;
  /** The work, series, user, tag or (the member's own) saved filter followed. */
  target_id: number;
  created_at: string;
}

export interface SubscriptionUpdatesTable {
  id: Generated<number>;
  work_id: number;
  /** The chapter posted, or null when the work itself was posted. */
  chapter_id: number | null;
  posted_at: string;
}

export interface SubscriptionReadersTable {
  user_id: number;
  frequency: Generated<SubscriptionFrequency>;
  last_update_id: Generated<number>;
  checked_at: string | null;
  feed_token: string | null;
}

export interface SubscriptionSentTable {
  user_id: number;
  /** `work:<id>` or `chapter:<id>`. */
  item: string;
  sent_at: string;
}

export type Subscription = Selectable<SubscriptionsTable>;
