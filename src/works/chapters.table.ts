/** A work's chapters. */
import type { Generated, Insertable, Selectable } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: Generated<string>;
  summary: Generated<string>;
  notes: Generated<string>;
  end_notes: Generated<string>;
  body: string;
  word_count: Generated<number>;
  is_posted: Flag;
  published_on: string | null;
  created_at: string;
  updated_at: string;
}

export type Chapter = Selectable<ChaptersTable>;

export type NewChapter = Insertable<ChaptersTable>;
