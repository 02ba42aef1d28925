/**
 * The part of the tag graph above a set of tags, loaded in a few batched
 * queries: each tag's canonical form, its meta tags, and (for relationships
 * and characters) its parent fandoms. The filter-tag derivation walks it in
 * memory, so re-deriving many works costs a handful of queries, not one per
 * work and tag.
 */
import type { Db } from '../db/database.ts';
import type { TagKind } from './tags.table.ts';
import { listFandomEdges, listMetaEdges, listTagNodes } from './queries.ts';

export interface TagNode {
  id: number;
  kind: TagKind;
  is_canonical: number;
  synonym_of_id: number | null;
}

export interface UpwardGraph {
  /** The canonical tag a filter uses for this tag, or undefined when it is not filterable. */
  canonicalOf(tagId: number): number | undefined;
  /** Canonical tags directly above a canonical tag: its meta tags and, for relationships and characters, their fandoms. */
  above(tagId: number): number[];
}

/** Kinds whose fandoms a work inherits: a wrangled relationship puts its works under its fandom (docs/DOMAIN.md). */
const INHERITS_FANDOMS: ReadonlySet<TagKind> = new Set(['relationship', 'character']);
const IN_CHUNK = 500;

export async function loadUpwardGraph(db: Db, startIds: readonly number[]): Promise<UpwardGraph> {
  const nodes = new Map<number, TagNode>();
  const up = new Map<number, number[]>();

  async function loadNodes(ids: Iterable<number>): Promise<void> {
    let missing = [...new Set(ids)].filter((id) => !nodes.has(id));
    // Two rounds: the tags, then the canonicals their synonyms point at.
    for (let round = 0; round < 2 && missing.length; round++) {
      for (let i = 0; i < missing.length; i += IN_CHUNK) {
        const rows = await listTagNodes(db, missing.slice(i, i + IN_CHUNK));
        for (const row of rows) nodes.set(row.id, row);
      }
      missing = [...nodes.values()]
        .map((n) => n.synonym_of_id)
        .filter((id): id is number => id !== null && !nodes.has(id));
    }
  }

  function canonicalOf(id: number): number | undefined {
    const node = nodes.get(id);
    if (!node) return undefined;
    if (node.is_canonical) return node.id;
    const target = node.synonym_of_id === null ? undefined : nodes.get(node.synonym_of_id);
    return target?.is_canonical ? target.id : undefined;
  }

  async function expand(ids: number[]): Promise<number[]> {
    const found: Array<{ from: number; to: number }> = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const metas = await listMetaEdges(db, chunk);
      const fandomChildren = chunk.filter((id) => INHERITS_FANDOMS.has(nodes.get(id)!.kind));
      const fandoms = fandomChildren.length ? await listFandomEdges(db, fandomChildren) : [];
      found.push(...metas, ...fandoms);
    }
    for (const id of ids) up.set(id, []);
    await loadNodes(found.map((e) => e.to));
    for (const { from, to } of found) {
      const canonical = canonicalOf(to);
      if (canonical !== undefined && canonical !== from) up.get(from)!.push(canonical);
    }
    return found.map((e) => canonicalOf(e.to)).filter((id): id is number => id !== undefined && !up.has(id));
  }

  await loadNodes(startIds);
  let frontier = [...new Set(startIds.map(canonicalOf).filter((id): id is number => id !== undefined))];
  while (frontier.length) frontier = [...new Set(await expand(frontier))];

  return {
    canonicalOf,
    above: (id) => up.get(id) ?? [],
  };
}

/**
 * The whole tag graph held in memory, for bulk loaders that create the tags
 * themselves: the same answers as `loadUpwardGraph`, without a query.
 */
export class TagGraphInMemory implements UpwardGraph {
  private readonly nodes = new Map<number, TagNode>();
  private readonly metas = new Map<number, number[]>();
  private readonly parents = new Map<number, number[]>();

  addTag(node: TagNode): void {
    this.nodes.set(node.id, node);
  }

  addMetaTag(subId: number, metaId: number): void {
    pushTo(this.metas, subId, metaId);
  }

  addParent(childId: number, parentId: number): void {
    pushTo(this.parents, childId, parentId);
  }

  canonicalOf(id: number): number | undefined {
    const node = this.nodes.get(id);
    if (!node) return undefined;
    if (node.is_canonical) return node.id;
    const target = node.synonym_of_id === null ? undefined : this.nodes.get(node.synonym_of_id);
    return target?.is_canonical ? target.id : undefined;
  }

  above(id: number): number[] {
    const node = this.nodes.get(id);
    if (!node?.is_canonical) return [];
    const targets = [...(this.metas.get(id) ?? [])];
    if (INHERITS_FANDOMS.has(node.kind)) {
      for (const parent of this.parents.get(id) ?? [])
        if (this.nodes.get(parent)?.kind === 'fandom') targets.push(parent);
    }
    const result: number[] = [];
    for (const target of targets) {
      const canonical = this.canonicalOf(target);
      if (canonical !== undefined && canonical !== id) result.push(canonical);
    }
    return result;
  }
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
