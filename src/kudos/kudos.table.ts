/** Kudos (migration 0013): one per work per account, or per guest address. */
import type { Generated, Selectable } from 'kysely';

export interface KudosTable {
  id: Generated<number>;
  work_id: number;
  /** The chapter the kudos was given from; null from the whole-work page or once the chapter is gone. */
  chapter_id: number | null;
  /** Null for a guest, and once the giver's account is gone (then counted with the guests). */
  user_id: number | null;
  /** A guest's address as a keyed hash, never the address itself; null for an account. */
  guest_key: string | null;
  created_at: string;
  /** When the creators' daily kudos mail told of it; null until then. */
  notified_at: string | null;
  /** Left by an account marked as a spammer (migration 0047): not counted while the mark stands. */
  is_hidden: Generated<number>;
}

export type Kudos = Selectable<KudosTable>;
