/**
 * Threads as a viewer sees them, built in memory from the rows of a page's
 * threads (pure, no queries): which comments show, which show only as
 * "(Previous comment deleted.)" or as hidden because others replied to
 * them, and what the viewer may do with each. Comments a viewer may not see
 * (held, hidden, by someone they muted) are left out with their replies.
 */
import { CONCEALING_STATES, isStaff } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import type { Comment, CommentState, HoldReason } from './comments.table.ts';
import { can, looksAfterComments, type CommentWork } from './policy.ts';
import type { SignedName } from './queries.ts';

/** Replies nest visually this deep; deeper ones stay at this level, saying whom they answer. */
export const MAX_NESTING = 5;
/** A listing shows this many comments of one thread; the permalink page shows it whole. */
export const LONG_THREAD = 30;
/**
 * Under a work's text a thread shows its first few comments and links to the rest: a page of twenty busy
 * threads in full made the work page several times slower than without comments (docs/PERFORMANCE.md).
 */
export const WORK_PAGE_THREAD = 3;

export type CommentAuthor =
  | { kind: 'member'; pseudName: string; username: string; icon: { icon_file: string | null; icon_alt: string | null } }
  | { kind: 'guest'; name: string; email: string | null }
  /** A creator of an anonymous or unrevealed work, whose name would give the work's creator away. */
  | { kind: 'anonymous' }
  | { kind: 'gone' };

export interface ShownComment {
  id: number;
  workId: number;
  chapterId: number | null;
  chapterNumber: number | null;
  parentId: number | null;
  /** The name of the comment it replies to, said beside replies listed flat. */
  inReplyTo: string | null;
  depth: number;
  author: CommentAuthor;
  /** Null when it shows as a placeholder. */
  bodyHtml: string | null;
  placeholder: 'deleted' | 'hidden' | null;
  state: CommentState;
  holdReason: HoldReason | null;
  isHidden: boolean;
  isFrozen: boolean;
  createdAt: string;
  editedAt: string | null;
  may: { reply: boolean; edit: boolean; delete: boolean; freeze: boolean; hide: boolean; approve: boolean };
  replies: ShownComment[];
}

export interface ShownThread {
  root: ShownComment;
  /** How many comments the whole thread shows this viewer, when more than a listing shows. */
  truncatedFrom: number | null;
}

export interface ThreadFacts {
  viewer: Viewer | null;
  work: CommentWork;
  names: Map<number, SignedName>;
  /** Authors who blocked the viewer. */
  blockers: Set<number>;
  mutedIds: readonly number[];
  chapterNumbers: Map<number, number>;
}

export function authorName(author: CommentAuthor): string {
  if (author.kind === 'member') return author.pseudName;
  if (author.kind === 'guest') return author.name;
  if (author.kind === 'anonymous') return 'Anonymous Creator';
  return 'someone no longer here';
}

function authorOf(row: Comment, facts: ThreadFacts): CommentAuthor {
  const { work, viewer } = facts;
  const concealed = CONCEALING_STATES.some((state) => work.states.includes(state));
  if (
    concealed &&
    row.user_id !== null &&
    work.creatorUserIds.includes(row.user_id) &&
    !looksAfterComments(viewer, work)
  ) {
    return { kind: 'anonymous' };
  }
  if (row.pseud_id !== null) {
    const name = facts.names.get(row.pseud_id);
    if (name) {
      const icon = { icon_file: name.iconFile, icon_alt: name.iconAlt };
      return { kind: 'member', pseudName: name.pseudName, username: name.username, icon };
    }
  }
  if (row.guest_name !== null) {
    return { kind: 'guest', name: row.guest_name, email: isStaff(facts.viewer) ? row.guest_email : null };
  }
  return { kind: 'gone' };
}

function present(row: Comment, facts: ThreadFacts): ShownComment | null {
  const { viewer, work } = facts;
  if (row.user_id !== null && facts.mutedIds.includes(row.user_id)) return null;
  const name = row.pseud_id !== null ? facts.names.get(row.pseud_id) : undefined;
  const comment = {
    ...row,
    authorBlocksViewer: row.user_id !== null && facts.blockers.has(row.user_id),
    authorRefusesGuests: viewer === null && !!name?.refusesGuestReplies,
  };
  const target = { work, comment };
  const sees = can(viewer, 'see', target);
  let placeholder: ShownComment['placeholder'] = null;
  if (row.deleted_at !== null) placeholder = 'deleted';
  else if (!sees) {
    if (row.state !== 'published') return null;
    placeholder = 'hidden';
  }
  return {
    id: row.id,
    workId: row.work_id,
    chapterId: row.chapter_id,
    chapterNumber: row.chapter_id !== null ? (facts.chapterNumbers.get(row.chapter_id) ?? null) : null,
    parentId: row.parent_id,
    inReplyTo: null,
    depth: row.depth,
    author: placeholder ? { kind: 'gone' } : authorOf(row, facts),
    bodyHtml: placeholder ? null : row.body,
    placeholder,
    state: row.state,
    holdReason: row.hold_reason,
    isHidden: row.is_hidden === 1,
    isFrozen: row.is_frozen === 1,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    may: {
      reply: can(viewer, 'reply', target),
      edit: can(viewer, 'edit', target),
      delete: can(viewer, 'delete', target),
      freeze: can(viewer, 'freeze', target),
      hide: can(viewer, 'hide', target),
      approve: can(viewer, 'approve', target),
    },
    replies: [],
  };
}

/** A placeholder with nothing shown below it is no use to anyone: drop it. */
function prune(node: ShownComment): boolean {
  node.replies = node.replies.filter(prune);
  return node.placeholder === null || node.replies.length > 0;
}

/** How many comments a thread shows, its root and every reply below it. */
export function size(node: ShownComment): number {
  return 1 + node.replies.reduce((n, r) => n + size(r), 0);
}

/** Keeps the first `keep` comments of a thread by age; a parent is always older than its replies. */
function cut(node: ShownComment, keepIds: Set<number>): void {
  node.replies = node.replies.filter((r) => keepIds.has(r.id));
  node.replies.forEach((r) => cut(r, keepIds));
}

function collectIds(node: ShownComment, out: number[] = []): number[] {
  out.push(node.id);
  node.replies.forEach((r) => collectIds(r, out));
  return out;
}

/**
 * The threads of `rootIds`, in that order, from all their rows (oldest first). `whole` keeps long threads
 * whole (the permalink page); otherwise a listing shows the first `longThread` comments of each (LONG_THREAD;
 * fewer under a work's text, WORK_PAGE_THREAD), with a link to the rest. `totals` gives the size of threads
 * whose rows were read only in part (section.ts), counted in SQL.
 */
export function buildThreads(
  rootIds: readonly number[],
  rows: readonly Comment[],
  facts: ThreadFacts,
  whole = false,
  longThread = LONG_THREAD,
  totals?: ReadonlyMap<number, number>,
): ShownThread[] {
  const shown = new Map<number, ShownComment>();
  const roots = new Map<number, ShownComment>();
  for (const row of rows) {
    const parent = row.parent_id === null ? null : shown.get(row.parent_id);
    if (row.parent_id !== null && !parent) continue;
    const node = present(row, facts);
    if (!node) continue;
    shown.set(row.id, node);
    if (parent) node.inReplyTo = parent.placeholder ? `a ${parent.placeholder} comment` : authorName(parent.author);
    if (parent) parent.replies.push(node);
    else roots.set(row.id, node);
  }
  const threads: ShownThread[] = [];
  for (const id of rootIds) {
    const root = roots.get(id);
    if (!root || !prune(root)) continue;
    const total = Math.max(size(root), totals?.get(id) ?? 0);
    if (!whole && total > longThread) {
      const keep = new Set(
        collectIds(root)
          .sort((a, b) => a - b)
          .slice(0, longThread),
      );
      cut(root, keep);
      threads.push({ root, truncatedFrom: total });
    } else threads.push({ root, truncatedFrom: null });
  }
  return threads;
}

/** A comment and its replies below it, oldest branch first: how replies past MAX_NESTING are listed flat. */
export function flattened(node: ShownComment): ShownComment[] {
  return [node, ...node.replies.flatMap(flattened)];
}
