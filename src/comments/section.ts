/**
 * Loading the comments a page shows, in a fixed number of queries however
 * many comments there are: the work's facts, the viewer's mutes and pseuds,
 * one page of top-level ids, every comment of those threads (by
 * `thread_id`), the names they are signed with, and who among their
 * authors blocked the viewer. Never one query per comment.
 */
import { listPseuds } from '../accounts/queries.ts';
import { mutedUserIds } from '../blocking/queries.ts';
import type { Db } from '../db/database.ts';
import { readableChapters, type WorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { withCommentSettings, type LoadedWork } from './comment-context.ts';
import { can, looksAfterComments } from './policy.ts';
import { blockersAmong, chaptersOfWork, commentsOfThreads, pageOfThreads, signedNames } from './queries.ts';
import { buildThreads, type ShownThread } from './threads.ts';

/** Top-level comments a page. */
export const THREADS_PER_PAGE = 20;

export interface CommentSectionData {
  work: LoadedWork;
  viewer: Viewer | null;
  /** The chapter these comments are on; undefined for the whole work's. */
  chapterId?: number;
  threads: ShownThread[];
  page: number;
  pages: number;
  total: number;
  mayPost: boolean;
  /** The viewer's pseuds, for the form's "comment as". */
  pseuds: Array<{ id: number; name: string }>;
  /** Where the page links (pagination) and the forms send people back. */
  basePath: string;
}

export interface SectionRequest {
  chapterId?: number;
  page?: number;
  basePath: string;
  /** Every thread whole, however long (the API); a page cuts long ones short. */
  whole?: boolean;
  /** How many comments of a long thread a page shows (threads.ts LONG_THREAD by default). */
  longThread?: number;
}

/** The names and blocks behind a set of comment rows, then the threads as this viewer sees them. */
export async function threadsFor(
  db: Db,
  viewer: Viewer | null,
  work: LoadedWork,
  rootIds: readonly number[],
  { whole = false, mutedIds = [] as number[], longThread = undefined as number | undefined } = {},
): Promise<ShownThread[]> {
  const rows = await commentsOfThreads(db, rootIds);
  const names = await signedNames(
    db,
    rows.flatMap((r) => (r.pseud_id === null ? [] : [r.pseud_id])),
  );
  const blockers = await blockersAmong(
    db,
    rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
    viewer?.id ?? null,
  );
  const chapters = readableChapters(await chaptersOfWork(db, work.id), viewer, work);
  const chapterNumbers = new Map(chapters.map((ch) => [ch.id, ch.number]));
  return buildThreads(rootIds, rows, { viewer, work, names, blockers, mutedIds, chapterNumbers }, whole, longThread);
}

export async function loadCommentSection(
  db: Db,
  viewer: Viewer | null,
  work: LoadedWork,
  request: SectionRequest,
): Promise<CommentSectionData> {
  const mutedIds = viewer ? await mutedUserIds(db, viewer.id) : [];
  const wanted = Math.max(1, Math.min(request.page ?? 1, 100_000));
  const filter = { seesAll: looksAfterComments(viewer, work), viewerId: viewer?.id ?? null, mutedIds };
  const place = { workId: work.id, chapterId: request.chapterId };
  const { ids, total } = await pageOfThreads(db, place, filter, wanted, THREADS_PER_PAGE);
  const threads = await threadsFor(db, viewer, work, ids, {
    mutedIds,
    whole: request.whole,
    longThread: request.longThread,
  });
  const pseuds = viewer ? (await listPseuds(db, viewer.id)).map((p) => ({ id: p.id, name: p.name })) : [];
  return {
    work,
    viewer,
    chapterId: request.chapterId,
    threads,
    page: wanted,
    pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
    total,
    mayPost: can(viewer, 'post', { work }),
    pseuds,
    basePath: request.basePath,
  };
}

/** The work page's loader: the comments of the whole work, or of one chapter, for this viewer. */
export async function loadWorkPageComments(
  db: Db,
  viewer: Viewer | null,
  access: WorkAccess,
  request: SectionRequest,
): Promise<CommentSectionData | undefined> {
  const work = await withCommentSettings(db, viewer, access);
  return work ? loadCommentSection(db, viewer, work, request) : undefined;
}
