/** The page change log (migration 0040): works whose pages changed without their `works` row changing. */
import type { Generated } from 'kysely';

export interface PageChangesTable {
  id: Generated<number>;
  work_id: number;
  changed_at: string;
}
