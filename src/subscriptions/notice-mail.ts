/**
 * Subscription notices. Two outbox listeners write down what was posted
 * (`work.posted`, `chapter.posted` → `subscription_updates`); every hour a
 * job (SUBSCRIPTION_MAIL_JOB, queued by src/background.ts under a per-hour
 * once-key) gathers the updates since their last run for all due members at
 * once (set-based: a few queries per group of members standing at the same
 * update, see `gatherGroup`) and sends ONE mail per member telling of the new chapters of works they follow and
 * the new works in series, by creators, in tags and found by saved filters
 * they follow. Daily members are
 * due at the first run of each UTC day; members who turned mail off are
 * never due (their feed still works). A member is never told of a work
 * they may not see (a draft, hidden, deleted, by someone they muted, or —
 * for a creator subscription — posted anonymously or unrevealed), and
 * never of the same item twice (`subscription_sent`).
 */
import { mutedUserIdsOf } from '../blocking/queries.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { queueMails } from '../outbox/mail.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import {
  creatorPageAudience,
  findWorkAccesses,
  isListedWithStates,
  listingAudience,
  whyCannotReadWork,
  type WorkAccess,
  withCreatorsNamed,
} from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import {
  advanceReaders,
  insertUpdate,
  listContacts,
  listCreatorFollows,
  listDueReaders,
  listFollowedFilters,
  listFollowsOfUpdates,
  listSentItemsOf,
  listUpdatesAfter,
  markSentMany,
} from './queries.ts';
import { unsubscribeUrlMaker } from './unsubscribe-links.ts';

export const SUBSCRIPTION_MAIL_JOB = 'subscriptions.mail';
export const SUBSCRIPTION_MAIL_SUBJECT = 'New on your subscriptions';

/** Updates looked at per member per run; a busier hour's rest waits for the next run. */
export const BATCH = 2_000;

/** The listeners that write down what was posted, for the mail and the feed. */
export function subscriptionUpdateListeners(): Required<Pick<EventListeners, 'work.posted' | 'chapter.posted'>> {
  return {
    'work.posted': { inTransaction: true, run: (db, { workId }) => insertUpdate(db, workId, null, new Date()) },
    'chapter.posted': {
      inTransaction: true,
      run: (db, { workId, chapterId }) => insertUpdate(db, workId, chapterId, new Date()),
    },
  };
}

/** A Mystery Work told no one while it was secret: at its reveal it is news as if just posted (sent once). */
export async function recordRevealedUpdates(db: Db, workIds: readonly number[], now: Date): Promise<void> {
  for (const workId of workIds) await insertUpdate(db, workId, null, now);
}

/** A member as the reading rules see them: logged in, no staff powers. */
export function asMember(userId: number): Viewer {
  return {
    id: userId,
    username: '',
    isAdmin: false,
    isWrangler: false,
    isModerator: false,
    skipAdultNotice: false,
    hideWarnings: false,
    hideFreeform: false,
    sessionId: '',
  };
}

export interface NoticeItem {
  key: string;
  workId: number;
  chapterId: number | null;
  /** "“Title”, chapter 3: Name" or "“Title”". */
  line: string;
  path: string;
  postedAt: string;
}

/**
 * The newest works each followed saved filter finds (the listing's own search, newest posted first, a member's
 * audience — the same for every member, so each filter is asked once a run): a new work is news to the filter's
 * owner when it finds it. Only the first page is asked, so a filter with more than a page of new works in one run
 * tells of the newest page of them.
 */
async function worksFoundByFilter(db: Db, filter: { query: string }): Promise<Set<number>> {
  const { filters } = parseFilters(new URLSearchParams(filter.query));
  const result = await findWorks(
    db,
    { ...filters, sort: 'posted', order: 'desc', page: 1 },
    listingAudience(asMember(0)),
    { facets: false },
  );
  return new Set(result.workIds);
}

/** What one run has already looked up, shared by every group of members. */
interface RunCache {
  access: Map<number, WorkAccess>;
  filters: Map<number, Promise<Set<number>>>;
}

type Update = Awaited<ReturnType<typeof listUpdatesAfter>>[number];

function itemOf(update: Update): NoticeItem {
  const isChapter = update.chapter_id !== null;
  const chapterName = update.chapter_title ? `: ${update.chapter_title}` : '';
  return {
    key: isChapter ? `chapter:${update.chapter_id}` : `work:${update.work_id}`,
    workId: update.work_id,
    chapterId: update.chapter_id,
    line: isChapter
      ? `“${update.work_title}”, chapter ${update.chapter_position}${chapterName}`
      : `“${update.work_title}”`,
    path: isChapter ? `/works/${update.work_id}/chapters/${update.chapter_id}` : `/works/${update.work_id}`,
    postedAt: update.posted_at,
  };
}

/**
 * What the subscriptions of these members, who all stand at `afterId`, bring among the next BATCH updates:
 * a few queries for the whole group (updates joined to subscriptions by kind, the works' visibility, the
 * members' mutes, what they were told of), then each member's items in memory, oldest first, each item once.
 */
async function gatherGroup(
  db: Db,
  userIds: readonly number[],
  afterId: number,
  cache: RunCache,
  includeSent: boolean,
): Promise<{ itemsOf: Map<number, NoticeItem[]>; lastId: number }> {
  const itemsOf = new Map<number, NoticeItem[]>();
  const updates = await listUpdatesAfter(db, afterId, BATCH);
  const lastId = updates.at(-1)?.id ?? afterId;
  if (!updates.length) return { itemsOf, lastId };

  const workIds = [...new Set(updates.map((u) => u.work_id))];
  const unknown = workIds.filter((id) => !cache.access.has(id));
  for (const [id, access] of await findWorkAccesses(db, unknown)) cache.access.set(id, access);
  const newWorkIds = [...new Set(updates.filter((u) => u.chapter_id === null).map((u) => u.work_id))];

  // Why each member may be told of each work: its chapters (followed work), or it being new (the rest).
  const chaptersFor = new Map<number, Set<number>>();
  const newWorksFor = new Map<number, Set<number>>();
  const add = (to: Map<number, Set<number>>, userId: number, workId: number) =>
    to.set(userId, (to.get(userId) ?? new Set()).add(workId));
  const follows = await listFollowsOfUpdates(db, userIds, afterId, lastId);
  for (const f of follows.work) add(chaptersFor, f.user_id, f.work_id);
  for (const f of follows.tag) add(newWorksFor, f.user_id, f.work_id);
  // A series is its creators': a new work in it whose creators are concealed would name them.
  for (const f of follows.series) {
    const access = cache.access.get(f.work_id);
    if (access && isListedWithStates(withCreatorsNamed(listingAudience(asMember(f.user_id))), access.states))
      add(newWorksFor, f.user_id, f.work_id);
  }

  // A creator subscription must not give away who wrote an anonymous or unrevealed work.
  const worksBy = new Map<number, number[]>();
  for (const workId of newWorkIds)
    for (const creatorId of cache.access.get(workId)?.creatorUserIds ?? [])
      worksBy.set(creatorId, [...(worksBy.get(creatorId) ?? []), workId]);
  for (const f of await listCreatorFollows(db, userIds, [...worksBy.keys()])) {
    const member = asMember(f.user_id);
    for (const workId of worksBy.get(f.creator_id) ?? []) {
      const access = cache.access.get(workId);
      if (access && isListedWithStates(creatorPageAudience(member, f.creator_id), access.states))
        add(newWorksFor, f.user_id, workId);
    }
  }

  if (newWorkIds.length) {
    for (const f of await listFollowedFilters(db, userIds)) {
      let found = cache.filters.get(f.filter_id);
      if (!found) {
        found = worksFoundByFilter(db, f);
        cache.filters.set(f.filter_id, found);
      }
      const byFilter = await found;
      for (const workId of newWorkIds) if (byFilter.has(workId)) add(newWorksFor, f.user_id, workId);
    }
  }

  const interested = [...new Set([...chaptersFor.keys(), ...newWorksFor.keys()])];
  const mutes = await mutedUserIdsOf(db, interested);
  for (const userId of interested) {
    const member = asMember(userId);
    const muted = mutes.get(userId) ?? new Set<number>();
    const chapters = chaptersFor.get(userId) ?? new Set<number>();
    const newWorks = newWorksFor.get(userId) ?? new Set<number>();
    const items: NoticeItem[] = [];
    const seen = new Set<string>();
    for (const update of updates) {
      const isChapter = update.chapter_id !== null;
      if (!(isChapter ? chapters : newWorks).has(update.work_id)) continue;
      // A chapter since deleted or taken back to draft tells of nothing.
      if (isChapter && !update.chapter_is_posted) continue;
      const access = cache.access.get(update.work_id);
      if (!access || whyCannotReadWork(member, access) !== null) continue;
      if (access.creatorUserIds.some((id) => muted.has(id))) continue;
      if (!isListedWithStates(listingAudience(member), access.states)) continue;
      const item = itemOf(update);
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      items.push(item);
    }
    if (items.length) itemsOf.set(userId, items);
  }
  if (includeSent || !itemsOf.size) return { itemsOf, lastId };

  const keys = [...new Set([...itemsOf.values()].flat().map((i) => i.key))];
  const sent = await listSentItemsOf(db, [...itemsOf.keys()], keys);
  for (const [userId, items] of itemsOf) {
    const unsent = items.filter((i) => !sent.has(`${userId} ${i.key}`));
    if (unsent.length) itemsOf.set(userId, unsent);
    else itemsOf.delete(userId);
  }
  return { itemsOf, lastId };
}

function newRunCache(): RunCache {
  return { access: new Map(), filters: new Map() };
}

/**
 * What this member's subscriptions bring among the updates after `afterId`, oldest first, each item once,
 * only what they may see; `lastId` is the last update looked at.
 */
export async function gatherNotices(
  db: Db,
  userId: number,
  afterId: number,
  { includeSent = false }: { includeSent?: boolean } = {},
): Promise<{ items: NoticeItem[]; lastId: number }> {
  const { itemsOf, lastId } = await gatherGroup(db, [userId], afterId, newRunCache(), includeSent);
  return { items: itemsOf.get(userId) ?? [], lastId };
}

function mailText(
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  person: { username: string },
  items: readonly NoticeItem[],
  unsubscribe: string,
): string {
  const works = items.filter((i) => !i.chapterId);
  const chapters = items.filter((i) => i.chapterId);
  return [
    `Hello ${person.username},`,
    '',
    `New on ${config.archiveName} from what you subscribed to:`,
    '',
    ...(works.length ? ['New works:', ...works.flatMap((i) => [i.line, `${config.baseUrl}${i.path}`]), ''] : []),
    ...(chapters.length
      ? ['New chapters:', ...chapters.flatMap((i) => [i.line, `${config.baseUrl}${i.path}`]), '']
      : []),
    'Your subscriptions:',
    `${config.baseUrl}/users/${encodeURIComponent(person.username)}/subscriptions`,
    '',
    'To stop these mails (no log-in needed):',
    unsubscribe,
  ].join('\n');
}

/**
 * This run's mails: one per due member with news. Members are taken in groups standing at the same update
 * (after a run, nearly all of them), each group in a few queries; the mails, the "told of" rows and the
 * members' new places are written in batches, in the caller's transaction. Gives how many were queued.
 */
export async function queueSubscriptionMails(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  now: Date,
): Promise<number> {
  const startOfDay = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const groups = new Map<number, number[]>();
  for (const reader of await listDueReaders(db, startOfDay))
    groups.set(reader.last_update_id, [...(groups.get(reader.last_update_id) ?? []), reader.user_id]);
  const cache = newRunCache();
  const unsubscribeUrl = await unsubscribeUrlMaker(db, config.baseUrl);
  let mails = 0;
  for (const [afterId, userIds] of groups) {
    const { itemsOf, lastId } = await gatherGroup(db, userIds, afterId, cache, false);
    const people = await listContacts(db, [...itemsOf.keys()]);
    const messages: MailMessage[] = [];
    const sent: Array<{ userId: number; item: string }> = [];
    for (const person of people.sort((a, b) => a.id - b.id)) {
      const items = itemsOf.get(person.id) ?? [];
      const unsubscribe = unsubscribeUrl(person.id);
      messages.push({
        to: person.email,
        subject: SUBSCRIPTION_MAIL_SUBJECT,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        text: mailText(config, person, items, unsubscribe),
      });
      for (const item of items) sent.push({ userId: person.id, item: item.key });
    }
    await queueMails(db, messages);
    await markSentMany(db, sent, now);
    await advanceReaders(db, userIds, lastId, now);
    mails += messages.length;
  }
  return mails;
}
