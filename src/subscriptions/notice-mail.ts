/**
 * Subscription notices. Two outbox listeners write down what was posted
 * (`work.posted`, `chapter.posted` → `subscription_updates`); every hour a
 * job (SUBSCRIPTION_MAIL_JOB, queued by src/background.ts under a per-hour
 * once-key) walks each due member's updates since their last run and sends
 * ONE mail per member telling of the new chapters of works they follow and
 * the new works in series, by creators, in tags and found by saved filters
 * they follow. Daily members are
 * due at the first run of each UTC day; members who turned mail off are
 * never due (their feed still works). A member is never told of a work
 * they may not see (a draft, hidden, deleted, by someone they muted, or —
 * for a creator subscription — posted anonymously or unrevealed), and
 * never of the same item twice (`subscription_sent`).
 */
import { findUserContact } from '../accounts/queries.ts';
import { mutedUserIds } from '../blocking/queries.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { queueMail } from '../outbox/mail.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import {
  creatorPageAudience,
  findWorkAccess,
  isListedWithStates,
  listingAudience,
  whyCannotReadWork,
  type WorkAccess,
} from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { findWorks } from '../search/find-works.ts';
import { parseFilters } from '../search/form.ts';
import {
  advanceReader,
  insertUpdate,
  listDueReaders,
  listSentItems,
  findSavedFilter,
  listFilterTagsOfWorks,
  listSeriesOfWorks,
  listUpdatesAfter,
  listUserSubscriptions,
  markSent,
} from './queries.ts';
import { unsubscribeUrl } from './unsubscribe-links.ts';

export const SUBSCRIPTION_MAIL_JOB = 'subscriptions.mail';
export const SUBSCRIPTION_MAIL_SUBJECT = 'New on your subscriptions';

/** Updates looked at per member per run; a busier hour's rest waits for the next run. */
export const BATCH = 2_000;

/** The listeners that write down what was posted, for the mail and the feed. */
export function subscriptionUpdateListeners(): Required<
  Pick<EventListeners, 'work.posted' | 'chapter.posted' | 'works.revealed'>
> {
  return {
    // A Mystery Work told no one while it was secret: at its reveal it is news as if just posted (sent once).
    'works.revealed': {
      inTransaction: true,
      run: async (db, { workIds }) => {
        for (const workId of workIds) await insertUpdate(db, workId, null, new Date());
      },
    },
    'work.posted': { inTransaction: true, run: (db, { workId }) => insertUpdate(db, workId, null, new Date()) },
    'chapter.posted': {
      inTransaction: true,
      run: (db, { workId, chapterId }) => insertUpdate(db, workId, chapterId, new Date()),
    },
  };
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
 * The newest works each followed saved filter finds for this member (the listing's own search, newest posted first,
 * the member's audience): a new work is news when one of them finds it. Only the first page is asked, so a filter
 * with more than a page of new works in one run tells of the newest page of them.
 */
async function worksFoundByFilters(
  db: Db,
  userId: number,
  filterIds: ReadonlySet<number>,
  hasNewWorks: boolean,
): Promise<Set<number>> {
  const found = new Set<number>();
  if (!hasNewWorks) return found;
  for (const id of filterIds) {
    const saved = await findSavedFilter(db, id);
    if (saved?.user_id !== userId) continue;
    const { filters } = parseFilters(new URLSearchParams(saved.query));
    const result = await findWorks(
      db,
      { ...filters, sort: 'posted', order: 'desc', page: 1 },
      listingAudience(asMember(userId)),
      { facets: false },
    );
    for (const workId of result.workIds) found.add(workId);
  }
  return found;
}

type AccessCache = Map<number, Promise<WorkAccess | undefined>>;

function accessOf(db: Db, cache: AccessCache, workId: number) {
  let access = cache.get(workId);
  if (!access) {
    access = findWorkAccess(db, workId);
    cache.set(workId, access);
  }
  return access;
}

/**
 * What this member's subscriptions bring among the updates after `afterId`, oldest first, each item once,
 * only what they may see; `lastId` is the last update looked at.
 */
export async function gatherNotices(
  db: Db,
  userId: number,
  afterId: number,
  cache: AccessCache = new Map(),
  { includeSent = false }: { includeSent?: boolean } = {},
): Promise<{ items: NoticeItem[]; lastId: number }> {
  const updates = await listUpdatesAfter(db, afterId, BATCH);
  const lastId = updates.at(-1)?.id ?? afterId;
  const subscriptions = await listUserSubscriptions(db, userId);
  const follows = (kind: string) => new Set(subscriptions.filter((s) => s.kind === kind).map((s) => s.target_id));
  const works = follows('work');
  const series = follows('series');
  const creators = follows('creator');
  const tags = follows('tag');
  const updatedWorks = [...new Set(updates.map((u) => u.work_id))];
  const seriesOf = await listSeriesOfWorks(db, updatedWorks);
  const byFilters = await worksFoundByFilters(
    db,
    userId,
    follows('filter'),
    updates.some((u) => u.chapter_id === null),
  );
  const tagsOf = tags.size ? await listFilterTagsOfWorks(db, updatedWorks) : new Map<number, number[]>();
  const muted = new Set(await mutedUserIds(db, userId));
  const member = asMember(userId);

  const items: NoticeItem[] = [];
  const seen = new Set<string>();
  for (const update of updates) {
    const isChapter = update.chapter_id !== null;
    // A chapter since deleted or taken back to draft tells of nothing.
    if (isChapter && !update.chapter_is_posted) continue;
    const bySeries = !isChapter && (seriesOf.get(update.work_id) ?? []).some((id) => series.has(id));
    const byWork = isChapter && works.has(update.work_id);
    const byTag = !isChapter && (tagsOf.get(update.work_id) ?? []).some((id) => tags.has(id));
    const byFilter = !isChapter && byFilters.has(update.work_id);
    const access = await accessOf(db, cache, update.work_id);
    if (!access || whyCannotReadWork(member, access) !== null) continue;
    if (access.creatorUserIds.some((id) => muted.has(id))) continue;
    // A creator subscription must not give away who wrote an anonymous or unrevealed work.
    const byCreator =
      !isChapter &&
      access.creatorUserIds.some(
        (id) => creators.has(id) && isListedWithStates(creatorPageAudience(member, id), access.states),
      );
    if (!byWork && !bySeries && !byCreator && !byTag && !byFilter) continue;
    if (!isListedWithStates(listingAudience(member), access.states)) continue;
    const key = isChapter ? `chapter:${update.chapter_id}` : `work:${update.work_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const chapterName = update.chapter_title ? `: ${update.chapter_title}` : '';
    items.push({
      key,
      workId: update.work_id,
      chapterId: update.chapter_id,
      line: isChapter
        ? `“${update.work_title}”, chapter ${update.chapter_position}${chapterName}`
        : `“${update.work_title}”`,
      path: isChapter ? `/works/${update.work_id}/chapters/${update.chapter_id}` : `/works/${update.work_id}`,
      postedAt: update.posted_at,
    });
  }
  if (includeSent) return { items, lastId };
  const sent = await listSentItems(
    db,
    userId,
    items.map((i) => i.key),
  );
  return { items: items.filter((i) => !sent.has(i.key)), lastId };
}

/** This run's mails: one per due member with news. Gives how many were queued. */
export async function queueSubscriptionMails(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  now: Date,
): Promise<number> {
  const startOfDay = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const cache: AccessCache = new Map();
  let mails = 0;
  for (const reader of await listDueReaders(db, startOfDay)) {
    const { items, lastId } = await gatherNotices(db, reader.user_id, reader.last_update_id, cache);
    const person = items.length ? await findUserContact(db, reader.user_id) : undefined;
    if (person) {
      const unsubscribe = await unsubscribeUrl(db, config.baseUrl, person.id);
      const works = items.filter((i) => !i.chapterId);
      const chapters = items.filter((i) => i.chapterId);
      await queueMail(db, {
        to: person.email,
        subject: SUBSCRIPTION_MAIL_SUBJECT,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        text: [
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
        ].join('\n'),
      });
      await markSent(
        db,
        person.id,
        items.map((i) => i.key),
        now,
      );
      mails += 1;
    }
    await advanceReader(db, reader.user_id, lastId, now);
  }
  return mails;
}
