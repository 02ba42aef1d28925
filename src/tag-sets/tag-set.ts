/**
 * One tag set as every reader of it needs it: the row, who may change it,
 * and its tags by kind with the characters and relationships of each of its
 * fandoms. `tagsForChallenge` gives the same in the shape the gift-exchange
 * matcher's prompts use (`src/challenges/matching/settings.ts`: tag names
 * per kind), so a sign-up form can offer, and check, only the set's tags.
 */
import type { Db } from '../db/database.ts';
import type { TagSetAccess } from './policy.ts';
import { findTagSet, listAssociations, listMaintainers, listSetTags, type Maintainer } from './queries.ts';
import type { TagSetKind, TagSetRow } from './tag-sets.table.ts';

export const TAG_SET_KINDS: readonly TagSetKind[] = ['fandom', 'character', 'relationship', 'freeform'];

export interface TagRef {
  id: number;
  name: string;
}

export interface FandomEntry extends TagRef {
  characters: TagRef[];
  relationships: TagRef[];
}

export interface TagSetContents {
  byKind: Record<TagSetKind, TagRef[]>;
  /** Each fandom of the set with the set's characters and relationships associated to it. */
  fandoms: FandomEntry[];
  /** Characters and relationships associated to no fandom of the set. */
  unassociated: { characters: TagRef[]; relationships: TagRef[] };
}

export interface LoadedTagSet {
  set: TagSetRow;
  maintainers: Maintainer[];
  access: TagSetAccess;
}

export function accessOf(set: TagSetRow, maintainers: readonly Maintainer[]): TagSetAccess {
  return {
    isVisible: set.is_visible === 1,
    isUsable: set.is_usable === 1,
    areNominationsOpen: set.are_nominations_open === 1,
    maintainerIds: maintainers.map((m) => m.userId),
    ownerIds: maintainers.filter((m) => m.isOwner).map((m) => m.userId),
  };
}

export async function loadTagSet(db: Db, id: number): Promise<LoadedTagSet | undefined> {
  const set = await findTagSet(db, id);
  if (!set) return undefined;
  const maintainers = await listMaintainers(db, id);
  return { set, maintainers, access: accessOf(set, maintainers) };
}

export async function loadTagSetContents(db: Db, setId: number): Promise<TagSetContents> {
  const [tags, associations] = await Promise.all([listSetTags(db, setId), listAssociations(db, setId)]);
  const byKind: Record<TagSetKind, TagRef[]> = { fandom: [], character: [], relationship: [], freeform: [] };
  const kindOf = new Map<number, TagSetKind>();
  const refOf = new Map<number, TagRef>();
  for (const tag of tags) {
    const ref = { id: tag.tagId, name: tag.name };
    byKind[tag.kind].push(ref);
    kindOf.set(tag.tagId, tag.kind);
    refOf.set(tag.tagId, ref);
  }
  const fandoms: FandomEntry[] = byKind.fandom.map((f) => ({ ...f, characters: [], relationships: [] }));
  const fandomById = new Map(fandoms.map((f) => [f.id, f]));
  const associated = new Set<number>();
  for (const { tagId, fandomId } of associations) {
    const fandom = fandomById.get(fandomId);
    const ref = refOf.get(tagId);
    const kind = kindOf.get(tagId);
    if (!fandom || !ref || (kind !== 'character' && kind !== 'relationship')) continue;
    (kind === 'character' ? fandom.characters : fandom.relationships).push(ref);
    associated.add(tagId);
  }
  const byName = (a: TagRef, b: TagRef) => a.name.localeCompare(b.name);
  for (const fandom of fandoms) {
    fandom.characters.sort(byName);
    fandom.relationships.sort(byName);
  }
  return {
    byKind,
    fandoms,
    unassociated: {
      characters: byKind.character.filter((t) => !associated.has(t.id)),
      relationships: byKind.relationship.filter((t) => !associated.has(t.id)),
    },
  };
}

/** What a challenge's prompts may name from this set: tag names per prompt kind, and per fandom. */
export interface ChallengeTags {
  tags: Record<TagSetKind, string[]>;
  byFandom: Record<string, { character: string[]; relationship: string[] }>;
}

export function tagsForChallenge(contents: TagSetContents): ChallengeTags {
  const names = (refs: readonly TagRef[]) => refs.map((r) => r.name);
  return {
    tags: {
      fandom: names(contents.byKind.fandom),
      character: names(contents.byKind.character),
      relationship: names(contents.byKind.relationship),
      freeform: names(contents.byKind.freeform),
    },
    byFandom: Object.fromEntries(
      contents.fandoms.map((f) => [f.name, { character: names(f.characters), relationship: names(f.relationships) }]),
    ),
  };
}
