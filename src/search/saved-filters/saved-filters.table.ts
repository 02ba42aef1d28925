/** A reader's saved filters. */
import type { Generated } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The canonical query string of the filters. */
  query: string;
  is_default: Flag;
  created_at: string;
}
