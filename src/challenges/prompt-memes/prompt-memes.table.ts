/** The prompt meme tables (migration 0066). */
import type { Generated, Selectable } from 'kysely';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';

export interface PromptMemesTable {
  id: Generated<number>;
  /** The collection that holds it; a collection holds at most one. */
  collection_id: number;
  /** The tag set prompts choose their tags from (none: prompts name no tags). */
  tag_set_id: number | null;
  /** When sign-ups open and close (ISO instants, UTC); null: no limit on that side. */
  opens_at: string | null;
  closes_at: string | null;
  /** The prompt form's rules as JSON (rules.ts, `PromptRules`). */
  rules: string;
  is_anonymous_allowed: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PromptsTable {
  id: Generated<number>;
  prompt_meme_id: number;
  user_id: number;
  pseud_id: number | null;
  title: Generated<string>;
  /** Sanitized HTML. */
  description: Generated<string>;
  url: Generated<string>;
  /** Shown as "Anonymous" to everyone but its prompter and the collection's maintainers. */
  is_anonymous: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PromptTagsTable {
  prompt_id: number;
  tag_id: number;
  kind: TagSetKind;
}

export interface PromptClaimsTable {
  id: Generated<number>;
  prompt_id: number;
  user_id: number;
  created_at: string;
}

export interface PromptFillsTable {
  id: Generated<number>;
  prompt_id: number;
  work_id: number;
  /** Who posted the fill (the claimer, when it came from a claim). */
  user_id: number;
  /** The prompter has been told of it (once, when the work was first posted). */
  is_told: Generated<number>;
  created_at: string;
}

export type PromptMemeRow = Selectable<PromptMemesTable>;
export type PromptRow = Selectable<PromptsTable>;
