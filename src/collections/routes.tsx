/**
 * The collection pages: `/collections` (every collection, with filters and
 * sorts), `/collections/new`, and `/collections/:name` — its profile, then
 * its works (and its subcollections') as any listing shows them, through
 * the `collectionIds` listing scope. Maintainers see its unrevealed works
 * listed; everyone else sees only how many Mystery Works it holds.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { sanitizeNote } from '../html/body.ts';
import { renderFilteredListing } from '../search/listing-page.tsx';
import { findTagByName } from '../tags/queries.ts';
import { listingAudience, maintainerAudience } from '../visibility/index.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { findMemeOfCollection } from '../challenges/prompt-memes/queries.ts';
import type { Collection } from './collections.table.ts';
import { canCreateCollection, canMaintain } from './policy.ts';
import {
  collectionAndDescendantIds,
  countMysteryWorks,
  findCollectionById,
  findCollectionByName,
  findRole,
  insertCollection,
  listChildren,
  listCollections,
  listParticipants,
  type CollectionSort,
} from './queries.ts';
import {
  CollectionForm,
  CollectionIndex,
  CollectionProfile,
  collectionPath,
  type CollectionFormValues,
} from './views.tsx';

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
  const fandom = query.fandom?.trim() ? await findTagByName(db, query.fandom.trim()) : undefined;
  const rows =
    query.fandom?.trim() && !fandom
      ? []
      : await listCollections(
          db,
          {
            closed: yesNo(query.closed),
            moderated: yesNo(query.moderated),
            challenge: yesNo(query.challenge),
            fandomTagId: fandom?.id,
            sort,
          },
          listingAudience(c.get('viewer')),
        );
  return renderPage(c, { title: 'Collections' }, <CollectionIndex rows={rows} query={query} />);
});

const blankForm: CollectionFormValues = {
  name: '',
  title: '',
  description: '',
  introduction: '',
  rules: '',
  faq: '',
  parent: '',
  settings: [],
};

collectionRoutes.get('/collections/new', (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderPage(c, { title: 'New collection' }, <CollectionForm values={blankForm} errors={[]} />);
});

collectionRoutes.post('/collections/new', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!canCreateCollection(viewer)) return renderMessage(c, 403, 'Not allowed', 'You may not make collections.');
  const { db } = c.get('deps');
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const settings = ([] as unknown[]).concat(body.settings ?? []).filter((s): s is string => typeof s === 'string');
  const values: CollectionFormValues = {
    name: text('name').trim(),
    title: text('title').trim(),
    description: text('description'),
    introduction: text('introduction'),
    rules: text('rules'),
    faq: text('faq'),
    parent: text('parent').trim(),
    settings,
  };
  const errors: string[] = [];
  if (!/^[A-Za-z0-9_]{3,60}$/.test(values.name))
    errors.push('The short name is 3 to 60 letters, digits or underscores.');
  else if (await findCollectionByName(db, values.name)) errors.push('A collection of that short name exists.');
  if (!values.title || values.title.length > 255) errors.push('Give the collection a title (at most 255 characters).');
  const parent = values.parent ? await findCollectionByName(db, values.parent) : undefined;
  if (values.parent && !parent) errors.push('There is no parent collection of that short name.');
  if (parent && !canMaintain(viewer, await findRole(db, parent.id, viewer.id)))
    errors.push('Only the parent collection’s maintainers may add subcollections to it.');
  if (errors.length)
    return renderPage(c, { title: 'New collection', status: 422 }, <CollectionForm values={values} errors={errors} />);
  await db.transaction().execute((trx) =>
    insertCollection(
      trx,
      viewer.id,
      {
        name: values.name,
        title: values.title,
        description: sanitizeNote(values.description),
        introduction: sanitizeNote(values.introduction),
        rules: sanitizeNote(values.rules),
        faq: sanitizeNote(values.faq),
        isClosed: settings.includes('closed'),
        isModerated: settings.includes('moderated'),
        isMembersOnly: settings.includes('members_only'),
        isUnrevealed: settings.includes('unrevealed'),
        isAnonymous: settings.includes('anonymous'),
        parentId: parent?.id ?? null,
      },
      new Date(),
    ),
  );
  return redirectWithFlash(c, collectionPath(values.name), 'Your collection is made.');
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
    maintains ? 0 : countMysteryWorks(db, ids),
    findMemeOfCollection(db, collection.id),
  ]);
  const path = collectionPath(collection.name);
  return renderFilteredListing(c, {
    title: collection.title,
    basePath: path,
    filter: maintains ? maintainerAudience(viewer) : listingAudience(viewer),
    scope: { collectionIds: ids },
    intro: (
      <CollectionProfile
        collection={collection}
        parent={parent}
        subcollections={children}
        people={people}
        mysteryCount={mysteryCount}
        isMaintainer={maintains}
        hasPromptMeme={!!promptMeme}
      />
    ),
  });
});
