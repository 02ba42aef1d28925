/**
 * Typed tag names to the tags a set holds, as the post form finds them: an
 * existing tag by its name key, a missing one created with the kind of the
 * list it was typed into, and a synonym replaced by its canonical tag (so a
 * set never lists "found fam" beside "Found Family"). A name already wrangled
 * as another kind is refused: "Lark" the character is no fandom.
 */
import type { Db } from '../db/database.ts';
import { TAG_KIND_LABELS } from '../tags/kinds.ts';
import { tagNameProblem } from '../tags/names.ts';
import { findOrCreateTags, findTagById } from '../tags/queries.ts';
import type { TagSetKind } from './tag-sets.table.ts';

export interface ResolvedTag {
  id: number;
  name: string;
}

/** The canonical tags for `names` in order, repeats dropped; or the first problem, in words. */
export async function resolveTagNames(
  db: Db,
  names: readonly string[],
  kind: TagSetKind,
): Promise<{ tags: ResolvedTag[] } | { problem: string }> {
  const problem = names.map(tagNameProblem).find((p) => p !== null);
  if (problem) return { problem };
  const ids = await findOrCreateTags(db, names, kind);
  const tags: ResolvedTag[] = [];
  for (const id of ids) {
    let tag = await findTagById(db, id);
    if (tag?.synonym_of_id) tag = (await findTagById(db, tag.synonym_of_id)) ?? tag;
    if (!tag) continue;
    if (tag.kind !== kind && tag.kind !== 'unsorted') {
      return {
        problem: `"${tag.name}" is a ${TAG_KIND_LABELS[tag.kind].toLowerCase()} tag, not a ${TAG_KIND_LABELS[kind].toLowerCase()}.`,
      };
    }
    if (!tags.some((t) => t.id === tag.id)) tags.push({ id: tag.id, name: tag.name });
  }
  return { tags };
}
