/** Tags, the works they are on, and the wrangled links between them. */
import type { Generated, Selectable } from 'kysely';

/** A boolean column: 0 or 1 on both dialects. */
type Flag = Generated<number>;

export type TagKind =
  'rating' | 'warning' | 'category' | 'media' | 'fandom' | 'relationship' | 'character' | 'freeform' | 'unsorted';

export interface TagsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  kind: TagKind;
  is_canonical: Flag;
  is_unwrangleable: Flag;
  synonym_of_id: number | null;
  created_at: string;
}

/** The work field a tag was typed into. */
export type TagField = 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform';

export interface TaggingsTable {
  work_id: number;
  tag_id: number;
  field: TagField;
  position: Generated<number>;
}

export interface MetaTaggingsTable {
  meta_tag_id: number;
  sub_tag_id: number;
}

export interface TagParentsTable {
  parent_id: number;
  child_id: number;
}

export type Tag = Selectable<TagsTable>;
