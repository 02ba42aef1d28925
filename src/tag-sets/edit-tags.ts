/**
 * Maintainers' changes to a set's contents, each in one transaction: adding
 * tags by name (resolved as `resolve-tags.ts` says; a character or
 * relationship given a fandom is associated to it, the fandom joining the
 * set if it was not there), removing tags, and adding or removing
 * co-maintainers by user name.
 */
import { findUserByName } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import { splitTagList } from '../tags/names.ts';
import { deleteCoMaintainers, deleteSetTags, insertAssociations, insertMaintainer, insertSetTags } from './queries.ts';
import { resolveTagNames } from './resolve-tags.ts';
import type { TagSetKind } from './tag-sets.table.ts';

export type EditOutcome = { message: string } | { field: string; problem: string };

export async function addTagsToSet(
  db: Db,
  setId: number,
  input: { kind: TagSetKind; names: string; fandom: string },
): Promise<EditOutcome> {
  const names = splitTagList(input.names);
  if (!names.length) return { field: 'names', problem: 'Name at least one tag to add.' };
  const fandomName = input.fandom.trim();
  const isAssociable = input.kind === 'character' || input.kind === 'relationship';
  if (fandomName && !isAssociable) {
    return { field: 'fandom', problem: 'Only characters and relationships belong to a fandom.' };
  }
  return db.transaction().execute(async (trx) => {
    const resolved = await resolveTagNames(trx, names, input.kind);
    if ('problem' in resolved) return { field: 'names', problem: resolved.problem };
    await insertSetTags(
      trx,
      setId,
      resolved.tags.map((t) => ({ tagId: t.id, kind: input.kind })),
    );
    if (!fandomName) return { message: `${count(resolved.tags.length, 'tag')} added to the set.` };
    const fandom = await resolveTagNames(trx, [fandomName], 'fandom');
    if ('problem' in fandom) return { field: 'fandom', problem: fandom.problem };
    const [fandomTag] = fandom.tags;
    await insertSetTags(trx, setId, [{ tagId: fandomTag.id, kind: 'fandom' }]);
    await insertAssociations(
      trx,
      setId,
      resolved.tags.map((t) => ({ tagId: t.id, fandomId: fandomTag.id })),
    );
    return { message: `${count(resolved.tags.length, 'tag')} added to the set under ${fandomTag.name}.` };
  });
}

export async function removeTagsFromSet(db: Db, setId: number, tagIds: readonly number[]): Promise<EditOutcome> {
  if (!tagIds.length) return { field: 'tag', problem: 'Tick the tags to remove.' };
  const removed = await db.transaction().execute((trx) => deleteSetTags(trx, setId, tagIds));
  return { message: `${count(removed, 'tag')} removed from the set.` };
}

export async function addMaintainer(db: Db, setId: number, username: string): Promise<EditOutcome> {
  const name = username.trim();
  const user = name ? await findUserByName(db, name) : undefined;
  if (!user) return { field: 'username', problem: `There is no user called "${name}" here.` };
  const isNew = await insertMaintainer(db, setId, user.id);
  return isNew
    ? { message: `${user.username} now maintains this tag set.` }
    : { field: 'username', problem: `${user.username} already maintains this tag set.` };
}

export async function removeMaintainers(db: Db, setId: number, userIds: readonly number[]): Promise<EditOutcome> {
  const removed = await deleteCoMaintainers(db, setId, userIds);
  if (!removed) return { field: 'maintainer', problem: 'Tick the co-maintainers to remove (owners stay).' };
  return { message: `${count(removed, 'co-maintainer')} removed.` };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
