/** The collection tables (migration 0044). */
import type { Generated, Selectable } from 'kysely';

type Flag = Generated<number>;

/** What a scheduled reveal makes known: the works, their creators, or both. */
export type RevealWhat = 'works' | 'creators' | 'both';

export interface CollectionsTable {
  id: Generated<number>;
  /** The short name, its URL (`/collections/:name`); unique whatever its case. */
  name: string;
  title: string;
  description: Generated<string>;
  introduction: Generated<string>;
  rules: Generated<string>;
  faq: Generated<string>;
  /** Takes no new works (members still may). */
  is_closed: Flag;
  /** New works wait for a maintainer's approval. */
  is_moderated: Flag;
  /** Only its members (and maintainers) may post to it. */
  is_members_only: Flag;
  /** Its works are Mystery Works until the reveal. */
  is_unrevealed: Flag;
  /** Its works' creators are Anonymous until the reveal. */
  is_anonymous: Flag;
  parent_id: number | null;
  /** When a scheduled reveal is due (ISO time), and what it reveals. */
  reveal_at: string | null;
  reveal_what: RevealWhat | null;
  /** The IANA time zone its dates are given and shown in (migration 0066). */
  time_zone: Generated<string>;
  created_at: string;
  /** Raised by the database whenever one of its items changes (migration 0059): the in-memory index's check. */
  items_version: Generated<number>;
  /** Its icon's file name under the data folder's `collection-icons/` (migration 0070), or null for none. */
  icon_file: Generated<string | null>;
  /** The icon's alt text (required with an icon; null without one). */
  icon_alt: Generated<string | null>;
}

/** Owners and moderators maintain a collection; members may post to it when it is closed or members only. */
export type ParticipantRole = 'owner' | 'moderator' | 'member';

export interface CollectionParticipantsTable {
  collection_id: number;
  user_id: number;
  role: ParticipantRole;
}

/**
 * Where a work stands in a collection. `awaiting` and `approved` are in it (and carry its anonymity and
 * secrecy); `invited` waits for its creators' answer.
 */
export type ItemStatus = 'awaiting' | 'approved' | 'rejected' | 'removed' | 'invited' | 'declined';

export interface CollectionItemsTable {
  id: Generated<number>;
  collection_id: number;
  work_id: number;
  status: ItemStatus;
  created_at: string;
  updated_at: string;
}

export type Collection = Selectable<CollectionsTable>;
export type CollectionItem = Selectable<CollectionItemsTable>;
