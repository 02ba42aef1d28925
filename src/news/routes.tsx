/**
 * News posts by admins: `/admin_posts` (the latest, newest first, with an Atom feed at
 * `/admin_posts/feed.atom`), one post with its comments, and for admins (two-factor on) writing, editing
 * and deleting posts, each audited. A post's comments are the comments module's (src/comments/): they hang
 * on the post's own work (migration 0054, the visibility module's `news` state, never listed), so threads,
 * replies, permissions, guest comments and the archive's setting for them, holds, rate limits, moderation,
 * the inbox and mail are those of every comment. `/admin_posts/work/:workId` sends that work's address (a
 * comment's permalink links it) to its post.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { requireAdminArea } from '../accounts/two-factor/admin-gate.tsx';
import { actorOf, runCommand } from '../audit/run-command.ts';
import { ATOM_TYPE, latestTime, renderAtom } from '../feeds/atom.ts';
import { absolute } from '../feeds/work-entry.ts';
import { prepareBody } from '../html/body.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { loadWorkPageComments } from '../comments/section.ts';
import { CommentSection } from '../comments/views.tsx';
import { findWorkAccess } from '../visibility/index.ts';
import { canWriteNews } from './policy.ts';
import {
  deleteNewsPost,
  findNewsPost,
  findNewsPostIdByWork,
  insertNewsPost,
  listNewsPosts,
  updateNewsPost,
} from './queries.ts';
import { BODY_MAX, NEWS_FEED_PATH, newsPath, PostForm, PostHeading, TITLE_MAX } from './views.tsx';

export const newsRoutes = new Hono<AppEnv>();

const PER_PAGE = 20;
const FEED_ENTRIES = 20;

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function readPost(form: Record<string, unknown>): { title: string; body: string; errors: FieldErrors } {
  const title = textOf(form.title);
  const body = textOf(form.body);
  const errors: FieldErrors = {};
  if (!title) errors.title = 'Enter a title.';
  else if (title.length > TITLE_MAX) errors.title = `At most ${TITLE_MAX} characters.`;
  if (!body) errors.body = 'Enter the text.';
  else if (body.length > BODY_MAX) errors.body = `At most ${BODY_MAX} characters.`;
  return { title, body, errors };
}

const feedHead = (c: AppContext) => (
  <link
    rel="alternate"
    type="application/atom+xml"
    title={`${c.get('deps').config.archiveName} news`}
    href={NEWS_FEED_PATH}
  />
);

newsRoutes.use(NEWS_FEED_PATH, etag());

newsRoutes.get('/admin_posts', async (c) => {
  const page = Math.max(1, Number(c.req.query('page')) || 1);
  const posts = await listNewsPosts(c.get('deps').db, PER_PAGE + 1, (page - 1) * PER_PAGE);
  const viewer = c.get('viewer');
  return renderPage(
    c,
    { title: 'News', head: feedHead(c) },
    <section class="news">
      <h1>News</h1>
      <p>
        <a href={NEWS_FEED_PATH}>Atom feed</a>
        {canWriteNews(viewer) ? (
          <>
            {' · '}
            <a href="/admin_posts/new">Write a news post</a>
          </>
        ) : null}
      </p>
      {posts.length ? null : <p>No news yet.</p>}
      {posts.slice(0, PER_PAGE).map((post) => (
        <article class="news-post">
          <PostHeading post={post} link />
          <div class="userstuff" dangerouslySetInnerHTML={{ __html: post.body }} />
        </article>
      ))}
      {posts.length > PER_PAGE ? <a href={`/admin_posts?page=${page + 1}`}>Older news</a> : null}
    </section>,
  );
});

newsRoutes.get(NEWS_FEED_PATH, async (c) => {
  const { db, config } = c.get('deps');
  const posts = await listNewsPosts(db, FEED_ENTRIES);
  const xml = renderAtom({
    id: absolute(config.baseUrl, NEWS_FEED_PATH),
    title: `${config.archiveName} news`,
    updated: latestTime(
      posts.map((p) => p.updated_at),
      new Date(0).toISOString(),
    ),
    authors: [{ name: config.archiveName, uri: absolute(config.baseUrl, '/') }],
    links: [
      { rel: 'self', type: 'application/atom+xml', href: absolute(config.baseUrl, NEWS_FEED_PATH) },
      { rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, '/admin_posts') },
    ],
    entries: posts.map((post) => ({
      id: absolute(config.baseUrl, newsPath(post.id)),
      title: post.title,
      updated: post.updated_at,
      published: post.created_at,
      authors: [{ name: post.author ?? config.archiveName }],
      links: [{ rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, newsPath(post.id)) }],
      content: { type: 'html', value: post.body },
    })),
  });
  return c.body(xml, 200, { 'content-type': ATOM_TYPE, 'cache-control': 'public, max-age=600' });
});

newsRoutes.get('/admin_posts/new', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  return renderPage(
    c,
    { title: 'Write a news post' },
    <section>
      <h1>Write a news post</h1>
      <PostForm action="/admin_posts/new" values={{}} errors={{}} />
    </section>,
  );
});

newsRoutes.post('/admin_posts/new', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const { title, body, errors } = readPost(await c.req.parseBody());
  if (Object.keys(errors).length) {
    return renderPage(
      c,
      { title: 'Write a news post', status: 422 },
      <section>
        <h1>Write a news post</h1>
        <PostForm action="/admin_posts/new" values={{ title, body }} errors={errors} />
      </section>,
    );
  }
  const db = c.get('deps').db;
  const id = await runCommand(
    db,
    { actor: actorOf(viewer), action: 'news.post', target: { type: 'admin_post', id: null } },
    async (trx) => {
      const postId = await insertNewsPost(trx, { userId: viewer.id, title, body: prepareBody(body), now: new Date() });
      return { before: null, after: { id: postId, title }, result: postId };
    },
  );
  setFlash(c, 'News post published.');
  return c.redirect(newsPath(id), 303);
});

newsRoutes.get('/admin_posts/:id{[0-9]+}', async (c) => {
  const db = c.get('deps').db;
  const post = await findNewsPost(db, Number(c.req.param('id')));
  if (!post) return renderMessage(c, 404, 'Not found', 'There is no such news post.');
  const viewer = c.get('viewer');
  const access = post.work_id === null ? undefined : await findWorkAccess(db, post.work_id);
  const page = Math.max(1, Math.min(Number(c.req.query('page')) || 1, 100_000));
  const comments = access
    ? await loadWorkPageComments(db, viewer, access, { basePath: newsPath(post.id), page }, c.get('site'))
    : undefined;
  return renderPage(
    c,
    { title: post.title, head: feedHead(c) },
    <article class="news-post">
      <p>
        <a href="/admin_posts">All news</a>
      </p>
      <PostHeading post={post} link={false} />
      <div class="userstuff" dangerouslySetInnerHTML={{ __html: post.body }} />
      {canWriteNews(viewer) ? (
        <p>
          <a href={`${newsPath(post.id)}/edit`}>Edit</a>
          <form method="post" action={`${newsPath(post.id)}/delete`} class="inline">
            <button type="submit" class="link-button">
              Delete
            </button>
          </form>
        </p>
      ) : null}
      {comments ? <CommentSection data={comments} /> : null}
    </article>,
  );
});

newsRoutes.get('/admin_posts/:id{[0-9]+}/edit', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const post = await findNewsPost(c.get('deps').db, Number(c.req.param('id')));
  if (!post) return renderMessage(c, 404, 'Not found', 'There is no such news post.');
  return renderPage(
    c,
    { title: `Edit ${post.title}` },
    <section>
      <h1>Edit news post</h1>
      <PostForm action={`${newsPath(post.id)}/edit`} values={post} errors={{}} />
    </section>,
  );
});

newsRoutes.post('/admin_posts/:id{[0-9]+}/edit', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const db = c.get('deps').db;
  const post = await findNewsPost(db, Number(c.req.param('id')));
  if (!post) return renderMessage(c, 404, 'Not found', 'There is no such news post.');
  const { title, body, errors } = readPost(await c.req.parseBody());
  if (Object.keys(errors).length) {
    return renderPage(
      c,
      { title: `Edit ${post.title}`, status: 422 },
      <section>
        <h1>Edit news post</h1>
        <PostForm action={`${newsPath(post.id)}/edit`} values={{ title, body }} errors={errors} />
      </section>,
    );
  }
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'news.edit', target: { type: 'admin_post', id: post.id } },
    async (trx) => {
      const html = prepareBody(body);
      await updateNewsPost(trx, post.id, { title, body: html, now: new Date() });
      return { before: { title: post.title, body: post.body }, after: { title, body: html }, result: undefined };
    },
  );
  setFlash(c, 'News post saved.');
  return c.redirect(newsPath(post.id), 303);
});

newsRoutes.post('/admin_posts/:id{[0-9]+}/delete', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const db = c.get('deps').db;
  const post = await findNewsPost(db, Number(c.req.param('id')));
  if (!post) return renderMessage(c, 404, 'Not found', 'There is no such news post.');
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'news.delete', target: { type: 'admin_post', id: post.id } },
    async (trx) => {
      await deleteNewsPost(trx, post.id);
      return { before: { title: post.title, body: post.body }, after: null, result: undefined };
    },
  );
  setFlash(c, 'News post deleted.');
  return c.redirect('/admin_posts', 303);
});

newsRoutes.get('/admin_posts/work/:workId{[0-9]+}', async (c) => {
  const id = await findNewsPostIdByWork(c.get('deps').db, Number(c.req.param('workId')));
  if (id === undefined) return renderMessage(c, 404, 'Not found', 'There is no such news post.');
  return c.redirect(newsPath(id), 301);
});
