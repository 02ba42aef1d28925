/**
 * Loading the comments a page shows, in a fixed number of queries however
 * many comments there are: the work's facts, the viewer's mutes and pseuds,
 * one page of top-level ids, the comments of those threads (by `thread_id`:
 * every one for the comment pages, only the first few of each under a work's
 * text, with the rest counted in SQL), the names they are signed with, and
 * who among their authors blocked the viewer. Never one query per comment.
 */
import { listPseuds } from '../accounts/queries.ts';
import { mutedUserIds } from '../blocking/queries.ts';
import type { Db } from '../db/database.ts';
import { readableChapters, type WorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { withCommentSettings, type CommentSiteSettings, type LoadedWork } from './comment-context.ts';
import { can, looksAfterComments } from './policy.ts';
import {
  blockersAmong,
  chaptersOfWork,
  commentsOfThreads,
  firstCommentsOfThreads,
  pageOfThreads,
  signedNames,
  threadSizes,
  visibleThreadSizes,
} from './queries.ts';
import { buildThreads, size, type ShownThread, type ThreadFacts } from './threads.ts';
import type { Comment } from './comments.table.ts';

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
  const facts = { viewer, work, names: new Map(), blockers: new Set<number>(), mutedIds, chapterNumbers: new Map() };
  const { rows, totals } =
    whole || longThread === undefined
      ? { rows: await commentsOfThreads(db, rootIds), totals: undefined }
      : await firstRowsShowing(db, rootIds, longThread, facts);
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
  return buildThreads(
    rootIds,
    rows,
    { viewer, work, names, blockers, mutedIds, chapterNumbers },
    whole,
    longThread,
    totals,
  );
}

/**
 * Enough of each thread's first rows to show its first `longThread` comments and know whether there are
 * more: a few more rows than shown, read again deeper only for a thread whose first rows this viewer may
 * not see (held, muted, deleted), so a thread of thousands costs what a thread of ten does. The sizes of
 * threads read in part come from SQL.
 */
async function firstRowsShowing(
  db: Db,
  rootIds: readonly number[],
  longThread: number,
  facts: ThreadFacts,
): Promise<{ rows: Comment[]; totals: Map<number, number> }> {
  const stored = await threadSizes(db, rootIds);
  const byThread = new Map<number, Comment[]>();
  let wanted = [...rootIds];
  let perThread = longThread * 2;
  while (wanted.length) {
    for (const row of await firstCommentsOfThreads(db, wanted, perThread)) {
      const list = byThread.get(row.thread_id!) ?? [];
      if (list.length === 0) byThread.set(row.thread_id!, list);
      list.push(row);
    }
    const shown = new Map(
      buildThreads(
        wanted,
        wanted.flatMap((id) => byThread.get(id) ?? []),
        facts,
        true,
      ).map((t) => [t.root.id, size(t.root)]),
    );
    const partial = wanted.filter(
      (id) => (byThread.get(id)?.length ?? 0) < (stored.get(id) ?? 0) && (shown.get(id) ?? 0) <= longThread,
    );
    partial.forEach((id) => byThread.delete(id));
    wanted = partial;
    perThread *= 4;
  }
  const readInPart = rootIds.filter((id) => (byThread.get(id)?.length ?? 0) < (stored.get(id) ?? 0));
  const totals = await visibleThreadSizes(db, readInPart, {
    seesAll: looksAfterComments(facts.viewer, facts.work),
    viewerId: facts.viewer?.id ?? null,
    mutedIds: facts.mutedIds,
  });
  const rows = rootIds.flatMap((id) => byThread.get(id) ?? []).sort((a, b) => a.id - b.id);
  return { rows, totals };
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
  site?: CommentSiteSettings,
): Promise<CommentSectionData | undefined> {
  const work = await withCommentSettings(db, viewer, access, site);
  return work ? loadCommentSection(db, viewer, work, request) : undefined;
}
