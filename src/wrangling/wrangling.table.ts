/** Tag wrangling's history and the fandoms each wrangler looks after. */
import type { Generated, Selectable } from 'kysely';

export interface WranglingActionsTable {
  id: Generated<number>;
  tag_id: number;
  user_id: number | null;
  actor_name: string;
  action: string;
  before: Generated<string>;
  after: Generated<string>;
  created_at: string;
}

export interface WranglerFandomsTable {
  user_id: number;
  fandom_id: number;
  created_at: string;
}

export type WranglingAction = Selectable<WranglingActionsTable>;
