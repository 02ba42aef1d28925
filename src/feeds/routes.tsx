/**
 * Atom feeds: /tags/:slug/feed.atom (new works under a tag, its synonyms and
 * sub tags), /users/:name/works.atom (a user's new works) and
 * /works/:id/chapters.atom (a work's new chapters); a collection's feed is
 * src/collections/feed-routes.ts, built with the helpers here. Feed readers fetch
 * without cookies, so a feed is the same for everyone and shows only what a
 * guest may read, whoever asks; a restricted or unposted work has no feed.
 */
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { findUserByName } from '../accounts/queries.ts';
import { tagNameFromSlug, tagPath, tagSlug, tagWorksPath } from '../tags/names.ts';
import { findTagById, findTagByName } from '../tags/queries.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { userPath } from '../works/creator-links.tsx';
import { loadBlurbs } from '../works/listing-queries.ts';
import { entriesWithRemoteImages } from './remote-images.ts';
import { ATOM_TYPE, latestTime, renderAtom, type AtomEntry, type AtomFeed } from './atom.ts';
import {
  findPublicWork,
  listPostedChaptersNewestFirst,
  listPublicWorkIdsForTag,
  listPublicWorkIdsForUser,
} from './queries.ts';
import { absolute, entryTime, workEntryBase, workSummaryHtml } from './work-entry.ts';
import { GUEST_AUDIENCE, isListedWithStates, type WorkAccess } from '../visibility/index.ts';
import { readDb } from '../web/read-db.ts';

export const feedRoutes = new Hono<AppEnv>();

/** The feed a page links to with <link rel="alternate">. */
export const tagFeedPath = (tagName: string) => `${tagPath(tagName)}/feed.atom`;
export const userFeedPath = (username: string) => `${userPath(username)}/works.atom`;
export const chaptersFeedPath = (workId: number) => `/works/${workId}/chapters.atom`;
export const collectionFeedPath = (name: string) => `/collections/${encodeURIComponent(name)}/works.atom`;

/** Whether a work has a chapters feed: feeds hold only what a guest may list. */
export function hasChaptersFeed(work: Pick<WorkAccess, 'states'>): boolean {
  return isListedWithStates(GUEST_AUDIENCE, work.states);
}

/** The <link> element for a page's <head>. */
export function FeedLink({ href, title }: { href: string; title: string }) {
  return <link rel="alternate" type="application/atom+xml" title={title} href={href} />;
}

feedRoutes.use('/tags/:slug/feed.atom', etag());
feedRoutes.use('/users/:name/works.atom', etag());
feedRoutes.use('/works/:id{[0-9]+}/chapters.atom', etag());

export function sendFeed(c: Context<AppEnv>, feed: AtomFeed): Response {
  return c.body(renderAtom({ ...feed, entries: entriesWithRemoteImages(feed.entries, c.get('deps').config) }), 200, {
    'content-type': ATOM_TYPE,
    // The same for every reader, so shared caches may keep it for a while.
    'cache-control': 'public, max-age=600',
  });
}

export async function workEntries(c: Context<AppEnv>, workIds: number[]): Promise<AtomEntry[]> {
  const { config } = c.get('deps');
  const db = readDb(c);
  const blurbs = await loadBlurbs(db, workIds);
  return blurbs.map((work) => ({
    ...workEntryBase(work, config.baseUrl),
    links: [{ rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, `/works/${work.id}`) }],
    summaryHtml: workSummaryHtml(work, config.baseUrl),
  }));
}

export function archiveAuthor(c: Context<AppEnv>) {
  const { config } = c.get('deps');
  return [{ name: config.archiveName, uri: absolute(config.baseUrl, '/') }];
}

feedRoutes.get('/tags/:slug/feed.atom', async (c) => {
  const { config } = c.get('deps');
  const db = readDb(c);
  const found = await findTagByName(db, tagNameFromSlug(c.req.param('slug')));
  if (!found) return renderMessage(c, 404, 'Tag not found', 'There is no tag with that name here.');
  // A synonym's feed is its canonical tag's: the works a filter on it would find.
  const canonical = found.synonym_of_id === null ? undefined : await findTagById(db, found.synonym_of_id);
  const tag = canonical?.is_canonical ? canonical : found;
  const entries = await workEntries(c, await listPublicWorkIdsForTag(db, tag));
  return sendFeed(c, {
    id: absolute(config.baseUrl, tagFeedPath(tag.name)),
    title: `${config.archiveName}: works in ${tag.name}`,
    updated: latestTime(
      entries.map((e) => e.updated),
      tag.created_at,
    ),
    authors: archiveAuthor(c),
    links: [
      {
        rel: 'self',
        type: 'application/atom+xml',
        href: absolute(config.baseUrl, `/tags/${tagSlug(found.name)}/feed.atom`),
      },
      { rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, tagWorksPath(tag.name)) },
    ],
    entries,
  });
});

feedRoutes.get('/users/:name/works.atom', async (c) => {
  const { config } = c.get('deps');
  const db = readDb(c);
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  const entries = await workEntries(c, await listPublicWorkIdsForUser(db, user.id));
  return sendFeed(c, {
    id: absolute(config.baseUrl, userFeedPath(user.username)),
    title: `${config.archiveName}: works by ${user.username}`,
    updated: latestTime(
      entries.map((e) => e.updated),
      user.created_at,
    ),
    authors: [{ name: user.username, uri: absolute(config.baseUrl, userPath(user.username)) }],
    links: [
      { rel: 'self', type: 'application/atom+xml', href: absolute(config.baseUrl, userFeedPath(user.username)) },
      { rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, `${userPath(user.username)}/works`) },
    ],
    entries,
  });
});

feedRoutes.get('/works/:id{[0-9]+}/chapters.atom', async (c) => {
  const { config } = c.get('deps');
  const db = readDb(c);
  const workId = Number(c.req.param('id'));
  const work = Number.isSafeInteger(workId) ? await findPublicWork(db, workId) : undefined;
  if (!work) return renderMessage(c, 404, 'Not found', 'There is no public work at this address.');
  const [blurb] = await loadBlurbs(db, [work.id]);
  const chapters = await listPostedChaptersNewestFirst(db, work.id);
  const base = workEntryBase(blurb, config.baseUrl);
  const entries: AtomEntry[] = chapters.map((chapter) => {
    const published = entryTime(chapter.published_on, chapter.updated_at);
    const words = `<p>Words: ${chapter.word_count.toLocaleString('en')}</p>`;
    return {
      id: absolute(config.baseUrl, `/works/${work.id}/chapters/${chapter.id}`),
      title: `${work.title}, chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`,
      // A chapter is news when it is posted; later fixes to it are not.
      updated: published,
      published,
      authors: base.authors,
      links: [
        {
          rel: 'alternate',
          type: 'text/html',
          href: absolute(config.baseUrl, `/works/${work.id}/chapters/${chapter.id}`),
        },
      ],
      summaryHtml: `${chapter.summary}${words}`,
    };
  });
  return sendFeed(c, {
    id: absolute(config.baseUrl, chaptersFeedPath(work.id)),
    title: `${config.archiveName}: new chapters of ${work.title}`,
    updated: latestTime(
      entries.map((e) => e.updated),
      work.revised_at,
    ),
    authors: archiveAuthor(c),
    links: [
      { rel: 'self', type: 'application/atom+xml', href: absolute(config.baseUrl, chaptersFeedPath(work.id)) },
      { rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, `/works/${work.id}`) },
    ],
    entries,
  });
});
