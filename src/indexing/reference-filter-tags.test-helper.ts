/**
 * The filter tags of every work worked out afresh from the tag graph, for
 * the brute-force reference: never read back from `filter_taggings`, so a
 * fault in the real derivation (src/tags/filter-tags.ts, tag-graph.ts)
 * shows up as listings that disagree with the reference. The rules are the
 * ones filter-tags.ts documents: the canonical form of each tag on a work
 * (a canonical itself, or the canonical a synonym points at; unwrangled and
 * unwrangleable tags give none), its rating's tag, then — until nothing
 * more is added — every meta tag above those and the parent fandoms of its
 * relationships and characters, each again taken in its canonical form.
 */
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';

interface GraphTag {
  id: number;
  kind: TagKind;
  name: string;
  is_canonical: number;
  is_unwrangleable: number;
  synonym_of_id: number | null;
}

const INHERITS_FANDOMS: ReadonlySet<TagKind> = new Set(['relationship', 'character']);

export async function computeFilterTags(db: Db): Promise<Map<number, Set<number>>> {
  const tags = new Map<number, GraphTag>(
    (
      await db
        .selectFrom('tags')
        .select(['id', 'kind', 'name', 'is_canonical', 'is_unwrangleable', 'synonym_of_id'])
        .execute()
    ).map((t) => [t.id, t]),
  );
  const metasOf = new Map<number, number[]>();
  for (const m of await db.selectFrom('meta_taggings').select(['sub_tag_id', 'meta_tag_id']).execute())
    metasOf.set(m.sub_tag_id, [...(metasOf.get(m.sub_tag_id) ?? []), m.meta_tag_id]);
  const parentsOf = new Map<number, number[]>();
  for (const p of await db.selectFrom('tag_parents').select(['child_id', 'parent_id']).execute())
    parentsOf.set(p.child_id, [...(parentsOf.get(p.child_id) ?? []), p.parent_id]);
  const typed = new Map<number, number[]>();
  for (const r of await db.selectFrom('taggings').select(['work_id', 'tag_id']).execute())
    typed.set(r.work_id, [...(typed.get(r.work_id) ?? []), r.tag_id]);
  const ratingTag = new Map([...tags.values()].filter((t) => t.kind === 'rating').map((t) => [t.name, t.id]));

  const isFilterable = (tag: GraphTag | undefined) =>
    tag !== undefined && tag.is_canonical === 1 && !tag.is_unwrangleable;
  const canonicalOf = (id: number): number | undefined => {
    const tag = tags.get(id);
    if (isFilterable(tag)) return id;
    const target = tag?.synonym_of_id != null ? tags.get(tag.synonym_of_id) : undefined;
    return isFilterable(target) ? target!.id : undefined;
  };
  /** Canonical tags one step above a canonical tag. */
  const stepUp = (id: number): number[] => {
    const kind = tags.get(id)!.kind;
    const fandoms = INHERITS_FANDOMS.has(kind)
      ? (parentsOf.get(id) ?? []).filter((parent) => tags.get(parent)?.kind === 'fandom')
      : [];
    return [...(metasOf.get(id) ?? []), ...fandoms]
      .map(canonicalOf)
      .filter((above): above is number => above !== undefined);
  };

  const result = new Map<number, Set<number>>();
  for (const work of await db.selectFrom('works').select(['id', 'rating']).execute()) {
    const start = [...(typed.get(work.id) ?? []), ratingTag.get(work.rating)].filter((id) => id !== undefined);
    const set = new Set(start.map(canonicalOf).filter((id) => id !== undefined));
    // Grow to a fixed point: a plain loop over the whole set, not the real code's work queue.
    for (let size = -1; size !== set.size;) {
      size = set.size;
      for (const id of [...set]) for (const above of stepUp(id)) set.add(above);
    }
    if (set.size) result.set(work.id, set);
  }
  return result;
}
