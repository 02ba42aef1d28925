/** What search keeps beside works: filter tags, sort facts and the change log other processes follow. */
import type { Generated } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export interface FilterTaggingsTable {
  work_id: number;
  tag_id: number;
  is_inherited: Flag;
}

/** Search facts of a work (migration 0004; written only by indexing/indexer.ts). */
export interface WorkSearchTable {
  work_id: number;
  title_sort: string;
  creator_sort: string;
  is_crossover: Flag;
  tag_count: Flag;
  indexed_at: string;
}

/** One row per committed change to a work that listings filter or sort on (migration 0007). */
export interface SearchChangesTable {
  id: Generated<number>;
  work_id: number;
  changed_at: string;
  /** 1 when only the work's kudos, comment, bookmark or hit counts changed (migration 0012). */
  counters_only: Flag;
}
