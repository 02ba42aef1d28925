/**
 * /collections/:name/works.atom: a collection's and its subcollections' new works, built like every Atom
 * feed of src/feeds/ (the same for every reader: only what a guest may read; anonymous works by
 * "Anonymous", unrevealed ones only once revealed).
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { latestTime } from '../feeds/atom.ts';
import { listPublicWorkIdsForCollections } from '../feeds/queries.ts';
import { archiveAuthor, collectionFeedPath, sendFeed, workEntries } from '../feeds/routes.tsx';
import { absolute } from '../feeds/work-entry.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { readDb } from '../web/read-db.ts';
import { collectionAndDescendantIds, findCollectionByName } from './queries.ts';

export const collectionFeedRoutes = new Hono<AppEnv>();

collectionFeedRoutes.use('/collections/:name/works.atom', etag());

collectionFeedRoutes.get('/collections/:name/works.atom', async (c) => {
  const { config } = c.get('deps');
  const db = readDb(c);
  const collection = await findCollectionByName(db, c.req.param('name'));
  if (!collection) return renderMessage(c, 404, 'Not found', 'There is no collection with that name here.');
  const ids = await collectionAndDescendantIds(db, collection.id);
  const entries = await workEntries(c, await listPublicWorkIdsForCollections(db, ids));
  const page = `/collections/${encodeURIComponent(collection.name)}`;
  return sendFeed(c, {
    id: absolute(config.baseUrl, collectionFeedPath(collection.name)),
    title: `${config.archiveName}: works in ${collection.title}`,
    updated: latestTime(
      entries.map((e) => e.updated),
      collection.created_at,
    ),
    authors: archiveAuthor(c),
    links: [
      {
        rel: 'self',
        type: 'application/atom+xml',
        href: absolute(config.baseUrl, collectionFeedPath(collection.name)),
      },
      { rel: 'alternate', type: 'text/html', href: absolute(config.baseUrl, page) },
    ],
    entries,
  });
});
