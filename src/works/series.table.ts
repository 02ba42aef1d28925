/** Series and the works in them, in order. */
import type { Generated, Selectable } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export interface SeriesTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  notes: Generated<string>;
  is_complete: Flag;
  owner_id: number | null;
  created_at: string;
}

export interface SeriesWorksTable {
  series_id: number;
  work_id: number;
  position: number;
}

export type Series = Selectable<SeriesTable>;
