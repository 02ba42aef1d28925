/** All SQL of subscriptions: who follows what, what was posted, and what each member has been told of. */
import type { Db } from '../db/database.ts';
import type { SubscriptionFrequency, SubscriptionKind } from './subscriptions.table.ts';

/** The newest update's id, or 0: where a new subscriber's mail starts, so they hear nothing from before. */
async function lastUpdateId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('subscription_updates')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The newest update's id, or 0. */
export async function findLastUpdateId(db: Db): Promise<number> {
  return lastUpdateId(db);
}

/** A member's reader row (how often they get mail), made on first need. */
export async function ensureReader(db: Db, userId: number): Promise<void> {
  const start = await lastUpdateId(db);
  await db
    .insertInto('subscription_readers')
    .values({ user_id: userId, last_update_id: start, checked_at: null, feed_token: null })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

export async function findReader(db: Db, userId: number) {
  return db.selectFrom('subscription_readers').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/**
 * Mail back on after a time off starts from now: the mail never ran meanwhile, and a member turning it on again
 * wants today's news, not a flood of everything since they turned it off (the feed still has those).
 */
export async function setFrequency(db: Db, userId: number, frequency: SubscriptionFrequency): Promise<void> {
  await ensureReader(db, userId);
  const wasOff = (await findReader(db, userId))?.frequency === 'off';
  const fromNow = wasOff && frequency !== 'off' ? { last_update_id: await lastUpdateId(db) } : {};
  await db
    .updateTable('subscription_readers')
    .set({ frequency, ...fromNow })
    .where('user_id', '=', userId)
    .execute();
}

/** Adds the subscription; false when the member already had it. */
export async function insertSubscription(
  db: Db,
  userId: number,
  kind: SubscriptionKind,
  targetId: number,
  now: Date,
): Promise<boolean> {
  await ensureReader(db, userId);
  // The mail skips members who follow nothing, so their place stood still: a first subscription starts from now.
  const hasAny = await db.selectFrom('subscriptions').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (!hasAny) {
    await db
      .updateTable('subscription_readers')
      .set({ last_update_id: await lastUpdateId(db) })
      .where('user_id', '=', userId)
      .execute();
  }
  const result = await db
    .insertInto('subscriptions')
    .values({ user_id: userId, kind, target_id: targetId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'target_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes one of the member's subscriptions; false when it was not theirs (or not there). */
export async function deleteSubscription(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('subscriptions')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findSubscription(db: Db, userId: number, kind: SubscriptionKind, targetId: number) {
  return db
    .selectFrom('subscriptions')
    .select(['id'])
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
}

export interface ListedSubscription {
  id: number;
  kind: SubscriptionKind;
  targetId: number;
  /** The work's or series' title, or the creator's name. */
  name: string;
}

/** A member's subscriptions, newest first, each with the name of what it follows. */
export async function listSubscriptions(db: Db, userId: number): Promise<ListedSubscription[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .leftJoin('works', (j) => j.onRef('works.id', '=', 'subscriptions.target_id').on('subscriptions.kind', '=', 'work'))
    .leftJoin('series', (j) =>
      j.onRef('series.id', '=', 'subscriptions.target_id').on('subscriptions.kind', '=', 'series'),
    )
    .leftJoin('users', (j) =>
      j.onRef('users.id', '=', 'subscriptions.target_id').on('subscriptions.kind', '=', 'creator'),
    )
    .leftJoin('tags', (j) => j.onRef('tags.id', '=', 'subscriptions.target_id').on('subscriptions.kind', '=', 'tag'))
    .leftJoin('saved_filters', (j) =>
      j.onRef('saved_filters.id', '=', 'subscriptions.target_id').on('subscriptions.kind', '=', 'filter'),
    )
    .select([
      'subscriptions.id',
      'subscriptions.kind',
      'subscriptions.target_id',
      'works.title as work_title',
      'series.title as series_title',
      'users.username',
      'tags.name as tag_name',
      'saved_filters.name as filter_name',
    ])
    .where('subscriptions.user_id', '=', userId)
    .orderBy('subscriptions.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    targetId: r.target_id,
    name: r.work_title ?? r.series_title ?? r.username ?? r.tag_name ?? r.filter_name ?? '',
  }));
}

/** The outbox listeners' record of something posted. */
export async function insertUpdate(db: Db, workId: number, chapterId: number | null, now: Date): Promise<void> {
  await db
    .insertInto('subscription_updates')
    .values({ work_id: workId, chapter_id: chapterId, posted_at: now.toISOString() })
    .execute();
}

/** Readers whose mail is due: hourly ones every run, daily ones at their first run of a (UTC) day. */
export async function listDueReaders(db: Db, startOfDay: string) {
  return db
    .selectFrom('subscription_readers')
    .select(['user_id', 'last_update_id'])
    .where((eb) =>
      eb.or([
        eb('frequency', '=', 'hourly'),
        eb.and([
          eb('frequency', '=', 'daily'),
          eb.or([eb('checked_at', 'is', null), eb('checked_at', '<', startOfDay)]),
        ]),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subscriptions')
          .select('id')
          .whereRef('subscriptions.user_id', '=', 'subscription_readers.user_id'),
      ),
    )
    .orderBy('user_id')
    .execute();
}

export async function listUpdatesAfter(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('subscription_updates')
    .leftJoin('chapters', 'chapters.id', 'subscription_updates.chapter_id')
    .innerJoin('works', 'works.id', 'subscription_updates.work_id')
    .select([
      'subscription_updates.id',
      'subscription_updates.work_id',
      'subscription_updates.chapter_id',
      'subscription_updates.posted_at',
      'works.title as work_title',
      'chapters.position as chapter_position',
      'chapters.title as chapter_title',
      'chapters.is_posted as chapter_is_posted',
    ])
    .where('subscription_updates.id', '>', afterId)
    .orderBy('subscription_updates.id')
    .limit(limit)
    .execute();
}

export async function listUserSubscriptions(db: Db, userId: number) {
  return db.selectFrom('subscriptions').select(['kind', 'target_id']).where('user_id', '=', userId).execute();
}

/** Which series each of these works is in. */
export async function listSeriesOfWorks(db: Db, workIds: readonly number[]): Promise<Map<number, number[]>> {
  const bySeries = new Map<number, number[]>();
  if (!workIds.length) return bySeries;
  const rows = await db
    .selectFrom('series_works')
    .select(['work_id', 'series_id'])
    .where('work_id', 'in', [...workIds])
    .execute();
  for (const r of rows) bySeries.set(r.work_id, [...(bySeries.get(r.work_id) ?? []), r.series_id]);
  return bySeries;
}

/** Of these items, the ones the member was already told of. */
export async function listSentItems(db: Db, userId: number, items: readonly string[]): Promise<Set<string>> {
  if (!items.length) return new Set();
  const rows = await db
    .selectFrom('subscription_sent')
    .select('item')
    .where('user_id', '=', userId)
    .where('item', 'in', [...items])
    .execute();
  return new Set(rows.map((r) => r.item));
}

export async function markSent(db: Db, userId: number, items: readonly string[], now: Date): Promise<void> {
  if (!items.length) return;
  await db
    .insertInto('subscription_sent')
    .values(items.map((item) => ({ user_id: userId, item, sent_at: now.toISOString() })))
    .onConflict((oc) => oc.columns(['user_id', 'item']).doNothing())
    .execute();
}

export async function advanceReader(db: Db, userId: number, lastUpdateId: number, now: Date): Promise<void> {
  await db
    .updateTable('subscription_readers')
    .set({ last_update_id: lastUpdateId, checked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('last_update_id', '<=', lastUpdateId)
    .execute();
}

export async function findWorkTitle(db: Db, workId: number): Promise<string | undefined> {
  const row = await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst();
  return row?.title;
}

export async function setFeedToken(db: Db, userId: number, token: string): Promise<void> {
  await ensureReader(db, userId);
  await db.updateTable('subscription_readers').set({ feed_token: token }).where('user_id', '=', userId).execute();
}

export async function findReaderByFeedToken(db: Db, token: string) {
  return db
    .selectFrom('subscription_readers')
    .innerJoin('users', 'users.id', 'subscription_readers.user_id')
    .select(['users.id', 'users.username'])
    .where('subscription_readers.feed_token', '=', token)
    .executeTakeFirst();
}

export async function findTagName(db: Db, tagId: number): Promise<string | undefined> {
  return (await db.selectFrom('tags').select('name').where('id', '=', tagId).executeTakeFirst())?.name;
}

/** The filter tags (canonical and inherited meta tags) of these works, as search reads them. */
export async function listFilterTagsOfWorks(db: Db, workIds: readonly number[]): Promise<Map<number, number[]>> {
  const byWork = new Map<number, number[]>();
  if (!workIds.length) return byWork;
  const rows = await db
    .selectFrom('filter_taggings')
    .select(['work_id', 'tag_id'])
    .where('work_id', 'in', [...workIds])
    .execute();
  for (const r of rows) byWork.set(r.work_id, [...(byWork.get(r.work_id) ?? []), r.tag_id]);
  return byWork;
}

export async function findSavedFilter(db: Db, id: number) {
  return db.selectFrom('saved_filters').select(['user_id', 'query']).where('id', '=', id).executeTakeFirst();
}
