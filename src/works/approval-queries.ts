/**
 * SQL of the answers people give about other people's works: a parent
 * work's creators approving or removing a related work's link to it, and a
 * gift's recipient refusing it (or taking it back). A link is pending until
 * answered (is_approved = 0, is_declined = 0); only approved links show on
 * the parent, and refused gifts stop naming their recipient on the work.
 */
import type { Relation } from './works.table.ts';
import type { Db } from '../db/database.ts';
import { loadCreators, type CreatorRef } from './work-parts-queries.ts';
import { concealsCreators, listedWorks, MEMBER_AUDIENCE, type WorkAudience } from '../visibility/index.ts';

export type LinkState = 'pending' | 'approved' | 'removed';

export interface RelatedWorkRequest {
  id: number;
  relation: Relation;
  state: LinkState;
  child: { id: number; title: string; isRestricted: boolean; isAnonymous: boolean; creators: CreatorRef[] };
  parent: { id: number; title: string };
}

/** Works the user is an accepted creator of, as a subquery. */
function worksCreatedBy(db: Db, userId: number) {
  return db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('creatorships.work_id')
    .where('pseuds.user_id', '=', userId)
    .where('creatorships.is_accepted', '=', 1);
}

function stateOf(row: { is_approved: number; is_declined: number }): LinkState {
  if (row.is_approved === 1) return 'approved';
  return row.is_declined === 1 ? 'removed' : 'pending';
}

/**
 * Links from posted, visible works to works the user created, newest first.
 * A draft's link waits until the draft is posted: its creators are the only
 * ones who may see it until then.
 */
export async function listRelatedWorkRequests(db: Db, userId: number): Promise<RelatedWorkRequest[]> {
  const rows = await db
    .selectFrom('related_works')
    .innerJoin('works as child', 'child.id', 'related_works.work_id')
    .innerJoin('works as parent', 'parent.id', 'related_works.parent_work_id')
    .select([
      'related_works.id',
      'related_works.relation',
      'related_works.is_approved',
      'related_works.is_declined',
      'child.id as child_id',
      'child.title as child_title',
      'child.is_restricted',
      'child.is_anonymous',
      'parent.id as parent_id',
      'parent.title as parent_title',
    ])
    .where('related_works.parent_work_id', 'in', worksCreatedBy(db, userId))
    // The parent's creators are members: they may see the restricted works that link to theirs.
    .where((eb) => listedWorks(eb, MEMBER_AUDIENCE, 'child'))
    .orderBy('related_works.id', 'desc')
    .execute();
  const creators = await loadCreators(
    db,
    rows.map((r) => r.child_id),
  );
  return rows.map((r) => ({
    id: r.id,
    relation: r.relation,
    state: stateOf(r),
    child: {
      id: r.child_id,
      title: r.child_title,
      isRestricted: r.is_restricted === 1,
      isAnonymous: r.is_anonymous === 1,
      creators: creators.get(r.child_id) ?? [],
    },
    parent: { id: r.parent_id, title: r.parent_title },
  }));
}

/**
 * A link is named by its two works, not its row id: editing the related work
 * rewrites its rows, and an answer form opened before that must still work.
 */
export interface LinkKey {
  childWorkId: number;
  parentWorkId: number;
}

/** One link from a work to a work here, with who may answer it (the parent's accepted creators). */
export async function findRelatedWorkLink(db: Db, key: LinkKey) {
  const link = await db
    .selectFrom('related_works')
    .innerJoin('works as child', 'child.id', 'related_works.work_id')
    .innerJoin('works as parent', 'parent.id', 'related_works.parent_work_id')
    .select(['child.title as child_title', 'parent.title as parent_title'])
    .where('related_works.work_id', '=', key.childWorkId)
    .where('related_works.parent_work_id', '=', key.parentWorkId)
    .executeTakeFirst();
  if (!link) return undefined;
  const creators = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('pseuds.user_id')
    .where('creatorships.work_id', '=', key.parentWorkId)
    .where('creatorships.is_accepted', '=', 1)
    .execute();
  return {
    childTitle: link.child_title,
    parentTitle: link.parent_title,
    parentCreatorIds: creators.map((c) => c.user_id),
  };
}

export async function answerRelatedWork(db: Db, key: LinkKey, answer: 'approve' | 'remove'): Promise<void> {
  await db
    .updateTable('related_works')
    .set(answer === 'approve' ? { is_approved: 1, is_declined: 0 } : { is_approved: 0, is_declined: 1 })
    .where('work_id', '=', key.childWorkId)
    .where('parent_work_id', '=', key.parentWorkId)
    .execute();
}

/** Parent works whose creators have an unanswered link from this (posted, visible) work. */
export async function listPendingParentIds(db: Db, childWorkId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('related_works')
    .innerJoin('works as child', 'child.id', 'related_works.work_id')
    .select('related_works.parent_work_id')
    .where('related_works.work_id', '=', childWorkId)
    .where('related_works.parent_work_id', 'is not', null)
    .where('related_works.is_approved', '=', 0)
    .where('related_works.is_declined', '=', 0)
    .where((eb) => listedWorks(eb, MEMBER_AUDIENCE, 'child'))
    .execute();
  return rows.flatMap((r) => (r.parent_work_id ? [r.parent_work_id] : []));
}

/** Pseuds here given this (posted, visible) work who have not refused it. */
export async function listGiftRecipientPseudIds(db: Db, workId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('gifts')
    .innerJoin('works', 'works.id', 'gifts.work_id')
    .select('gifts.recipient_pseud_id')
    .where('gifts.work_id', '=', workId)
    .where('gifts.recipient_pseud_id', 'is not', null)
    .where('gifts.is_refused', '=', 0)
    .where((eb) => listedWorks(eb, MEMBER_AUDIENCE))
    .execute();
  return rows.flatMap((r) => (r.recipient_pseud_id ? [r.recipient_pseud_id] : []));
}

/** Who to write to: the users behind the given pseuds, or behind the accepted creators of the given works. */
export async function listContacts(db: Db, by: { pseudIds?: number[]; workIds?: number[] }) {
  let query = db
    .selectFrom('users')
    .innerJoin('pseuds', 'pseuds.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.email', 'pseuds.id as pseud_id']);
  if (by.pseudIds) query = query.where('pseuds.id', 'in', by.pseudIds.length ? by.pseudIds : [-1]);
  if (by.workIds) {
    const workIds = by.workIds.length ? by.workIds : [-1];
    query = query
      .innerJoin('creatorships', 'creatorships.pseud_id', 'pseuds.id')
      .where('creatorships.work_id', 'in', workIds)
      .where('creatorships.is_accepted', '=', 1);
  }
  const rows = await query.execute();
  return [...new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, email: r.email }])).values()];
}

/** What a notice says about a work: its title, creators and the relation of each of its links. */
export async function describeWorkForNotice(db: Db, workId: number) {
  const work = await db
    .selectFrom('works')
    .select(['title', 'is_anonymous', 'is_unrevealed'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work) return undefined; // deleted since the notice was queued
  const links = await db
    .selectFrom('related_works')
    .select(['parent_work_id', 'relation'])
    .where('work_id', '=', workId)
    .execute();
  return {
    title: work.title,
    isAnonymous: concealsCreators(work),
    creators: (await loadCreators(db, [workId])).get(workId) ?? [],
    relations: new Map(links.map((l) => [l.parent_work_id, l.relation])),
  };
}

/** A page of works given to any of the user's pseuds and not refused: posted, visible ones, latest first. */
export async function listGiftedWorkIds(
  db: Db,
  userId: number,
  audience: WorkAudience,
  page: { limit: number; offset: number },
): Promise<{ ids: number[]; total: number }> {
  const query = db
    .selectFrom('works')
    .where((eb) => listedWorks(eb, audience))
    .where('works.id', 'in', (eb) =>
      eb
        .selectFrom('gifts')
        .innerJoin('pseuds', 'pseuds.id', 'gifts.recipient_pseud_id')
        .select('gifts.work_id')
        .where('pseuds.user_id', '=', userId)
        .where('gifts.is_refused', '=', 0),
    );
  const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select('works.id')
    .orderBy('works.updated_on', (ob) => ob.desc().nullsLast())
    .orderBy('works.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { ids: rows.map((r) => r.id), total: Number(counted.n) };
}

/** Gifts the user refused, on works still posted and visible (for taking one back). */
export async function listRefusedGifts(db: Db, userId: number) {
  return (
    db
      .selectFrom('gifts')
      .innerJoin('pseuds', 'pseuds.id', 'gifts.recipient_pseud_id')
      .innerJoin('works', 'works.id', 'gifts.work_id')
      .select(['works.id', 'works.title'])
      .distinct()
      .where('pseuds.user_id', '=', userId)
      .where('gifts.is_refused', '=', 1)
      // Only the recipient, a member, sees this list.
      .where((eb) => listedWorks(eb, MEMBER_AUDIENCE))
      .orderBy('works.id', 'desc')
      .execute()
  );
}

/** Refuses (or takes back) every gift of the work to the user's pseuds; returns how many gifts that was. */
export async function setGiftsRefused(db: Db, userId: number, workId: number, isRefused: boolean): Promise<number> {
  const result = await db
    .updateTable('gifts')
    .set({ is_refused: isRefused ? 1 : 0 })
    .where('work_id', '=', workId)
    .where('recipient_pseud_id', 'in', (eb) => eb.selectFrom('pseuds').select('id').where('user_id', '=', userId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
