/**
 * The post and edit forms' Collections field: short names, comma-separated.
 * `checkCollectionsField` reads it before anything is saved — every name must
 * be a collection this person may post to — and names the ones that are not
 * in one message beside the field; `saveWorkCollections` then, inside the
 * work's own saving transaction, adds the work through `submitWork` (a
 * moderated collection queues it) and removes it from the collections no
 * longer named. The edit form is filled from `collectionNamesOfWork`.
 */
import type { Db } from '../db/database.ts';
import type { WorkFormExtra } from '../web/work-form-extras.ts';
import type { Viewer } from '../web/context.ts';
import type { Collection } from './collections.table.ts';
import { moderateItems, submitWork } from './commands.ts';
import { canPostTo } from './policy.ts';
import { findCollectionsByNames, findRole, listItemsOfWork } from './queries.ts';

/** At most this many collections in one field: a longer list is a mistake (or an attack on the lookup). */
export const COLLECTIONS_PER_WORK_MAX = 20;

export const splitCollectionNames = (typed: string): string[] => [
  ...new Set(
    typed
      .split(/[,，、]/)
      .map((n) => n.trim())
      .filter(Boolean),
  ),
];

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/** The chosen collections, or (and then none) the message to show beside the field. */
export interface CollectionsFieldResult {
  error?: string;
  collections: Collection[];
}

/**
 * The collections the field names, or the one message saying which names are unknown and which collections
 * refuse this person's work (closed, members only, or declined it before).
 */
export async function checkCollectionsField(
  db: Db,
  viewer: Viewer,
  typed: string,
  workId?: number,
): Promise<CollectionsFieldResult> {
  const names = splitCollectionNames(typed);
  if (names.length > COLLECTIONS_PER_WORK_MAX) {
    return {
      error: `A work can be added to at most ${COLLECTIONS_PER_WORK_MAX} collections at once.`,
      collections: [],
    };
  }
  const found = await findCollectionsByNames(db, names);
  const byName = new Map(found.map((c) => [c.name.toLowerCase(), c]));
  const current = workId ? await listItemsOfWork(db, workId) : [];
  const unknown: string[] = [];
  const closed: string[] = [];
  const membersOnly: string[] = [];
  const declined: string[] = [];
  const collections: Collection[] = [];
  for (const name of names) {
    const collection = byName.get(name.toLowerCase());
    if (!collection) {
      unknown.push(name);
      continue;
    }
    const item = current.find((i) => i.collection_id === collection.id);
    // Already in it: staying there needs no new permission (a collection may close after taking the work).
    const isIn = item?.status === 'approved' || item?.status === 'awaiting';
    if (!isIn && !canPostTo(viewer, collection, await findRole(db, collection.id, viewer.id))) {
      (collection.is_closed ? closed : membersOnly).push(collection.name);
    } else if (item?.status === 'rejected') declined.push(collection.name);
    else collections.push(collection);
  }
  const problems = [
    unknown.length ? `There is no collection ${quoted(unknown)} here.` : '',
    closed.length ? `${quoted(closed)} ${closed.length === 1 ? 'is' : 'are'} closed to new works.` : '',
    membersOnly.length ? `Only members may post to ${quoted(membersOnly)}.` : '',
    declined.length ? `${quoted(declined)} declined this work before.` : '',
  ].filter(Boolean);
  return problems.length ? { error: problems.join(' '), collections: [] } : { collections };
}

/**
 * Puts the work into the chosen collections and takes it out of those no longer chosen (their items become
 * `removed`); invitations still waiting for an answer stay. Call in the work's saving transaction.
 */
export async function saveWorkCollections(
  trx: Db,
  viewer: Viewer,
  workId: number,
  chosen: readonly Collection[],
  now: Date,
): Promise<void> {
  const chosenIds = new Set(chosen.map((c) => c.id));
  const leaving = (await listItemsOfWork(trx, workId)).filter(
    (i) => (i.status === 'approved' || i.status === 'awaiting') && !chosenIds.has(i.collection_id),
  );
  if (leaving.length) await moderateItems(trx, leaving, 'removed', now);
  for (const collection of chosen) {
    const result = await submitWork(trx, viewer, collection, workId, now);
    // Checked before saving; a change in between (the collection closed) must not save half the form.
    if (!result.ok) throw new Error(result.reason);
  }
}

/** The collections the work is in or waits for, as the edit form's field shows them. */
export async function collectionNamesOfWork(db: Db, workId: number): Promise<string> {
  const items = await listItemsOfWork(db, workId);
  return items
    .filter((i) => i.status === 'approved' || i.status === 'awaiting')
    .map((i) => i.name)
    .join(', ');
}

/** The post and edit forms' Collections field, as a work form extra (src/web/work-form-extras.ts). */
export const collectionsFormExtra: WorkFormExtra = {
  field: 'collections',
  valueOf: collectionNamesOfWork,
  async check(db, viewer, typed, workId) {
    const result = await checkCollectionsField(db, viewer, typed, workId);
    if (result.error) return { error: result.error };
    return { save: (trx, id) => saveWorkCollections(trx, viewer, id, result.collections, new Date()) };
  },
};
