/**
 * Wrangling commands that link tags: meta tags above sub tags (transitive,
 * so a loop is refused with the path that would close it) and parent links
 * (Media → Fandom → Character, Relationship, Additional Tag; Character →
 * Relationship).
 */
import type { Db } from '../db/database.ts';
import type { Tag } from '../tags/tags.table.ts';
import { canBeParentOf, isFixedKind, parentKindsOf, TAG_KIND_LABELS } from '../tags/kinds.ts';
import { findTagById } from '../tags/queries.ts';
import {
  kindLabel,
  withArticle,
  quoted,
  requireTag,
  wrangle,
  WranglingError,
  type Actor,
  type WranglingOutcome,
} from './command.ts';
import {
  addMetaLink,
  addParentLink,
  listMetaEdgesAbove,
  metaLinkExists,
  parentLinkExists,
  removeMetaLink,
  removeParentLink,
} from './queries.ts';

/**
 * The chain of meta links from `subId` up to `metaId` (both included), or
 * null when `metaId` is not above `subId`.
 */
export async function findMetaPath(db: Db, subId: number, metaId: number): Promise<number[] | null> {
  const cameFrom = new Map<number, number>([[subId, subId]]);
  let frontier = [subId];
  while (frontier.length) {
    const next: number[] = [];
    for (const edge of await listMetaEdgesAbove(db, frontier)) {
      if (cameFrom.has(edge.meta_tag_id)) continue;
      cameFrom.set(edge.meta_tag_id, edge.sub_tag_id);
      if (edge.meta_tag_id === metaId) {
        const path = [metaId];
        while (path[0] !== subId) path.unshift(cameFrom.get(path[0])!);
        return path;
      }
      next.push(edge.meta_tag_id);
    }
    frontier = next;
  }
  return null;
}

/** Why `meta` cannot go above `sub`, naming the loop it would close; null when it can. */
export async function metaLoopProblem(db: Db, sub: Tag, meta: Tag): Promise<string | null> {
  if (sub.id === meta.id) return `${quoted(sub)} cannot be its own meta tag.`;
  const path = await findMetaPath(db, meta.id, sub.id);
  if (!path) return null;
  const names: string[] = [];
  for (const id of [...path].reverse()) names.push((await findTagById(db, id))?.name ?? `#${id}`);
  return `${quoted(meta)} cannot be a meta tag of ${quoted(sub)}: ${quoted(sub)} is already above it (${names.join(' > ')}), so that would make a loop.`;
}

function requireCanonical(tag: Tag, role: string): void {
  if (!tag.is_canonical)
    throw new WranglingError(`${quoted(tag)} is not canonical; only canonical tags can be ${role}.`);
}

export function addMetaTag(db: Db, actor: Actor, subId: number, metaId: number): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const sub = await requireTag(trx, subId);
    const meta = await requireTag(trx, metaId);
    if (isFixedKind(sub.kind) || isFixedKind(meta.kind))
      throw new WranglingError('Ratings, warnings and categories are fixed and have no meta tags.');
    requireCanonical(sub, 'sub tags');
    requireCanonical(meta, 'meta tags');
    if (sub.kind !== meta.kind) {
      throw new WranglingError(
        `${quoted(meta)} is ${withArticle(kindLabel(meta))} and ${quoted(sub)} ${withArticle(kindLabel(sub))}; meta and sub tags must be of one kind.`,
      );
    }
    const loop = await metaLoopProblem(trx, sub, meta);
    if (loop) throw new WranglingError(loop);
    if (await metaLinkExists(trx, sub.id, meta.id)) return `${quoted(meta)} is already a meta tag of ${quoted(sub)}.`;
    await addMetaLink(trx, sub.id, meta.id);
    return {
      message: `${quoted(meta)} is now a meta tag of ${quoted(sub)}.`,
      log: [
        { tagId: sub.id, action: 'add meta tag', before: '', after: meta.name },
        { tagId: meta.id, action: 'add sub tag', before: '', after: sub.name },
      ],
      touched: [sub.id],
    };
  });
}

export function removeMetaTag(db: Db, actor: Actor, subId: number, metaId: number): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const sub = await requireTag(trx, subId);
    const meta = await requireTag(trx, metaId);
    if (!(await metaLinkExists(trx, sub.id, meta.id))) return `${quoted(meta)} is not a meta tag of ${quoted(sub)}.`;
    await removeMetaLink(trx, sub.id, meta.id);
    return {
      message: `${quoted(meta)} is no longer a meta tag of ${quoted(sub)}.`,
      log: [
        { tagId: sub.id, action: 'remove meta tag', before: meta.name, after: '' },
        { tagId: meta.id, action: 'remove sub tag', before: sub.name, after: '' },
      ],
      touched: [sub.id],
    };
  });
}

/** Why `parent` cannot be a parent of `child`, or null when it can. */
export function parentProblem(child: Tag, parent: Tag): string | null {
  if (child.synonym_of_id !== null) {
    return `${quoted(child)} is a synonym; synonyms follow their canonical tag, so attach that one instead.`;
  }
  if (!parent.is_canonical) return `${quoted(parent)} is not canonical; tags can only be attached to canonical tags.`;
  if (!canBeParentOf(parent.kind, child.kind)) {
    const allowed = parentKindsOf(child.kind).map((k) => TAG_KIND_LABELS[k]);
    return allowed.length
      ? `${withArticle(kindLabel(child), true)} can be attached to ${withArticle(allowed.join(' or '))}, not to ${withArticle(kindLabel(parent))} like ${quoted(parent)}.`
      : `${withArticle(kindLabel(child), true)} like ${quoted(child)} is not attached to anything.`;
  }
  return null;
}

export function attachParent(db: Db, actor: Actor, childId: number, parentId: number): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const child = await requireTag(trx, childId);
    const parent = await requireTag(trx, parentId);
    const problem = parentProblem(child, parent);
    if (problem) throw new WranglingError(problem);
    if (await parentLinkExists(trx, child.id, parent.id))
      return `${quoted(child)} is already attached to ${quoted(parent)}.`;
    await addParentLink(trx, child.id, parent.id);
    return {
      message: `${quoted(child)} is now attached to the ${kindLabel(parent)} ${quoted(parent)}.`,
      log: [
        { tagId: child.id, action: 'attach to parent', before: '', after: parent.name },
        { tagId: parent.id, action: 'add child', before: '', after: child.name },
      ],
      // Only works below the child gain or lose the parent; the parent's other works are untouched.
      touched: [child.id],
    };
  });
}

export function detachParent(db: Db, actor: Actor, childId: number, parentId: number): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const child = await requireTag(trx, childId);
    const parent = await requireTag(trx, parentId);
    if (!(await parentLinkExists(trx, child.id, parent.id)))
      return `${quoted(child)} is not attached to ${quoted(parent)}.`;
    await removeParentLink(trx, child.id, parent.id);
    return {
      message: `${quoted(child)} is no longer attached to ${quoted(parent)}.`,
      log: [
        { tagId: child.id, action: 'detach from parent', before: parent.name, after: '' },
        { tagId: parent.id, action: 'remove child', before: child.name, after: '' },
      ],
      touched: [child.id],
    };
  });
}
