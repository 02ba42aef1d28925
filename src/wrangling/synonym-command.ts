/**
 * Make synonym of: the tag stops being filterable on its own and points at
 * a canonical tag of its kind. Whatever hung on the tag — its own synonyms,
 * meta and sub tags, parents and children, wranglers' assignments — moves
 * to the canonical, so merging a duplicate canonical loses nothing.
 */
import type { Db } from '../db/database.ts';
import { isFixedKind } from '../tags/kinds.ts';
import { findTagById } from '../tags/queries.ts';
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
import { metaLoopProblem, parentProblem } from './link-commands.ts';
import {
  addMetaLink,
  addParentLink,
  deleteMetaLinksOf,
  deleteParentLinksOf,
  listMetaLinks,
  listParentLinks,
  moveAssignments,
  moveSynonyms,
  setTagStatus,
} from './queries.ts';

export function makeSynonym(db: Db, actor: Actor, tagId: number, canonicalId: number): Promise<WranglingOutcome> {
  return wrangle(db, actor, async (trx) => {
    const tag = await requireTag(trx, tagId);
    const canonical = await requireTag(trx, canonicalId);
    if (isFixedKind(tag.kind) || isFixedKind(canonical.kind)) {
      throw new WranglingError('Ratings, warnings and categories are fixed and cannot be synonyms.');
    }
    if (tag.id === canonical.id) throw new WranglingError(`${quoted(tag)} cannot be a synonym of itself.`);
    if (!canonical.is_canonical) {
      const itsCanonical =
        canonical.synonym_of_id === null ? undefined : await findTagById(trx, canonical.synonym_of_id);
      throw new WranglingError(
        itsCanonical
          ? `${quoted(canonical)} is itself a synonym of ${quoted(itsCanonical)}; make ${quoted(tag)} a synonym of ${quoted(itsCanonical)} instead.`
          : `${quoted(canonical)} is not canonical; a synonym must point at a canonical tag.`,
      );
    }
    // An Unsorted tag takes the kind of its canonical; any other kind must already match.
    if (tag.kind !== 'unsorted' && tag.kind !== canonical.kind) {
      throw new WranglingError(
        `${quoted(tag)} is ${withArticle(kindLabel(tag))} but ${quoted(canonical)} is ${withArticle(kindLabel(canonical))}; a synonym must be of the same kind. Change its kind first.`,
      );
    }
    if (tag.synonym_of_id === canonical.id) return `${quoted(tag)} is already a synonym of ${quoted(canonical)}.`;

    const before = await describeStatus(trx, tag);
    const notes: string[] = [];
    const movedSynonyms = await moveSynonyms(trx, tag.id, canonical.id);
    if (movedSynonyms) notes.push(`${movedSynonyms} synonym(s)`);
    let canonicalGainedAbove = false;

    // Meta and sub links move to the canonical unless they would make a loop or link it to itself.
    const skipped: string[] = [];
    let movedMeta = 0;
    for (const link of await listMetaLinks(trx, tag.id)) {
      const isSub = link.sub_tag_id === tag.id;
      const other = await requireTag(trx, isSub ? link.meta_tag_id : link.sub_tag_id);
      if (other.id === canonical.id) continue;
      const [sub, meta] = isSub ? [canonical, other] : [other, canonical];
      const loop = await metaLoopProblem(trx, sub, meta);
      if (loop) {
        skipped.push(`${quoted(meta)} above ${quoted(sub)}`);
        continue;
      }
      await addMetaLink(trx, sub.id, meta.id);
      movedMeta++;
      if (isSub) canonicalGainedAbove = true;
    }
    if (movedMeta) notes.push(`${movedMeta} meta/sub link(s)`);
    await deleteMetaLinksOf(trx, tag.id);

    let movedParents = 0;
    for (const link of await listParentLinks(trx, tag.id)) {
      const isChild = link.child_id === tag.id;
      const other = await requireTag(trx, isChild ? link.parent_id : link.child_id);
      const [child, parent] = isChild ? [canonical, other] : [other, canonical];
      if (other.id === canonical.id || parentProblem(child, parent)) continue;
      await addParentLink(trx, child.id, parent.id);
      movedParents++;
      if (isChild) canonicalGainedAbove = true;
    }
    if (movedParents) notes.push(`${movedParents} parent/child link(s)`);
    await deleteParentLinksOf(trx, tag.id);
    await moveAssignments(trx, tag.id, canonical.id);

    await setTagStatus(trx, tag.id, {
      is_canonical: 0,
      is_unwrangleable: 0,
      synonym_of_id: canonical.id,
      kind: canonical.kind,
    });
    const after = `${kindLabel(canonical)} synonym of ${quoted(canonical)}`;
    let message = `${quoted(tag)} is now a synonym of ${quoted(canonical)}`;
    message += notes.length ? `; moved ${notes.join(', ')} to it.` : '.';
    if (skipped.length) message += ` Not moved (they would make a loop): ${skipped.join(', ')}.`;
    return {
      message,
      log: [
        { tagId: tag.id, action: 'make synonym', before, after },
        {
          tagId: canonical.id,
          action: 'add synonym',
          before: notes.length ? `moved: ${notes.join(', ')}` : '',
          after: tag.name,
        },
      ],
      // The canonical's own works change only when it gained meta tags or parents from the tag.
      touched: canonicalGainedAbove ? [tag.id, canonical.id] : [tag.id],
    };
  });
}
