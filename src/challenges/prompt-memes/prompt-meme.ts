/**
 * One prompt meme as its pages need it: the collection, the meme row, its
 * rules read from JSON, the tag set's tags by kind (what prompts may name)
 * and whether sign-ups are open at the given instant.
 */
import type { Collection } from '../../collections/collections.table.ts';
import type { Db } from '../../db/database.ts';
import { loadTagSetContents, type TagRef } from '../../tag-sets/tag-set.ts';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';
import type { PromptMemeRow } from './prompt-memes.table.ts';
import { findMemeOfCollection } from './queries.ts';
import { readRules, type PromptRules } from './rules.ts';
import { whySignUpsAreShut } from './sign-up-window.ts';

export interface LoadedMeme {
  collection: Collection;
  meme: PromptMemeRow;
  rules: PromptRules;
  setTags: Record<TagSetKind, TagRef[]>;
  /** Why prompts are not taken now, or null while sign-ups are open. */
  shut: string | null;
  zone: string;
}

export const NO_TAGS = (): Record<TagSetKind, TagRef[]> => ({
  fandom: [],
  character: [],
  relationship: [],
  freeform: [],
});

export async function loadMeme(db: Db, collection: Collection, now: Date): Promise<LoadedMeme | undefined> {
  const meme = await findMemeOfCollection(db, collection.id);
  if (!meme) return undefined;
  const setTags = meme.tag_set_id ? (await loadTagSetContents(db, meme.tag_set_id)).byKind : NO_TAGS();
  const zone = collection.time_zone || 'UTC';
  return {
    collection,
    meme,
    rules: readRules(meme.rules),
    setTags,
    shut: whySignUpsAreShut(meme, zone, now),
    zone,
  };
}
