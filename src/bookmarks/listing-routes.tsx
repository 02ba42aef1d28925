/**
 * The bookmark listings: recent public bookmarks (`/bookmarks`), a work's
 * (`/works/:id/bookmarks`), a series' (`/series/:id/bookmarks`), a tag's
 * items' (`/tags/:slug/bookmarks`) and a user's (`/users/:name/bookmarks`,
 * private ones and bookmarks of items gone from view for their owner only).
 * Each takes the filters of listing-form.ts and hides what the reader's mutes
 * and blocklist hide.
 */
import { Hono } from 'hono';
import { loadListingHides } from '../search/blocklist/with-mutes.ts';
import { findTagById, findTagByName } from '../tags/queries.ts';
import { tagNameFromSlug, tagSlug } from '../tags/names.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { findWorkAccess, listingAudience } from '../visibility/index.ts';
import { readBookmarkFilters } from './listing-form.ts';
import {
  countBookmarkFacets,
  findListedSeriesTitle,
  listBookmarks,
  type BookmarkListingAsk,
  type BookmarkScope,
} from './listing-queries.ts';
import { BookmarkListing } from './listing-views.tsx';
import { bookmarkWatcher, can } from './policy.ts';
import { findUserByName, findWorkTitle, tagsOf } from './queries.ts';

export const bookmarkListingRoutes = new Hono<AppEnv>();

/** The listing's ask for this viewer: their audience, and their mutes and blocklist. */
export async function listingAsk(c: AppContext, scope: BookmarkScope, isOwner = false): Promise<BookmarkListingAsk> {
  const viewer = c.get('viewer');
  const { db } = c.get('deps');
  const hides = viewer ? (await loadListingHides(db, viewer.id)).blocklist : null;
  return {
    scope,
    filters: readBookmarkFilters((name) => c.req.queries(name)),
    audience: listingAudience(viewer),
    isOwner,
    hides,
    watcher: bookmarkWatcher(viewer),
  };
}

export async function renderBookmarkListing(c: AppContext, heading: string, ask: BookmarkListingAsk, intro?: unknown) {
  const { db } = c.get('deps');
  const [rows, facets] = await Promise.all([listBookmarks(db, ask), countBookmarkFacets(db, ask)]);
  const tags = await tagsOf(
    db,
    rows.map((row) => row.id),
  );
  return renderPage(
    c,
    { title: heading },
    <BookmarkListing
      heading={heading}
      path={c.req.path}
      rows={rows}
      tags={tags}
      facets={facets}
      filters={ask.filters}
      isOwner={ask.isOwner}
      intro={intro}
    />,
  );
}

const idOf = (raw: string) => (/^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null);

bookmarkListingRoutes.get('/bookmarks', async (c) => renderBookmarkListing(c, 'Bookmarks', await listingAsk(c, {})));

bookmarkListingRoutes.get('/works/:id{[0-9]+}/bookmarks', async (c) => {
  const workId = idOf(c.req.param('id'));
  const { db } = c.get('deps');
  const access = workId ? await findWorkAccess(db, workId) : undefined;
  if (!access || !can(c.get('viewer'), 'see-work-bookmarks', access))
    return renderMessage(c, 404, 'Not found', 'There is no work at this address.');
  const heading = `Bookmarks of ${await findWorkTitle(db, workId!)}`;
  return renderBookmarkListing(c, heading, await listingAsk(c, { workId: workId! }));
});

bookmarkListingRoutes.get('/series/:id{[0-9]+}/bookmarks', async (c) => {
  const seriesId = idOf(c.req.param('id'));
  const title = seriesId
    ? await findListedSeriesTitle(c.get('deps').db, seriesId, listingAudience(c.get('viewer')))
    : undefined;
  if (title === undefined) return renderMessage(c, 404, 'Not found', 'There is no series at this address.');
  return renderBookmarkListing(c, `Bookmarks of ${title}`, await listingAsk(c, { seriesId: seriesId! }));
});

bookmarkListingRoutes.get('/tags/:slug/bookmarks', async (c) => {
  const { db } = c.get('deps');
  const tag = await findTagByName(db, tagNameFromSlug(c.req.param('slug')));
  if (!tag) return renderMessage(c, 404, 'Tag not found', 'There is no tag with that name here.');
  // A synonym's bookmarks are its canonical's, as its works are.
  const canonical = tag.synonym_of_id === null ? undefined : await findTagById(db, tag.synonym_of_id);
  if (canonical) return c.redirect(`/tags/${tagSlug(canonical.name)}/bookmarks`, 302);
  return renderBookmarkListing(c, `Bookmarks in ${tag.name}`, await listingAsk(c, { tagId: tag.id }));
});

bookmarkListingRoutes.get('/users/:name/bookmarks', async (c) => {
  const user = await findUserByName(c.get('deps').db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user by that name.');
  const isOwner = can(c.get('viewer'), 'see-private-bookmarks', user);
  return renderBookmarkListing(c, `${user.username}’s bookmarks`, await listingAsk(c, { userId: user.id }, isOwner));
});
