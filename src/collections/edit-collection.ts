/**
 * Maintainers' changes to a collection itself, each an audited command
 * (src/audit/run-command.ts: who, what before and after, in the change's own
 * transaction): its settings page, and naming or removing its people. A
 * collection always keeps an owner. Turning anonymity or secrecy on derives
 * its works again; turning it off is a reveal, so the notices held back
 * while the works were secret go out (`revealCollection`).
 */
import { actorOf, runCommand } from '../audit/run-command.ts';
import type { Db } from '../db/database.ts';
import type { Viewer } from '../web/context.ts';
import type { Collection, ParticipantRole, RevealWhat } from './collections.table.ts';
import { rederiveCollection, revealCollection } from './commands.ts';
import {
  findCollectionById,
  findRole,
  listParticipants,
  removeParticipant,
  setParticipant,
  updateCollection,
  type CollectionInput,
} from './queries.ts';

const settingsOf = (c: Collection) => ({
  title: c.title,
  is_closed: c.is_closed,
  is_moderated: c.is_moderated,
  is_members_only: c.is_members_only,
  is_unrevealed: c.is_unrevealed,
  is_anonymous: c.is_anonymous,
  parent_id: c.parent_id,
});

/** Saves the settings page. */
export async function editCollection(
  db: Db,
  viewer: Viewer,
  collection: Collection,
  input: Omit<CollectionInput, 'name'>,
): Promise<void> {
  const revealsWorks = collection.is_unrevealed === 1 && !input.isUnrevealed;
  const revealsCreators = collection.is_anonymous === 1 && !input.isAnonymous;
  const reveal: RevealWhat | null =
    revealsWorks && revealsCreators ? 'both' : revealsWorks ? 'works' : revealsCreators ? 'creators' : null;
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'collection.edit', target: { type: 'collection', id: collection.id } },
    async (trx) => {
      // What is being turned off stays on until the reveal below turns it off (and announces the works).
      await updateCollection(trx, collection.id, {
        ...input,
        isUnrevealed: input.isUnrevealed || revealsWorks,
        isAnonymous: input.isAnonymous || revealsCreators,
      });
      await rederiveCollection(trx, collection.id);
      if (reveal) await revealCollection(trx, collection.id, reveal);
      const after = await findCollectionById(trx, collection.id);
      return { before: settingsOf(collection), after: after ? settingsOf(after) : null, result: undefined };
    },
  );
}

export type PeopleChange = { ok: true } | { ok: false; reason: string };

async function ownersLeftWithout(trx: Db, collectionId: number, userId: number): Promise<number> {
  const people = await listParticipants(trx, collectionId);
  return people.filter((p) => p.role === 'owner' && p.user_id !== userId).length;
}

/** Names a person a member, moderator or owner (or changes their role); the last owner stays an owner. */
export async function nameParticipant(
  db: Db,
  viewer: Viewer,
  collection: Collection,
  user: { id: number; username: string },
  role: ParticipantRole,
): Promise<PeopleChange> {
  return runCommand(
    db,
    { actor: actorOf(viewer), action: 'collection.participant', target: { type: 'collection', id: collection.id } },
    async (trx) => {
      const before = await findRole(trx, collection.id, user.id);
      if (before === 'owner' && role !== 'owner' && !(await ownersLeftWithout(trx, collection.id, user.id)))
        throw new LastOwner(user.username);
      await setParticipant(trx, collection.id, user.id, role);
      return { before: { user: user.username, role: before }, after: { user: user.username, role }, result: undefined };
    },
  ).then(
    () => ({ ok: true as const }),
    (error: unknown) => refusal(error),
  );
}

/** Takes a person off the collection's list of maintainers and members; never its last owner. */
export async function removePerson(
  db: Db,
  viewer: Viewer,
  collection: Collection,
  user: { id: number; username: string },
): Promise<PeopleChange> {
  return runCommand(
    db,
    { actor: actorOf(viewer), action: 'collection.participant', target: { type: 'collection', id: collection.id } },
    async (trx) => {
      const before = await findRole(trx, collection.id, user.id);
      if (before === 'owner' && !(await ownersLeftWithout(trx, collection.id, user.id)))
        throw new LastOwner(user.username);
      await removeParticipant(trx, collection.id, user.id);
      return { before: { user: user.username, role: before }, after: { user: user.username, role: null }, result: 0 };
    },
  ).then(
    () => ({ ok: true as const }),
    (error: unknown) => refusal(error),
  );
}

class LastOwner extends Error {
  constructor(username: string) {
    super(`${username} is the collection’s only owner: name another owner first.`);
  }
}

function refusal(error: unknown): PeopleChange {
  if (error instanceof LastOwner) return { ok: false, reason: error.message };
  throw error;
}
