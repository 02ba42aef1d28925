/**
 * Wrangling commands on one tag's own standing: make canonical, mark
 * unwrangleable (or undo it), change kind, rename a canonical tag, and
 * create a canonical tag outright (media, or a fandom nobody has used yet).
 */
import type { Db } from '../db/database.ts';
import type { Tag, TagKind } from '../tags/tags.table.ts';
import { canBeParentOf, isFixedKind, TAG_KIND_LABELS, WRANGLABLE_KINDS } from '../tags/kinds.ts';
import { cleanTagName, tagNameKey, tagNameProblem } from '../tags/names.ts';
import { findTagById, findTagByName, listSynonyms } from '../tags/queries.ts';
import {
  describeStatus,
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
  countSynonyms,
  insertTag,
  listMetaLinks,
  listParentLinks,
  renameTagRow,
  setTagKind,
  setTagStatus,
} from './queries.ts';

function refuseFixed(tag: Tag): void {
  if (isFixedKind(tag.kind))
    throw new WranglingError(`${quoted(tag)} is a fixed ${kindLabel(tag)} tag and is not wrangled.`);
}

export function makeCanonical(db: Db, actor: Actor, tagId: number): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const tag = await requireTag(trx, tagId);
    refuseFixed(tag);
    if (tag.is_canonical) return `${quoted(tag)} is already canonical.`;
    if (tag.kind === 'unsorted')
      throw new WranglingError(`${quoted(tag)} has no kind yet (Unsorted); change its kind first.`);
    const before = await describeStatus(trx, tag);
    await setTagStatus(trx, tag.id, { is_canonical: 1, is_unwrangleable: 0, synonym_of_id: null });
    return {
      message: `${quoted(tag)} is now a canonical ${kindLabel(tag)}.`,
      log: [{ tagId: tag.id, action: 'make canonical', before, after: `canonical ${kindLabel(tag)}` }],
      touched: [tag.id],
    };
  });
}

/** Marks a tag unwrangleable (a wrangler's verdict that it will never be canonical or a synonym), or undoes that. */
export function markUnwrangleable(
  db: Db,
  actor: Actor,
  tagId: number,
  unwrangleable = true,
): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const tag = await requireTag(trx, tagId);
    refuseFixed(tag);
    if (!unwrangleable) {
      if (!tag.is_unwrangleable) return `${quoted(tag)} is not marked unwrangleable.`;
      await setTagStatus(trx, tag.id, { is_canonical: 0, is_unwrangleable: 0, synonym_of_id: null });
      return {
        message: `${quoted(tag)} is back in the bins as unwrangled.`,
        log: [{ tagId: tag.id, action: 'unmark unwrangleable', before: 'unwrangleable', after: 'unwrangled' }],
        touched: [],
      };
    }
    if (tag.is_unwrangleable) return `${quoted(tag)} is already unwrangleable.`;
    if (tag.is_canonical) {
      const synonyms = await countSynonyms(trx, tag.id);
      const metaLinks = (await listMetaLinks(trx, tag.id)).length;
      if (synonyms || metaLinks) {
        throw new WranglingError(
          `${quoted(tag)} is canonical with ${synonyms} synonym(s) and ${metaLinks} meta/sub link(s); make it a synonym of another tag, or remove those first.`,
        );
      }
    }
    const before = await describeStatus(trx, tag);
    await setTagStatus(trx, tag.id, { is_canonical: 0, is_unwrangleable: 1, synonym_of_id: null });
    return {
      message: `${quoted(tag)} is now unwrangleable.`,
      log: [{ tagId: tag.id, action: 'mark unwrangleable', before, after: 'unwrangleable' }],
      touched: [tag.id],
    };
  });
}

export function changeKind(db: Db, actor: Actor, tagId: number, kind: TagKind): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const tag = await requireTag(trx, tagId);
    refuseFixed(tag);
    if (!WRANGLABLE_KINDS.includes(kind))
      throw new WranglingError(`A tag cannot be made ${withArticle(TAG_KIND_LABELS[kind])}.`);
    if (tag.kind === kind) return `${quoted(tag)} is already ${withArticle(kindLabel(tag))}.`;
    if (tag.synonym_of_id !== null) {
      const canonical = await findTagById(trx, tag.synonym_of_id);
      throw new WranglingError(
        `${quoted(tag)} is a synonym of ${canonical ? quoted(canonical) : 'another tag'} and has its kind; change that tag's kind instead.`,
      );
    }
    if (tag.is_canonical && kind === 'unsorted')
      throw new WranglingError(`${quoted(tag)} is canonical and needs a kind.`);
    if ((await listMetaLinks(trx, tag.id)).length) {
      throw new WranglingError(
        `${quoted(tag)} has meta or sub tags of its kind; remove those links before changing its kind.`,
      );
    }
    const wrongLinks: string[] = [];
    for (const link of await listParentLinks(trx, tag.id)) {
      const isChild = link.child_id === tag.id;
      const other = await requireTag(trx, isChild ? link.parent_id : link.child_id);
      const fits = isChild ? canBeParentOf(other.kind, kind) : canBeParentOf(kind, other.kind);
      if (!fits) wrongLinks.push(quoted(other));
    }
    if (wrongLinks.length) {
      throw new WranglingError(
        `${withArticle(TAG_KIND_LABELS[kind], true)} cannot stay linked to ${wrongLinks.join(', ')}; detach ${wrongLinks.length > 1 ? 'them' : 'it'} first.`,
      );
    }
    // A canonical tag's synonyms share its kind, so they change with it.
    const synonymIds = (await listSynonyms(trx, tag.id)).map((r) => r.id);
    await setTagKind(trx, [tag.id, ...synonymIds], kind);
    const also = synonymIds.length ? ` (and its ${synonymIds.length} synonym(s))` : '';
    return {
      message: `${quoted(tag)}${also} is now ${withArticle(TAG_KIND_LABELS[kind])}, no longer ${withArticle(kindLabel(tag))}.`,
      log: [{ tagId: tag.id, action: 'change kind', before: kindLabel(tag), after: TAG_KIND_LABELS[kind] }],
      touched: [tag.id],
    };
  });
}

/**
 * Renames a canonical tag (a capitalization or spelling fix). When the
 * spelling — not just the capitalization — changes, the old spelling stays
 * behind as a synonym, so works typed that way later still filter here.
 */
export function renameTag(db: Db, actor: Actor, tagId: number, newName: string): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const tag = await requireTag(trx, tagId);
    refuseFixed(tag);
    if (!tag.is_canonical)
      throw new WranglingError(
        `Only canonical tags are renamed; make ${quoted(tag)} a synonym of the right spelling instead.`,
      );
    const problem = tagNameProblem(newName);
    if (problem) throw new WranglingError(problem);
    const name = cleanTagName(newName);
    if (name === tag.name) return `${quoted(tag)} already has that name.`;
    const key = tagNameKey(name);
    const keepOldSpelling = key !== tag.name_key;
    if (keepOldSpelling) {
      const existing = await findTagByName(trx, name);
      if (existing) {
        throw new WranglingError(
          `"${existing.name}" already exists (${await describeStatus(trx, existing)}); make one a synonym of the other instead.`,
        );
      }
    }
    await renameTagRow(trx, tag.id, name, key);
    if (keepOldSpelling) {
      await insertTag(trx, {
        name: tag.name,
        nameKey: tag.name_key,
        kind: tag.kind,
        isCanonical: false,
        synonymOfId: tag.id,
      });
    }
    return {
      message: `Renamed ${quoted(tag)} to "${name}"${keepOldSpelling ? `; "${tag.name}" stays as its synonym` : ''}.`,
      log: [{ tagId: tag.id, action: 'rename', before: tag.name, after: name }],
      // Filter tags stay as they are, but the search index and the cached downloads of the tag's works
      // hold its name: re-deriving re-indexes them (a background job for a big tag).
      touched: [tag.id],
    };
  });
}

/** Creates a canonical tag no work uses yet (a medium, or a fandom to attach tags to). */
export async function createCanonicalTag(
  db: Db,
  actor: Actor,
  rawName: string,
  kind: TagKind,
): Promise<WranglingOutcome & { tagId?: number }> {
  let tagId: number | undefined;
  const outcome = await wrangle(db, actor, async (trx) => {
    const problem = tagNameProblem(rawName);
    if (problem) throw new WranglingError(problem);
    if (!WRANGLABLE_KINDS.includes(kind) || kind === 'unsorted')
      throw new WranglingError(`A canonical tag cannot be created as ${TAG_KIND_LABELS[kind]}.`);
    const name = cleanTagName(rawName);
    const existing = await findTagByName(trx, name);
    if (existing) {
      tagId = existing.id;
      throw new WranglingError(`"${existing.name}" already exists (${await describeStatus(trx, existing)}).`);
    }
    tagId = await insertTag(trx, { name, nameKey: tagNameKey(name), kind, isCanonical: true });
    return {
      message: `Created the canonical ${TAG_KIND_LABELS[kind]} "${name}".`,
      log: [{ tagId, action: 'create', before: '', after: `canonical ${TAG_KIND_LABELS[kind]}` }],
      touched: [],
    };
  });
  return { ...outcome, tagId };
}
