/** The news pages' pieces: a post (title, date, author, body), the post form, and the comments under a post. */
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import type { Viewer } from '../web/context.ts';
import type { NewsPost } from './queries.ts';
import { canDeleteNewsComment } from './policy.ts';

export const newsPath = (id: number) => `/admin_posts/${id}`;
export const NEWS_FEED_PATH = '/admin_posts/feed.atom';
export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;
export const COMMENT_MAX = 10_000;

export function PostHeading({ post, link }: { post: NewsPost; link: boolean }) {
  return (
    <header>
      <h2>{link ? <a href={newsPath(post.id)}>{post.title}</a> : post.title}</h2>
      <p class="meta">
        <time datetime={post.created_at}>{post.created_at.slice(0, 10)}</time>
        {post.author ? ` by ${post.author}` : null}
        {link ? ` · ${post.comment_count} ${post.comment_count === 1 ? 'comment' : 'comments'}` : null}
      </p>
    </header>
  );
}

export function PostForm({
  action,
  values,
  errors,
}: {
  action: string;
  values: { title?: string; body?: string };
  errors: FieldErrors;
}) {
  return (
    <form method="post" action={action}>
      <ErrorSummary errors={errors} />
      <TextField name="title" label="Title" value={values.title} errors={errors} required maxlength={TITLE_MAX} />
      <TextArea
        name="body"
        label="Text"
        hint="Plain text, or HTML as in a chapter."
        rows={12}
        value={values.body}
        errors={errors}
        required
      />
      <button type="submit">Post</button>
    </form>
  );
}

type CommentRow = { id: number; user_id: number; body: string; created_at: string; username: string };

export function NewsComments({
  post,
  comments,
  viewer,
}: {
  post: NewsPost;
  comments: CommentRow[];
  viewer: Viewer | null;
}) {
  return (
    <section class="news-comments" id="comments">
      <h2>Comments ({comments.length})</h2>
      <ol class="comments">
        {comments.map((comment) => (
          <li id={`comment-${comment.id}`}>
            <p class="meta">
              <strong>{comment.username}</strong>{' '}
              <time datetime={comment.created_at}>{comment.created_at.slice(0, 10)}</time>
            </p>
            <div class="userstuff" dangerouslySetInnerHTML={{ __html: comment.body }} />
            {canDeleteNewsComment(viewer, comment) ? (
              <form method="post" action={`/admin_posts/comments/${comment.id}/delete`} class="inline">
                <button type="submit" class="link-button">
                  Delete
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
      {viewer ? (
        <form method="post" action={`${newsPath(post.id)}/comments`}>
          <TextArea name="body" label="Comment" rows={5} maxlength={COMMENT_MAX} required />
          <button type="submit">Comment</button>
        </form>
      ) : (
        <p>
          <a href={`/login?return_to=${encodeURIComponent(newsPath(post.id))}`}>Log in</a> to comment.
        </p>
      )}
    </section>
  );
}
