/** Tag sets, their maintainers, tags, fandom associations and nominations (migrations 0048, 0049). */
import type { Generated, Selectable } from 'kysely';

/** The kinds a tag set lists; ratings, categories and warnings are the archive's fixed ones and in no set. */
export type TagSetKind = 'fandom' | 'character' | 'relationship' | 'freeform';

export type NominationStatus = 'pending' | 'approved' | 'rejected';

export interface TagSetsTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  is_visible: Generated<number>;
  is_usable: Generated<number>;
  are_nominations_open: Generated<number>;
  fandom_nomination_limit: Generated<number>;
  character_nomination_limit: Generated<number>;
  relationship_nomination_limit: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TagSetMaintainersTable {
  tag_set_id: number;
  user_id: number;
  is_owner: Generated<number>;
}

export interface TagSetTagsTable {
  tag_set_id: number;
  tag_id: number;
  kind: TagSetKind;
}

export interface TagSetAssociationsTable {
  tag_set_id: number;
  tag_id: number;
  fandom_id: number;
}

export interface TagSetNominationsTable {
  id: Generated<number>;
  tag_set_id: number;
  user_id: number;
  tag_id: number;
  kind: TagSetKind;
  /** 0 for a fandom nomination; the fandom's tag id for a character or relationship. */
  fandom_id: Generated<number>;
  status: Generated<NominationStatus>;
  created_at: string;
}

export type TagSetRow = Selectable<TagSetsTable>;
export type NominationRow = Selectable<TagSetNominationsTable>;
