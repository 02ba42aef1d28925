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

export async function findSavedFilter(db: Db, id: number) {
  return db.selectFrom('saved_filters').select(['user_id', 'query']).where('id', '=', id).executeTakeFirst();
}

/** Ids bound per query: well under either database's limit on bound parameters. */
const CHUNK = 1_000;

function chunksOf<T>(items: readonly T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface Follow {
  user_id: number;
  work_id: number;
}

/**
 * Which of these members follow what the updates in (afterId, lastId] bring, one query per kind and thousand
 * members: a followed work's new chapters, and new works in a followed series or filed under a followed tag.
 */
export async function listFollowsOfUpdates(
  db: Db,
  userIds: readonly number[],
  afterId: number,
  lastId: number,
): Promise<{ work: Follow[]; series: Follow[]; tag: Follow[] }> {
  const found = { work: [] as Follow[], series: [] as Follow[], tag: [] as Follow[] };
  for (const chunk of chunksOf(userIds)) {
    const updates = db.selectFrom('subscription_updates as u').where('u.id', '>', afterId).where('u.id', '<=', lastId);
    found.work.push(
      ...(await updates
        .innerJoin('subscriptions as s', (j) => j.onRef('s.target_id', '=', 'u.work_id').on('s.kind', '=', 'work'))
        .select(['s.user_id', 'u.work_id'])
        .distinct()
        .where('u.chapter_id', 'is not', null)
        .where('s.user_id', 'in', chunk)
        .execute()),
    );
    found.series.push(
      ...(await updates
        .innerJoin('series_works as sw', 'sw.work_id', 'u.work_id')
        .innerJoin('subscriptions as s', (j) => j.onRef('s.target_id', '=', 'sw.series_id').on('s.kind', '=', 'series'))
        .select(['s.user_id', 'u.work_id'])
        .distinct()
        .where('u.chapter_id', 'is', null)
        .where('s.user_id', 'in', chunk)
        .execute()),
    );
    found.tag.push(
      ...(await updates
        .innerJoin('filter_taggings as ft', 'ft.work_id', 'u.work_id')
        .innerJoin('subscriptions as s', (j) => j.onRef('s.target_id', '=', 'ft.tag_id').on('s.kind', '=', 'tag'))
        .select(['s.user_id', 'u.work_id'])
        .distinct()
        .where('u.chapter_id', 'is', null)
        .where('s.user_id', 'in', chunk)
        .execute()),
    );
  }
  return found;
}

/** Which of these members follow which of these creators. */
export async function listCreatorFollows(
  db: Db,
  userIds: readonly number[],
  creatorIds: readonly number[],
): Promise<Array<{ user_id: number; creator_id: number }>> {
  if (!creatorIds.length) return [];
  const rows: Array<{ user_id: number; creator_id: number }> = [];
  for (const users of chunksOf(userIds))
    for (const creators of chunksOf(creatorIds))
      rows.push(
        ...(await db
          .selectFrom('subscriptions')
          .select(['user_id', 'target_id as creator_id'])
          .where('kind', '=', 'creator')
          .where('target_id', 'in', creators)
          .where('user_id', 'in', users)
          .execute()),
      );
  return rows;
}

/** The saved filters these members follow, only their own. */
export async function listFollowedFilters(db: Db, userIds: readonly number[]) {
  const rows: Array<{ user_id: number; filter_id: number; query: string }> = [];
  for (const chunk of chunksOf(userIds))
    rows.push(
      ...(await db
        .selectFrom('subscriptions as s')
        .innerJoin('saved_filters as f', (j) =>
          j.onRef('f.id', '=', 's.target_id').onRef('f.user_id', '=', 's.user_id'),
        )
        .select(['s.user_id', 'f.id as filter_id', 'f.query'])
        .where('s.kind', '=', 'filter')
        .where('s.user_id', 'in', chunk)
        .execute()),
    );
  return rows;
}

/** Of these members' items, the ones each was already told of, as `user item` strings. */
export async function listSentItemsOf(
  db: Db,
  userIds: readonly number[],
  items: readonly string[],
): Promise<Set<string>> {
  const sent = new Set<string>();
  if (!items.length) return sent;
  for (const users of chunksOf(userIds, 500))
    for (const keys of chunksOf(items))
      for (const r of await db
        .selectFrom('subscription_sent')
        .select(['user_id', 'item'])
        .where('user_id', 'in', users)
        .where('item', 'in', keys)
        .execute())
        sent.add(`${r.user_id} ${r.item}`);
  return sent;
}

/** Marks many members' items as told of, a few hundred rows an insert. */
export async function markSentMany(
  db: Db,
  rows: ReadonlyArray<{ userId: number; item: string }>,
  now: Date,
): Promise<void> {
  const sentAt = now.toISOString();
  for (const chunk of chunksOf(rows, 500))
    await db
      .insertInto('subscription_sent')
      .values(chunk.map((r) => ({ user_id: r.userId, item: r.item, sent_at: sentAt })))
      .onConflict((oc) => oc.columns(['user_id', 'item']).doNothing())
      .execute();
}

/** `advanceReader` for many members who looked at the same updates. */
export async function advanceReaders(
  db: Db,
  userIds: readonly number[],
  lastUpdateId: number,
  now: Date,
): Promise<void> {
  for (const chunk of chunksOf(userIds))
    await db
      .updateTable('subscription_readers')
      .set({ last_update_id: lastUpdateId, checked_at: now.toISOString() })
      .where('user_id', 'in', chunk)
      .where('last_update_id', '<=', lastUpdateId)
      .execute();
}

/** Names and addresses of these members, for their mail. */
export async function listContacts(db: Db, userIds: readonly number[]) {
  const rows: Array<{ id: number; username: string; email: string }> = [];
  for (const chunk of chunksOf(userIds))
    rows.push(...(await db.selectFrom('users').select(['id', 'username', 'email']).where('id', 'in', chunk).execute()));
  return rows;
}
