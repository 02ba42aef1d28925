/** The readings tables (migration 0023): a member's history, marked for later and reading statuses. */
import type { Generated, Selectable } from 'kysely';

/** Where a reader is with a work, privately. */
export const READING_STATUSES = ['reading', 'finished', 'on-hold', 'dropped'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

export interface ReadingsTable {
  user_id: number;
  work_id: number;
  /** The last visit, or null when the row holds only a mark for later or a status. */
  visited_at: string | null;
  visit_count: Generated<number>;
  last_chapter_id: number | null;
  /** The work's posted chapters at the last visit: more now means "Updated since last visit". */
  chapters_seen: Generated<number>;
  is_marked_for_later: Generated<number>;
  marked_at: string | null;
  status: ReadingStatus | null;
  note: string | null;
  /** 1–5, the reader's own. */
  rating: number | null;
  status_updated_at: string | null;
}

export interface ReadingSettingsTable {
  user_id: number;
  is_history_off: Generated<number>;
}

export type Reading = Selectable<ReadingsTable>;
