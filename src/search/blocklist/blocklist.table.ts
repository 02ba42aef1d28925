/** A reader's personal blocklist: tags, creators and works they never want to see, and its rules. */

export interface BlockedTagsTable {
  user_id: number;
  tag_id: number;
  created_at: string;
}

export interface BlockedCreatorsTable {
  user_id: number;
  pseud_id: number;
  created_at: string;
}

export interface BlockedWorksTable {
  user_id: number;
  work_id: number;
  created_at: string;
}

export interface BlocklistRulesTable {
  user_id: number;
  max_tags: number | null;
  stale_months: number | null;
  updated_at: string;
}
