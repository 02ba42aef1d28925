/**
 * A tag's works (`/tags/:slug/works`), where the slug escapes `/ & . ? #`
 * the way fans' AO3 links have them (tags/names.ts). It is a filtered
 * listing like /works/search, so it lives in search/ although its address
 * starts with /tags (see Mounts in ARCHITECTURE.md).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { FeedLink, tagFeedPath } from '../feeds/routes.tsx';
import { renderFilteredListing } from './listing-page.tsx';
import type { WorkFilter } from '../works/listing-queries.ts';
import { tagNameFromSlug, tagWorksPath } from '../tags/names.ts';
import { findTagById, findTagByName } from '../tags/queries.ts';
import { listingAudience } from '../visibility/index.ts';
import { readDb } from '../web/read-db.ts';

export const tagWorksRoutes = new Hono<AppEnv>();

tagWorksRoutes.get('/tags/:slug/works', async (c) => {
  const db = readDb(c);
  const viewer = c.get('viewer');
  const tag = await findTagByName(db, tagNameFromSlug(c.req.param('slug')));
  if (!tag) return renderMessage(c, 404, 'Tag not found', 'There is no tag with that name here.');
  // A synonym's works are its canonical's (docs/DOMAIN.md, Tags and wrangling): send readers there.
  const canonical = tag.synonym_of_id === null ? undefined : await findTagById(db, tag.synonym_of_id);
  if (canonical) return c.redirect(tagWorksPath(canonical.name), 302);
  // Ratings live on the work itself rather than as taggings. A canonical tag goes through the derived
  // filter tags (its synonyms, sub tags and, for a fandom, inferred works); an unwrangled one matches as typed.
  const filter: WorkFilter =
    tag.kind === 'rating'
      ? { ...listingAudience(viewer), rating: tag.name }
      : tag.is_canonical
        ? { ...listingAudience(viewer), filterTagId: tag.id }
        : { ...listingAudience(viewer), tagId: tag.id };
  // Filters, sorts, facets and search within the tag: src/search.
  return renderFilteredListing(c, {
    title: `Works in ${tag.name}`,
    basePath: tagWorksPath(tag.name),
    filter,
    head: <FeedLink href={tagFeedPath(tag.name)} title={`New works in ${tag.name}`} />,
  });
});
