/**
 * How comments look: the section under a work or chapter (threads, pages,
 * the comment box), one thread, one comment with the buttons its viewer may
 * press (the form itself is comment-form.tsx). Replies nest to
 * MAX_NESTING levels; deeper ones are listed flat at that level, each
 * saying whom it answers.
 */
import type { Viewer } from '../web/context.ts';
import { CommentForm } from './comment-form.tsx';
import type { CommentSectionData } from './section.ts';
import { ReportLink } from '../web/report-link.tsx';
import { PseudIcon } from '../accounts/pseud-icon.tsx';
import {
  authorName,
  flattened,
  MAX_NESTING,
  type CommentAuthor,
  type ShownComment,
  type ShownThread,
} from './threads.ts';

export const commentPath = (id: number) => `/comments/${id}`;

const day = (iso: string) => iso.slice(0, 10);

function Author({ author }: { author: CommentAuthor }) {
  if (author.kind === 'member') {
    const href = `/users/${encodeURIComponent(author.username)}/pseuds/${encodeURIComponent(author.pseudName)}/works`;
    return (
      <a class="comment-author" href={href}>
        <PseudIcon pseud={author.icon} small />
        {author.pseudName}
        {author.pseudName !== author.username ? ` (${author.username})` : ''}
      </a>
    );
  }
  if (author.kind === 'guest') {
    return (
      <span class="comment-author">
        {author.name} <span class="guest">(Guest)</span>
        {author.email ? <span class="guest-email"> {author.email}</span> : null}
      </span>
    );
  }
  if (author.kind === 'anonymous') return <span class="comment-author">Anonymous Creator</span>;
  return <span class="comment-author">(Account deleted)</span>;
}

function ActionButton({ action, label, returnTo }: { action: string; label: string; returnTo: string }) {
  return (
    <form method="post" action={action} class="inline">
      <input type="hidden" name="return_to" value={returnTo} />
      <button type="submit" class="link-button">
        {label}
      </button>
    </form>
  );
}

function CommentActions({ comment, returnTo }: { comment: ShownComment; returnTo: string }) {
  const { may } = comment;
  const base = commentPath(comment.id);
  return (
    <ul class="actions comment-actions">
      <li>
        <a href={base}>Link</a>
      </li>
      <li>
        <ReportLink kind="comment" id={comment.id} />
      </li>
      {may.edit ? (
        <li>
          <a href={`${base}/edit?return_to=${encodeURIComponent(returnTo)}`}>Edit</a>
        </li>
      ) : null}
      {may.approve ? (
        <li>
          <ActionButton action={`${base}/approve`} label="Approve" returnTo={returnTo} />
        </li>
      ) : null}
      {may.freeze ? (
        <li>
          <ActionButton
            action={`${base}/${comment.isFrozen ? 'unfreeze' : 'freeze'}`}
            label={comment.isFrozen ? 'Unfreeze thread' : 'Freeze thread'}
            returnTo={returnTo}
          />
        </li>
      ) : null}
      {may.hide ? (
        <li>
          <ActionButton
            action={`${base}/${comment.isHidden ? 'unhide' : 'hide'}`}
            label={comment.isHidden ? 'Make visible' : 'Hide'}
            returnTo={returnTo}
          />
        </li>
      ) : null}
      {may.delete ? (
        <li>
          <ActionButton action={`${base}/delete`} label="Delete" returnTo={returnTo} />
        </li>
      ) : null}
    </ul>
  );
}

function Placeholder({ comment }: { comment: ShownComment }) {
  return (
    <p class="comment-placeholder">
      {comment.placeholder === 'deleted' ? '(Previous comment deleted.)' : '(This comment has been hidden.)'}
    </p>
  );
}

export interface ThreadContext {
  viewer: Viewer | null;
  pseuds: Array<{ id: number; name: string }>;
  returnTo: string;
  /** The comment a permalink page points at. */
  highlightId?: number;
  /**
   * A reply form under every comment (the permalink page, one thread). Listings of many threads (the work
   * page, its comment pages) link each "Reply" to the comment's permalink instead: hundreds of forms made
   * the work page several times slower (bench/feedback, docs/PERFORMANCE.md).
   */
  replyForms?: boolean;
}

function OneComment({ comment, ctx, flat }: { comment: ShownComment; ctx: ThreadContext; flat: boolean }) {
  const classes = ['comment'];
  if (comment.id === ctx.highlightId) classes.push('highlighted');
  if (comment.state === 'held') classes.push('held');
  if (comment.isHidden) classes.push('hidden-comment');
  return (
    <article
      class={classes.join(' ')}
      id={`comment-${comment.id}`}
      aria-label={comment.placeholder ? 'Comment no longer shown' : `Comment by ${authorName(comment.author)}`}
    >
      {comment.placeholder ? (
        <Placeholder comment={comment} />
      ) : (
        <>
          <header class="comment-byline">
            <Author author={comment.author} />{' '}
            {flat && comment.inReplyTo ? <span class="in-reply-to">in reply to {comment.inReplyTo} </span> : null}
            {comment.chapterNumber !== null && comment.depth === 0 ? (
              <span class="comment-place">on Chapter {comment.chapterNumber} </span>
            ) : null}
            <time datetime={comment.createdAt}>{day(comment.createdAt)}</time>
          </header>
          {comment.state === 'held' ? (
            <p class="notice comment-held">
              {comment.holdReason === 'moderated'
                ? 'This comment awaits approval by the work’s creator.'
                : 'This comment is held for review (it looks like spam) and awaits approval.'}
            </p>
          ) : null}
          {comment.isHidden ? (
            <p class="notice comment-hidden">Hidden: only its author, the work’s creators and moderators see it.</p>
          ) : null}
          <div class="userstuff comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? '' }} />
          {comment.editedAt ? <p class="comment-edited">Last edited {day(comment.editedAt)}</p> : null}
          {comment.isFrozen ? <p class="comment-frozen">This thread is frozen: no more replies.</p> : null}
          <CommentActions comment={comment} returnTo={ctx.returnTo} />
          {comment.may.reply && !ctx.replyForms ? (
            <p class="reply">
              <a href={`${commentPath(comment.id)}#reply-${comment.id}`}>Reply</a>
            </p>
          ) : null}
          {comment.may.reply && ctx.replyForms ? (
            <details class="reply" id={`reply-${comment.id}`} open={comment.id === ctx.highlightId}>
              <summary>Reply</summary>
              <CommentForm
                action={`${commentPath(comment.id)}/reply`}
                viewer={ctx.viewer}
                pseuds={ctx.pseuds}
                returnTo={ctx.returnTo}
                idPrefix={`reply-${comment.id}-`}
                submitLabel="Reply"
              />
            </details>
          ) : null}
        </>
      )}
    </article>
  );
}

/** A comment at `level` and, below it, its replies: nested while there is room, then flat. */
function CommentItem({ comment, level, ctx }: { comment: ShownComment; level: number; ctx: ThreadContext }) {
  return (
    <li class={`comment-item level-${level}`}>
      <OneComment comment={comment} ctx={ctx} flat={false} />
      {comment.replies.length ? (
        <ol class="replies">
          {level + 1 < MAX_NESTING
            ? comment.replies.map((reply) => <CommentItem comment={reply} level={level + 1} ctx={ctx} />)
            : comment.replies.flatMap(flattened).map((reply) => (
                <li class={`comment-item level-${MAX_NESTING}`}>
                  <OneComment comment={reply} ctx={ctx} flat={reply.depth > MAX_NESTING} />
                </li>
              ))}
        </ol>
      ) : null}
    </li>
  );
}

export function CommentThread({ thread, ctx }: { thread: ShownThread; ctx: ThreadContext }) {
  return (
    <ol class="thread">
      <CommentItem comment={thread.root} level={0} ctx={ctx} />
      {thread.truncatedFrom ? (
        <li class="thread-more">
          <a href={commentPath(thread.root.id)}>Read the whole thread ({thread.truncatedFrom} comments)</a>
        </li>
      ) : null}
    </ol>
  );
}

function Pages({ data }: { data: CommentSectionData }) {
  if (data.pages <= 1) return null;
  const sep = data.basePath.includes('?') ? '&' : '?';
  const href = (page: number) => `${data.basePath}${sep}page=${page}#comments`;
  return (
    <nav aria-label="Comment pages">
      <ul class="pagination">
        {data.page > 1 ? (
          <li>
            <a rel="prev" href={href(data.page - 1)}>
              ← Older
            </a>
          </li>
        ) : null}
        <li>
          Page {data.page} of {data.pages}
        </li>
        {data.page < data.pages ? (
          <li>
            <a rel="next" href={href(data.page + 1)}>
              Newer →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function noBoxReason(data: CommentSectionData): string {
  const { work, viewer } = data;
  if (work.commentPermission === 'none') return 'Comments on this work are turned off.';
  if (work.commentPermission === 'registered' && !viewer)
    return 'Log in to comment: only registered users may comment on this work.';
  return 'You cannot comment on this work.';
}

/** The comments under a work or chapter, with the comment box. */
export function CommentSection({ data }: { data: CommentSectionData }) {
  const ctx: ThreadContext = { viewer: data.viewer, pseuds: data.pseuds, returnTo: data.basePath };
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {data.chapterId === undefined ? `Comments (${data.work.commentsCount})` : 'Comments on this chapter'}
      </h2>
      {data.mayPost ? (
        <CommentForm
          action={`/works/${data.work.id}/comments`}
          viewer={data.viewer}
          pseuds={data.pseuds}
          returnTo={data.basePath}
          chapterId={data.chapterId}
        />
      ) : (
        <p class="notice">{noBoxReason(data)}</p>
      )}
      {data.threads.length ? (
        data.threads.map((thread) => <CommentThread thread={thread} ctx={ctx} />)
      ) : (
        <p>No comments yet.</p>
      )}
      <Pages data={data} />
    </section>
  );
}
