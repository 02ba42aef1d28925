/**
 * All SQL of collections: the collections themselves, their people, their
 * items (item-queries.ts, re-exported here), and the one derivation of the works' `is_anonymous` and
 * `is_unrevealed` from the collections they are in.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { CONCEALING_ITEM_STATUSES, inWorkState, listedWorks, type WorkAudience } from '../visibility/index.ts';
import type { Collection, ParticipantRole, RevealWhat } from './collections.table.ts';

export * from './item-queries.ts';

export interface CollectionInput {
  name: string;
  title: string;
  description: string;
  introduction: string;
  rules: string;
  faq: string;
  isClosed: boolean;
  isModerated: boolean;
  isMembersOnly: boolean;
  isUnrevealed: boolean;
  isAnonymous: boolean;
  parentId: number | null;
}

const flag = (b: boolean) => (b ? 1 : 0);

export async function insertCollection(db: Db, ownerId: number, input: CollectionInput, now: Date): Promise<number> {
  const row = await db
    .insertInto('collections')
    .values({
      name: input.name,
      title: input.title,
      description: input.description,
      introduction: input.introduction,
      rules: input.rules,
      faq: input.faq,
      is_closed: flag(input.isClosed),
      is_moderated: flag(input.isModerated),
      is_members_only: flag(input.isMembersOnly),
      is_unrevealed: flag(input.isUnrevealed),
      is_anonymous: flag(input.isAnonymous),
      parent_id: input.parentId,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setParticipant(db, row.id, ownerId, 'owner');
  return row.id;
}

/** A collection's texts, settings and parent, as its settings page saves them (its short name stays). */
export async function updateCollection(db: Db, id: number, input: Omit<CollectionInput, 'name'>) {
  await db
    .updateTable('collections')
    .set({
      title: input.title,
      description: input.description,
      introduction: input.introduction,
      rules: input.rules,
      faq: input.faq,
      is_closed: flag(input.isClosed),
      is_moderated: flag(input.isModerated),
      is_members_only: flag(input.isMembersOnly),
      is_unrevealed: flag(input.isUnrevealed),
      is_anonymous: flag(input.isAnonymous),
      parent_id: input.parentId,
    })
    .where('id', '=', id)
    .execute();
}

export async function findCollectionByName(db: Db, name: string): Promise<Collection | undefined> {
  return db
    .selectFrom('collections')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function findCollectionsByNames(db: Db, names: readonly string[]): Promise<Collection[]> {
  if (!names.length) return [];
  return db
    .selectFrom('collections')
    .selectAll()
    .where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        names.map((n) => n.toLowerCase()),
      ),
    )
    .execute();
}

export async function findCollectionById(db: Db, id: number): Promise<Collection | undefined> {
  return db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listChildren(db: Db, parentId: number): Promise<Collection[]> {
  return db.selectFrom('collections').selectAll().where('parent_id', '=', parentId).orderBy('title').execute();
}

/** The collection and every collection below it, for a parent's listing (cycles are refused when saving). */
export async function collectionAndDescendantIds(db: Db, id: number): Promise<number[]> {
  const ids = [id];
  for (let frontier = [id]; frontier.length;) {
    const rows = await db.selectFrom('collections').select('id').where('parent_id', 'in', frontier).execute();
    frontier = rows.map((r) => r.id).filter((child) => !ids.includes(child));
    ids.push(...frontier);
  }
  return ids;
}

export type CollectionSort = 'title' | 'created' | 'size';

export interface CollectionListFilters {
  closed?: boolean;
  moderated?: boolean;
  /** Collections with a work in this fandom: through filter tags when it is canonical, else as tagged. */
  fandom?: { id: number; isCanonical: boolean };
  /** Holds a challenge (a prompt meme, src/challenges/prompt-memes/). */
  challenge?: boolean;
  sort: CollectionSort;
}

/** Every collection, filtered; `size` counts the approved works the audience may see. */
export async function listCollections(db: Db, filters: CollectionListFilters, audience: WorkAudience) {
  let query = db.selectFrom('collections as c').select((eb) => [
    'c.id',
    'c.name',
    'c.title',
    'c.description',
    'c.is_closed',
    'c.is_moderated',
    'c.is_anonymous',
    'c.is_unrevealed',
    'c.created_at',
    eb
      .selectFrom('collection_items as ci')
      .innerJoin('works as w', 'w.id', 'ci.work_id')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('ci.collection_id', '=', 'c.id')
      .where('ci.status', '=', 'approved')
      .where((e) => listedWorks(e, audience, 'w'))
      .as('size'),
  ]);
  if (filters.closed !== undefined) query = query.where('c.is_closed', '=', flag(filters.closed));
  if (filters.moderated !== undefined) query = query.where('c.is_moderated', '=', flag(filters.moderated));
  if (filters.challenge !== undefined) {
    const wanted = filters.challenge;
    query = query.where((eb) => {
      const holds = eb.exists(
        eb.selectFrom('prompt_memes as pm').select('pm.id').whereRef('pm.collection_id', '=', 'c.id'),
      );
      return wanted ? holds : eb.not(holds);
    });
  }
  if (filters.fandom !== undefined) {
    const { id: tagId, isCanonical } = filters.fandom;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('collection_items as ci')
          .innerJoin('works as w', 'w.id', 'ci.work_id')
          .select('ci.id')
          .whereRef('ci.collection_id', '=', 'c.id')
          .where('ci.status', '=', 'approved')
          .where((e) =>
            isCanonical
              ? e.exists(
                  e
                    .selectFrom('filter_taggings as ft')
                    .select('ft.work_id')
                    .whereRef('ft.work_id', '=', 'ci.work_id')
                    .where('ft.tag_id', '=', tagId),
                )
              : e.exists(
                  e
                    .selectFrom('taggings as tg')
                    .select('tg.work_id')
                    .whereRef('tg.work_id', '=', 'ci.work_id')
                    .where('tg.tag_id', '=', tagId),
                ),
          )
          .where((e) => listedWorks(e, audience, 'w')),
      ),
    );
  }
  const rows = await query.limit(500).execute();
  const sized = rows.map((r) => ({ ...r, size: Number(r.size ?? 0) }));
  if (filters.sort === 'size') sized.sort((a, b) => b.size - a.size || a.title.localeCompare(b.title));
  else if (filters.sort === 'created') sized.sort((a, b) => b.created_at.localeCompare(a.created_at));
  else sized.sort((a, b) => a.title.localeCompare(b.title));
  return sized;
}

/** `text` as a LIKE pattern that matches it literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Collections a person may post to whose short name or title starts with `typed`: the open ones, and those
 * they are a member or maintainer of (the post form's suggestions).
 */
export async function suggestCollections(db: Db, typed: string, userId: number | null, limit = 10) {
  const pattern = `${likeLiteral(typed.toLowerCase())}%`;
  return db
    .selectFrom('collections as c')
    .select(['c.name', 'c.title'])
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('c.name')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('c.title')}) like ${pattern} escape '\\'`,
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('c.is_closed', '=', 0), eb('c.is_members_only', '=', 0)]),
        eb.exists(
          eb
            .selectFrom('collection_participants as p')
            .select('p.user_id')
            .whereRef('p.collection_id', '=', 'c.id')
            .where('p.user_id', '=', userId ?? -1),
        ),
      ]),
    )
    .orderBy('c.name')
    .limit(limit)
    .execute();
}

// People

export async function setParticipant(db: Db, collectionId: number, userId: number, role: ParticipantRole) {
  await db
    .insertInto('collection_participants')
    .values({ collection_id: collectionId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['collection_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function removeParticipant(db: Db, collectionId: number, userId: number) {
  await db
    .deleteFrom('collection_participants')
    .where('collection_id', '=', collectionId)
    .where('user_id', '=', userId)
    .execute();
}

export async function listParticipants(db: Db, collectionId: number) {
  return db
    .selectFrom('collection_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.role', 'u.username'])
    .where('p.collection_id', '=', collectionId)
    .orderBy('u.username')
    .execute();
}

export async function findRole(db: Db, collectionId: number, userId: number): Promise<ParticipantRole | null> {
  const row = await db
    .selectFrom('collection_participants')
    .select('role')
    .where('collection_id', '=', collectionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

// Reveals

export async function updateCollectionFlags(
  db: Db,
  collectionId: number,
  change: { is_anonymous?: number; is_unrevealed?: number; reveal_at?: string | null; reveal_what?: RevealWhat | null },
) {
  await db.updateTable('collections').set(change).where('id', '=', collectionId).execute();
}

export async function listDueReveals(db: Db, now: Date) {
  return db
    .selectFrom('collections')
    .select(['id', 'reveal_what'])
    .where('reveal_at', 'is not', null)
    .where('reveal_at', '<=', now.toISOString())
    .execute();
}

// The derivation

/**
 * The works' anonymity and secrecy as their collections make them: anonymous when an anonymous collection
 * holds them (awaiting or approved), unrevealed likewise. Returns the works whose flags changed.
 */
export async function deriveConcealment(db: Db, workIds: readonly number[]): Promise<number[]> {
  if (!workIds.length) return [];
  const ids = [...new Set(workIds)];
  const rows = await db
    .selectFrom('works as w')
    .select((eb) => {
      const held = (column: 'is_anonymous' | 'is_unrevealed') =>
        eb
          .selectFrom('collection_items as ci')
          .innerJoin('collections as c', 'c.id', 'ci.collection_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('ci.work_id', '=', 'w.id')
          .where('ci.status', 'in', [...CONCEALING_ITEM_STATUSES])
          .where(`c.${column}`, '=', 1);
      return [
        'w.id',
        'w.is_anonymous',
        'w.is_unrevealed',
        held('is_anonymous').as('anon'),
        held('is_unrevealed').as('secret'),
      ];
    })
    .where('w.id', 'in', ids)
    .execute();
  const changed: number[] = [];
  for (const row of rows) {
    const isAnonymous = Number(row.anon) > 0 ? 1 : 0;
    const isUnrevealed = Number(row.secret) > 0 ? 1 : 0;
    if (isAnonymous === row.is_anonymous && isUnrevealed === row.is_unrevealed) continue;
    await db
      .updateTable('works')
      .set({ is_anonymous: isAnonymous, is_unrevealed: isUnrevealed })
      .where('id', '=', row.id)
      .execute();
    changed.push(row.id);
  }
  return changed;
}

/** The posted works among these in the state now (anonymous, unrevealed): those a reveal must announce. */
export async function listPostedInState(
  db: Db,
  workIds: readonly number[],
  state: 'anonymous' | 'unrevealed',
): Promise<number[]> {
  if (!workIds.length) return [];
  const rows = await db
    .selectFrom('works')
    .select('id')
    .where('id', 'in', [...workIds])
    .where((eb) => inWorkState(eb, state))
    .where('status', '=', 'posted')
    .execute();
  return rows.map((r) => r.id);
}

/** The title an invitation mail names, unless the work was deleted since. */
export async function findWorkTitleForNotice(db: Db, workId: number) {
  return db
    .selectFrom('works')
    .select('title')
    .where('id', '=', workId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A collection's icon file and alt text (src/collections/icon-routes.tsx); nulls for none. */
export async function setCollectionIcon(
  db: Db,
  collectionId: number,
  icon: { icon_file: string | null; icon_alt: string | null },
): Promise<void> {
  await db.updateTable('collections').set(icon).where('id', '=', collectionId).execute();
}

/** Whether the collection holds a prompt meme (src/challenges/prompt-memes/ keeps the meme itself). */
export async function holdsPromptMeme(db: Db, collectionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('prompt_memes')
    .select('id')
    .where('collection_id', '=', collectionId)
    .executeTakeFirst();
  return row !== undefined;
}
