/** Series co-creators (migration 0019): invited pseuds, counted once accepted. */
import type { Generated, Selectable } from 'kysely';

export interface SeriesCreatorsTable {
  id: Generated<number>;
  series_id: number;
  pseud_id: number;
  /** 0 while the invitation waits for an answer, 1 once accepted. */
  is_accepted: Generated<number>;
  position: Generated<number>;
}

export type SeriesCreator = Selectable<SeriesCreatorsTable>;
