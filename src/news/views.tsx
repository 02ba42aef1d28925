/** The news pages' pieces: a post (title, date, author, body) and the post form (its comments are src/comments/ views). */
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import type { NewsPost } from './queries.ts';

export const newsPath = (id: number) => `/admin_posts/${id}`;
export const NEWS_FEED_PATH = '/admin_posts/feed.atom';
export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;

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
