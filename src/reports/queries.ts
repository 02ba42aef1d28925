/**
 * SQL of reports: filing one, the "once a day" check, the review queue
 * grouped by the thing reported, one thing's reports, and resolving them.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Report, ReportCategory, ReportStatus, ReportTarget } from './reports.table.ts';

/** The thing a report is about, as the report form and the queue name it. */
export interface TargetFacts {
  type: ReportTarget;
  id: number;
  /** What the thing is called: a work's title, "Comment 12 on <title>", a user's name. */
  label: string;
  /** Where it is read. */
  path: string;
  /** The work it belongs to (a work, chapter, comment or bookmark), for the reading rules. */
  workId: number | null;
  /** The account it belongs to, for moderation of its author. */
  ownerUserId: number | null;
}

async function workTitle(db: Db, workId: number): Promise<string | undefined> {
  return (await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst())?.title;
}

/** The thing, or undefined when there is no such thing (a deleted comment counts as none). */
export async function findTarget(db: Db, type: ReportTarget, id: number): Promise<TargetFacts | undefined> {
  switch (type) {
    case 'work': {
      const work = await db.selectFrom('works').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
      if (!work) return undefined;
      const owner = await db
        .selectFrom('creatorships')
        .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
        .select('pseuds.user_id')
        .where('creatorships.work_id', '=', id)
        .orderBy('creatorships.pseud_id')
        .executeTakeFirst();
      return { type, id, label: work.title, path: `/works/${id}`, workId: id, ownerUserId: owner?.user_id ?? null };
    }
    case 'chapter': {
      const chapter = await db
        .selectFrom('chapters')
        .select(['id', 'work_id', 'position'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!chapter) return undefined;
      const title = await workTitle(db, chapter.work_id);
      return {
        type,
        id,
        label: `Chapter ${chapter.position} of ${title ?? 'a work'}`,
        path: `/works/${chapter.work_id}/chapters/${id}`,
        workId: chapter.work_id,
        ownerUserId: null,
      };
    }
    case 'comment': {
      const comment = await db
        .selectFrom('comments')
        .select(['id', 'work_id', 'user_id'])
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!comment) return undefined;
      const title = await workTitle(db, comment.work_id);
      return {
        type,
        id,
        label: `A comment on ${title ?? 'a work'}`,
        path: `/comments/${id}`,
        workId: comment.work_id,
        ownerUserId: comment.user_id,
      };
    }
    case 'bookmark': {
      const bookmark = await db
        .selectFrom('bookmarks')
        .select(['id', 'work_id', 'user_id', 'is_private'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!bookmark || bookmark.is_private) return undefined;
      // A bookmark of a series or of a work hosted elsewhere has no work here.
      const title = bookmark.work_id === null ? undefined : await workTitle(db, bookmark.work_id);
      return {
        type,
        id,
        label: title === undefined ? 'A bookmark' : `A bookmark of ${title}`,
        path: `/bookmarks/${id}`,
        workId: bookmark.work_id,
        ownerUserId: bookmark.user_id,
      };
    }
    case 'series': {
      const series = await db
        .selectFrom('series')
        .select(['id', 'title', 'owner_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!series) return undefined;
      return { type, id, label: series.title, path: `/series/${id}`, workId: null, ownerUserId: series.owner_id };
    }
    case 'user': {
      const user = await db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
      if (!user) return undefined;
      return {
        type,
        id,
        label: user.username,
        path: `/users/${encodeURIComponent(user.username)}`,
        workId: null,
        ownerUserId: user.id,
      };
    }
  }
}

/** Whether this reporter already reported this thing since `since`. */
export async function hasReportedSince(
  db: Db,
  reporterKey: string,
  type: ReportTarget,
  id: number,
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('reporter_key', '=', reporterKey)
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return !!row;
}

export interface NewReport {
  type: ReportTarget;
  id: number;
  category: ReportCategory;
  description: string;
  reporterUserId: number | null;
  reporterEmail: string | null;
  reporterKey: string;
  createdAt: string;
}

export async function insertReport(db: Db, report: NewReport): Promise<number> {
  const row = await db
    .insertInto('reports')
    .values({
      target_type: report.type,
      target_id: report.id,
      category: report.category,
      description: report.description,
      reporter_user_id: report.reporterUserId,
      reporter_email: report.reporterEmail,
      reporter_key: report.reporterKey,
      created_at: report.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface QueueFilter {
  status: ReportStatus;
  category?: ReportCategory;
  assignedTo?: number;
}

/** One thing reported, with how many reports it has (of the filter's status) and since when. */
export interface QueueItem {
  target_type: ReportTarget;
  target_id: number;
  reports: number;
  first_at: string;
  last_at: string;
}

/** The review queue: one item per thing reported, oldest first (by its first report). */
export async function listQueue(db: Db, filter: QueueFilter, limit = 100): Promise<QueueItem[]> {
  let query = db
    .selectFrom('reports')
    .select((eb) => [
      'target_type',
      'target_id',
      eb.fn.countAll<number>().as('reports'),
      eb.fn.min('created_at').as('first_at'),
      eb.fn.max('created_at').as('last_at'),
    ])
    .where('status', '=', filter.status);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.assignedTo !== undefined) query = query.where('assigned_user_id', '=', filter.assignedTo);
  const rows = await query
    .groupBy(['target_type', 'target_id'])
    .orderBy(sql`min(created_at)`)
    .orderBy('target_type')
    .orderBy('target_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, reports: Number(row.reports) }));
}

/** How many things have open reports: what /admin says is waiting. */
export async function countOpenItems(db: Db): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('reports')
        .select(['target_type', 'target_id'])
        .where('status', '=', 'open')
        .groupBy(['target_type', 'target_id'])
        .as('items'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ReportWithReporter extends Report {
  reporter_name: string | null;
  assigned_name: string | null;
}

/** Every report of one thing, oldest first, with the reporter's and the assignee's names. */
export async function listReportsOf(db: Db, type: ReportTarget, id: number): Promise<ReportWithReporter[]> {
  return db
    .selectFrom('reports')
    .leftJoin('users as reporter', 'reporter.id', 'reports.reporter_user_id')
    .leftJoin('users as assignee', 'assignee.id', 'reports.assigned_user_id')
    .selectAll('reports')
    .select(['reporter.username as reporter_name', 'assignee.username as assigned_name'])
    .where('reports.target_type', '=', type)
    .where('reports.target_id', '=', id)
    .orderBy('reports.id')
    .execute();
}

/** Resolves the thing's open reports with an outcome; gives the ids resolved. */
export async function resolveOpenReports(
  trx: Db,
  type: ReportTarget,
  id: number,
  outcome: string,
  at: string,
): Promise<number[]> {
  const rows = await trx
    .updateTable('reports')
    .set({ status: 'resolved', outcome, resolved_at: at })
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function assignOpenReports(trx: Db, type: ReportTarget, id: number, userId: number | null): Promise<void> {
  await trx
    .updateTable('reports')
    .set({ assigned_user_id: userId })
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

/** Whom to tell of these reports' outcome: each reporter's address (an account's, or the guest's). */
export async function reportersToTell(
  db: Db,
  reportIds: readonly number[],
): Promise<
  Array<{
    report_id: number;
    email: string | null;
    user_id: number | null;
    outcome: string | null;
    category: string;
    target_type: string;
    created_at: string;
  }>
> {
  if (!reportIds.length) return [];
  return db
    .selectFrom('reports')
    .leftJoin('users', 'users.id', 'reports.reporter_user_id')
    .select([
      'reports.id as report_id',
      'reports.reporter_user_id as user_id',
      'reports.outcome',
      'reports.category',
      'reports.target_type',
      'reports.created_at',
      (eb) => eb.fn.coalesce('users.email', 'reports.reporter_email').as('email'),
    ])
    .where('reports.id', 'in', reportIds)
    .execute();
}

/** A member's own reports, newest first, with their outcomes: their page at /reports. */
export async function listOwnReports(db: Db, userId: number, limit = 100): Promise<Report[]> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('reporter_user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
