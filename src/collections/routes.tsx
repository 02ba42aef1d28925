/**
 * The collection pages: `/collections` (every collection, with filters and
 * sorts), `/collections/new`, `/collections/autocomplete` (the post form's
 * suggestions), and `/collections/:name` — its profile, then
 * its works (and its subcollections') as any listing shows them, through
 * the `collectionIds` listing scope. Maintainers see its unrevealed works
 * listed; everyone else sees only how many Mystery Works it holds.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { collectionFeedPath, FeedLink } from '../feeds/routes.tsx';
import { renderFilteredListing } from '../search/listing-page.tsx';
import { findTagById, findTagByName } from '../tags/queries.ts';
import { listingAudience, maintainerAudience } from '../visibility/index.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import type { Collection } from './collections.table.ts';
import { canCreateCollection, canMaintain } from './policy.ts';
import {
  collectionAndDescendantIds,
  countMysteryWorks,
  findCollectionById,
  findCollectionByName,
  findRole,
  holdsPromptMeme,
  insertCollection,
  listChildren,
  listCollections,
  listParticipants,
  suggestCollections,
  type CollectionSort,
} from './queries.ts';
import { BLANK_COLLECTION_FORM, checkCollectionForm, collectionInputOf, readCollectionForm } from './form.ts';
import { CollectionForm } from './form-view.tsx';
import { CollectionIndex, CollectionProfile, collectionPath } from './views.tsx';

export const collectionRoutes = new Hono<AppEnv>();

/** The collection at `:name` and whether the viewer maintains it, or the 404 page. */
export async function gateCollection(
  c: AppContext,
): Promise<Response | { collection: Collection; maintains: boolean }> {
  const { db } = c.get('deps');
  const collection = await findCollectionByName(db, c.req.param('name') ?? '');
  if (!collection) return renderMessage(c, 404, 'Not found', 'There is no collection with that name here.');
  const viewer = c.get('viewer');
  const role = viewer ? await findRole(db, collection.id, viewer.id) : null;
  return { collection, maintains: canMaintain(viewer, role) };
}

collectionRoutes.get('/collections', async (c) => {
  const { db } = c.get('deps');
  const query = c.req.query();
  const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);
  const sort: CollectionSort = query.sort === 'size' || query.sort === 'created' ? query.sort : 'title';
  const named = query.fandom?.trim() ? await findTagByName(db, query.fandom.trim()) : undefined;
  // A synonym filters as its canonical tag, as every listing's filter does.
  const canonical = named?.synonym_of_id ? await findTagById(db, named.synonym_of_id) : undefined;
  const fandom = canonical ?? named;
  const rows =
    query.fandom?.trim() && !fandom
      ? []
      : await listCollections(
          db,
          {
            closed: yesNo(query.closed),
            moderated: yesNo(query.moderated),
            challenge: yesNo(query.challenge),
            fandom: fandom ? { id: fandom.id, isCanonical: fandom.is_canonical === 1 } : undefined,
            sort,
          },
          listingAudience(c.get('viewer')),
        );
  return renderPage(c, { title: 'Collections' }, <CollectionIndex rows={rows} query={query} />);
});

collectionRoutes.get('/collections/new', (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderPage(
    c,
    { title: 'New collection' },
    <CollectionForm values={BLANK_COLLECTION_FORM} errors={{}} action="/collections/new" />,
  );
});

collectionRoutes.post('/collections/new', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!canCreateCollection(viewer)) return renderMessage(c, 403, 'Not allowed', 'You may not make collections.');
  const { db } = c.get('deps');
  const values = readCollectionForm(await c.req.parseBody({ all: true }));
  const { errors, parent } = await checkCollectionForm(db, viewer, values);
  if (Object.keys(errors).length)
    return renderPage(
      c,
      { title: 'Error: New collection', status: 422 },
      <CollectionForm values={values} errors={errors} action="/collections/new" />,
    );
  await db
    .transaction()
    .execute((trx) => insertCollection(trx, viewer.id, collectionInputOf(values, parent), new Date()));
  return redirectWithFlash(c, collectionPath(values.name), 'Your collection is made.');
});

// Before `/collections/:name`, so "autocomplete" is never read as a collection's name.
collectionRoutes.get('/collections/autocomplete', async (c) => {
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  const rows = q ? await suggestCollections(c.get('deps').db, q, c.get('viewer')?.id ?? null) : [];
  return c.json(
    rows.map((r) => ({ name: r.name, label: `${r.title} (${r.name})` })),
    200,
    { 'cache-control': 'private, max-age=60' },
  );
});

collectionRoutes.get('/collections/:name{[A-Za-z0-9_]+}', async (c) => {
  const gate = await gateCollection(c);
  if (gate instanceof Response) return gate;
  const { collection, maintains } = gate;
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const ids = await collectionAndDescendantIds(db, collection.id);
  const [parent, children, people, mysteryCount, promptMeme] = await Promise.all([
    collection.parent_id ? findCollectionById(db, collection.parent_id) : undefined,
    listChildren(db, collection.id),
    listParticipants(db, collection.id),
    maintains ? 0 : countMysteryWorks(db, ids, listingAudience(viewer)),
    holdsPromptMeme(db, collection.id),
  ]);
  const path = collectionPath(collection.name);
  return renderFilteredListing(c, {
    title: collection.title,
    basePath: path,
    filter: maintains ? maintainerAudience(viewer) : listingAudience(viewer),
    scope: { collectionIds: ids },
    head: <FeedLink href={collectionFeedPath(collection.name)} title={`Works in ${collection.title}`} />,
    intro: (
      <CollectionProfile
        collection={collection}
        parent={parent}
        subcollections={children}
        people={people}
        mysteryCount={mysteryCount}
        isMaintainer={maintains}
        hasPromptMeme={promptMeme}
      />
    ),
  });
});
