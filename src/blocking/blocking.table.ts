/** Who blocked or muted whom (migration 0013). */

/** A blocked user cannot comment on the blocker's works, reply to their comments, leave kudos or give gifts. */
export interface UserBlocksTable {
  blocker_id: number;
  blocked_id: number;
  created_at: string;
}

/** A muted user's works, bookmarks and comments disappear from everything the muter sees. */
export interface UserMutesTable {
  muter_id: number;
  muted_id: number;
  created_at: string;
}
