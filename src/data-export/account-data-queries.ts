/**
 * SQL of what a member's export holds besides their works: their bookmarks
 * (private ones, notes, tags and lists included), comments, kudos, reading
 * history and statuses, subscriptions and preferences, each as plain
 * JSON-ready objects. A work these point at is named only when its owner
 * may read it now (src/visibility's `whyCannotReadWork`, as on their own
 * bookmarks page, where an item they may no longer see gives way to a
 * "deleted" line); its id stays either way, since the row is theirs.
 */
import type { Db } from '../db/database.ts';
import { queryInChunks } from '../db/chunks.ts';
import type { Viewer } from '../web/context.ts';
import { VIEWER_COLUMNS, viewerOf } from '../accounts/viewer-row.ts';
import { iconZipPath } from './pseud-icons.ts';
import { findWorkAccesses, isCreator, listedSeries, listingAudience, whyCannotReadWork } from '../visibility/index.ts';

/**
 * The member an export is made for, as the visibility rules see them (a viewer with no session): or
 * undefined once the account is gone.
 */
export async function findExportOwner(db: Db, userId: number): Promise<Viewer | undefined> {
  const row = await db.selectFrom('users').select(VIEWER_COLUMNS).where('users.id', '=', userId).executeTakeFirst();
  return row && viewerOf(row, 'data-export');
}

/** A work as the export names it: its title when the owner may read it, else null ("no longer available"). */
export interface WorkRef {
  id: number;
  title: string | null;
}

/** The works (drafts included) this member created or co-created and may read: what the export holds as files. */
export async function findOwnWorkIds(db: Db, owner: Viewer): Promise<number[]> {
  const credited = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('creatorships.work_id as id')
    .where('pseuds.user_id', '=', owner.id)
    .union(db.selectFrom('works').select('works.id').where('works.imported_by_id', '=', owner.id))
    .execute();
  const accesses = await findWorkAccesses(
    db,
    credited.map((row) => row.id),
  );
  return [...accesses.values()]
    .filter((access) => isCreator(owner, access) && whyCannotReadWork(owner, access) === null)
    .map((access) => access.id)
    .sort((a, b) => a - b);
}

/** Names each work the owner may read; the others keep their id with a null title. */
async function workRefs(db: Db, owner: Viewer, workIds: Iterable<number | null>): Promise<Map<number, WorkRef>> {
  const ids = [...new Set([...workIds].filter((id): id is number => id !== null))];
  const accesses = await findWorkAccesses(db, ids);
  const titles = await queryInChunks(ids, (batch) =>
    db.selectFrom('works').select(['id', 'title']).where('id', 'in', batch).execute(),
  );
  const refs = new Map<number, WorkRef>();
  for (const id of ids) refs.set(id, { id, title: null });
  for (const { id, title } of titles) {
    const access = accesses.get(id);
    if (access && whyCannotReadWork(owner, access) === null) refs.set(id, { id, title });
  }
  return refs;
}

const refOf = (refs: Map<number, WorkRef>, id: number | null) => (id === null ? null : (refs.get(id) ?? null));
const isSet = (flag: number) => flag === 1;

export async function exportBookmarks(db: Db, owner: Viewer) {
  const rows = await db
    .selectFrom('bookmarks')
    .innerJoin('pseuds', 'pseuds.id', 'bookmarks.pseud_id')
    .leftJoin('external_works', 'external_works.id', 'bookmarks.external_work_id')
    .select([
      'bookmarks.id',
      'bookmarks.work_id',
      'bookmarks.series_id',
      'bookmarks.external_work_id',
      'pseuds.name as pseud',
      'bookmarks.notes',
      'bookmarks.is_rec',
      'bookmarks.is_private',
      'bookmarks.is_hidden',
      'bookmarks.created_at',
      'bookmarks.updated_at',
      'external_works.url as external_url',
      'external_works.title as external_title',
      'external_works.creator as external_creator',
    ])
    .where('bookmarks.user_id', '=', owner.id)
    .orderBy('bookmarks.id')
    .execute();
  const ids = rows.map((row) => row.id);
  const [refs, tags, memberships, lists, series] = await Promise.all([
    workRefs(
      db,
      owner,
      rows.map((row) => row.work_id),
    ),
    queryInChunks(ids, (batch) =>
      db
        .selectFrom('bookmark_tags')
        .select(['bookmark_id', 'name'])
        .where('bookmark_id', 'in', batch)
        .orderBy('id')
        .execute(),
    ),
    queryInChunks(ids, (batch) =>
      db
        .selectFrom('bookmark_list_items')
        .innerJoin('bookmark_lists', 'bookmark_lists.id', 'bookmark_list_items.list_id')
        .select(['bookmark_list_items.bookmark_id', 'bookmark_lists.name'])
        .where('bookmark_list_items.bookmark_id', 'in', batch)
        .orderBy('bookmark_lists.name')
        .execute(),
    ),
    db
      .selectFrom('bookmark_lists')
      .select(['id', 'name', 'description', 'is_private', 'created_at'])
      .where('user_id', '=', owner.id)
      .orderBy('id')
      .execute(),
    seriesTitles(
      db,
      owner,
      rows.map((row) => row.series_id),
    ),
  ]);
  const grouped = <T extends { bookmark_id: number; name: string }>(list: T[]) => {
    const map = new Map<number, string[]>();
    for (const { bookmark_id, name } of list) map.set(bookmark_id, [...(map.get(bookmark_id) ?? []), name]);
    return map;
  };
  const tagsOf = grouped(tags);
  const listsOf = grouped(memberships);
  return {
    bookmarks: rows.map((row) => ({
      id: row.id,
      item:
        row.work_id !== null
          ? { type: 'work', ...refOf(refs, row.work_id) }
          : row.series_id !== null
            ? { type: 'series', id: row.series_id, title: series.get(row.series_id) ?? null }
            : {
                type: 'external work',
                id: row.external_work_id,
                url: row.external_url,
                title: row.external_title,
                creator: row.external_creator,
              },
      pseud: row.pseud,
      notes: row.notes,
      tags: tagsOf.get(row.id) ?? [],
      lists: listsOf.get(row.id) ?? [],
      isRec: isSet(row.is_rec),
      isPrivate: isSet(row.is_private),
      isHiddenByModerator: isSet(row.is_hidden),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
    lists: lists.map((list) => ({
      name: list.name,
      description: list.description,
      isPrivate: isSet(list.is_private),
      createdAt: list.created_at,
    })),
  };
}

/** A series is named when one of its works is listed for the owner (as its page decides). */
async function seriesTitles(db: Db, owner: Viewer, seriesIds: Array<number | null>): Promise<Map<number, string>> {
  const ids = [...new Set(seriesIds.filter((id): id is number => id !== null))];
  const rows = await queryInChunks(ids, (batch) =>
    db
      .selectFrom('series')
      .select(['series.id', 'series.title'])
      .where('series.id', 'in', batch)
      .where((eb) => listedSeries(eb, listingAudience(owner), 'series.id'))
      .execute(),
  );
  return new Map(rows.map((row) => [row.id, row.title]));
}

export async function exportComments(db: Db, owner: Viewer) {
  const rows = await db
    .selectFrom('comments')
    .leftJoin('pseuds', 'pseuds.id', 'comments.pseud_id')
    .select([
      'comments.id',
      'comments.work_id',
      'comments.chapter_id',
      'comments.parent_id',
      'pseuds.name as pseud',
      'comments.body',
      'comments.state',
      'comments.is_hidden',
      'comments.created_at',
      'comments.edited_at',
    ])
    .where('comments.user_id', '=', owner.id)
    .where('comments.deleted_at', 'is', null)
    .orderBy('comments.id')
    .execute();
  const refs = await workRefs(
    db,
    owner,
    rows.map((row) => row.work_id),
  );
  const news = await db
    .selectFrom('admin_post_comments')
    .innerJoin('admin_posts', 'admin_posts.id', 'admin_post_comments.post_id')
    .select([
      'admin_post_comments.id',
      'admin_posts.id as post_id',
      'admin_posts.title',
      'admin_post_comments.body',
      'admin_post_comments.created_at',
    ])
    .where('admin_post_comments.user_id', '=', owner.id)
    .orderBy('admin_post_comments.id')
    .execute();
  return {
    comments: rows.map((row) => ({
      id: row.id,
      work: refOf(refs, row.work_id),
      chapterId: row.chapter_id,
      replyTo: row.parent_id,
      pseud: row.pseud,
      body: row.body,
      isHeld: row.state === 'held',
      isHiddenByCreator: isSet(row.is_hidden),
      createdAt: row.created_at,
      editedAt: row.edited_at,
    })),
    newsComments: news.map((row) => ({
      id: row.id,
      post: { id: row.post_id, title: row.title },
      body: row.body,
      createdAt: row.created_at,
    })),
  };
}

export async function exportKudos(db: Db, owner: Viewer) {
  const rows = await db
    .selectFrom('kudos')
    .select(['work_id', 'chapter_id', 'created_at'])
    .where('user_id', '=', owner.id)
    .orderBy('id')
    .execute();
  const refs = await workRefs(
    db,
    owner,
    rows.map((row) => row.work_id),
  );
  return {
    kudos: rows.map((row) => ({ work: refOf(refs, row.work_id), chapterId: row.chapter_id, leftAt: row.created_at })),
  };
}

export async function exportReadings(db: Db, owner: Viewer) {
  const [rows, settings] = await Promise.all([
    db.selectFrom('readings').selectAll().where('user_id', '=', owner.id).orderBy('work_id').execute(),
    db.selectFrom('reading_settings').select('is_history_off').where('user_id', '=', owner.id).executeTakeFirst(),
  ]);
  const refs = await workRefs(
    db,
    owner,
    rows.map((row) => row.work_id),
  );
  return {
    historyOff: settings?.is_history_off === 1,
    readings: rows.map((row) => ({
      work: refOf(refs, row.work_id),
      lastVisitedAt: row.visited_at,
      visits: row.visit_count,
      lastChapterId: row.last_chapter_id,
      markedForLater: isSet(row.is_marked_for_later),
      markedAt: row.marked_at,
      status: row.status,
      note: row.note,
      rating: row.rating,
      statusUpdatedAt: row.status_updated_at,
    })),
  };
}

export async function exportSubscriptions(db: Db, owner: Viewer) {
  const [rows, reader] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .select(['kind', 'target_id', 'created_at'])
      .where('user_id', '=', owner.id)
      .orderBy('id')
      .execute(),
    db.selectFrom('subscription_readers').select('frequency').where('user_id', '=', owner.id).executeTakeFirst(),
  ]);
  const of = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.target_id);
  const [works, series, creators, tags, filters] = await Promise.all([
    workRefs(db, owner, of('work')),
    seriesTitles(db, owner, of('series')),
    namesOf(db, 'users', 'username', of('creator')),
    namesOf(db, 'tags', 'name', of('tag')),
    db.selectFrom('saved_filters').select(['id', 'name', 'query']).where('user_id', '=', owner.id).execute(),
  ]);
  const filterOf = new Map(filters.map((f) => [f.id, { name: f.name, query: f.query }]));
  const named = (kind: string, id: number): unknown => {
    if (kind === 'work') return { title: works.get(id)?.title ?? null };
    if (kind === 'series') return { title: series.get(id) ?? null };
    if (kind === 'creator') return { username: creators.get(id) ?? null };
    if (kind === 'tag') return { name: tags.get(id) ?? null };
    return filterOf.get(id) ?? { name: null };
  };
  return {
    mail: reader?.frequency ?? 'daily',
    subscriptions: rows.map((row) => ({
      kind: row.kind,
      id: row.target_id,
      ...(named(row.kind, row.target_id) as object),
      since: row.created_at,
    })),
  };
}

async function namesOf(
  db: Db,
  table: 'users' | 'tags',
  column: 'username' | 'name',
  ids: number[],
): Promise<Map<number, string>> {
  const rows = (await queryInChunks(ids, (batch) =>
    db
      .selectFrom(table)
      .select(['id', `${column} as name` as 'name'])
      .where('id', 'in', batch)
      .execute(),
  )) as Array<{ id: number; name: string }>;
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The account itself: names, address, pseuds, preferences. Never a secret (no password hash, token or feed key). */
export async function exportPreferences(db: Db, owner: Viewer) {
  const [user, pseuds, savedFilters] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', '=', owner.id).executeTakeFirstOrThrow(),
    db
      .selectFrom('pseuds')
      .select(['id', 'name', 'description', 'is_default', 'created_at', 'icon_file', 'icon_alt'])
      .where('user_id', '=', owner.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('saved_filters')
      .select(['name', 'query', 'is_default', 'created_at'])
      .where('user_id', '=', owner.id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    account: {
      username: user.username,
      email: user.email,
      createdAt: user.created_at,
      emailConfirmedAt: user.email_confirmed_at,
      termsVersionAccepted: user.tos_version,
    },
    pseuds: pseuds.map((p) => ({
      name: p.name,
      description: p.description,
      isDefault: isSet(p.is_default),
      icon: p.icon_file ? iconZipPath(p, p.icon_file) : null,
      iconAlt: p.icon_alt,
      createdAt: p.created_at,
    })),
    preferences: {
      skipAdultNotice: isSet(user.skip_adult_notice),
      hideWarnings: isSet(user.hide_warnings),
      hideAdditionalTags: isSet(user.hide_freeform),
      commentEmailsOff: isSet(user.comment_emails_off),
      kudosEmailsOff: isSet(user.kudos_emails_off),
      commentCopiesOff: isSet(user.comment_copies_off),
      guestRepliesOff: isSet(user.guest_replies_off),
    },
    savedFilters: savedFilters.map((f) => ({
      name: f.name,
      query: f.query,
      isDefault: isSet(f.is_default),
      createdAt: f.created_at,
    })),
  };
}
