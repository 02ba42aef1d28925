/**
 * A collection's settings page for its maintainers: `/collections/:name/edit`
 * (title, texts, settings, parent; any maintainer) and its people — naming
 * a member, moderator or owner (POST …/participants) and removing one (POST
 * …/people/:userId/remove; owners only). Each change is an audited command
 * (edit-collection.ts); the forms are plain, answered with a 303 and a flash.
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { renderMessage, renderPage } from '../web/layout.tsx';
import type { Collection, ParticipantRole } from './collections.table.ts';
import { editCollection, nameParticipant, removePerson } from './edit-collection.ts';
import { checkCollectionForm, collectionFormValuesOf, collectionInputOf, readCollectionForm } from './form.ts';
import type { CollectionFormValues } from './form.ts';
import { CollectionForm, PeopleSection } from './form-view.tsx';
import { CollectionIconForm } from './icon-routes.tsx';
import { gateMaintainer } from './manage-routes.tsx';
import { canManagePeople } from './policy.ts';
import { findCollectionById, findRole, listParticipants } from './queries.ts';
import { collectionPath } from './views.tsx';

export const collectionSettingsRoutes = new Hono<AppEnv>();

const NAME = '/collections/:name{[A-Za-z0-9_]+}';

/** The gate of the people forms: a maintainer who is also an owner (or an admin). */
async function gateOwner(c: AppContext) {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const role = await findRole(c.get('deps').db, gate.collection.id, gate.viewer.id);
  if (!canManagePeople(gate.viewer, role))
    return renderMessage(c, 403, 'Not allowed', 'Only the collection’s owners may name or remove its people.');
  return gate;
}

async function showSettings(
  c: AppContext,
  collection: Collection,
  values: CollectionFormValues,
  errors: FieldErrors,
  status?: number,
) {
  const path = collectionPath(collection.name);
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const people = await listParticipants(db, collection.id);
  const managesPeople = canManagePeople(viewer, viewer ? await findRole(db, collection.id, viewer.id) : null);
  const title = `Settings of ${collection.title}`;
  return renderPage(
    c,
    { title: Object.keys(errors).length ? `Error: ${title}` : title, status },
    <>
      <h1>
        Settings of <a href={path}>{collection.title}</a>
      </h1>
      <CollectionForm values={values} errors={errors} action={`${path}/edit`} editing />
      <CollectionIconForm collection={collection} />
      <PeopleSection path={path} people={people} canManage={managesPeople} />
    </>,
  );
}

collectionSettingsRoutes.get(`${NAME}/edit`, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const { collection } = gate;
  const parent = collection.parent_id ? await findCollectionById(c.get('deps').db, collection.parent_id) : undefined;
  return showSettings(c, collection, collectionFormValuesOf(collection, parent), {});
});

collectionSettingsRoutes.post(`${NAME}/edit`, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const { collection, viewer } = gate;
  const { db } = c.get('deps');
  const values = { ...readCollectionForm(await c.req.parseBody({ all: true })), name: collection.name };
  const { errors, parent } = await checkCollectionForm(db, viewer, values, collection);
  if (Object.keys(errors).length) return showSettings(c, collection, values, errors, 422);
  await editCollection(db, viewer, collection, collectionInputOf(values, parent));
  return redirectWithFlash(c, collectionPath(collection.name), 'The collection’s settings are saved.');
});

collectionSettingsRoutes.post(`${NAME}/participants`, async (c) => {
  const gate = await gateOwner(c);
  if (gate instanceof Response) return gate;
  const body = await c.req.parseBody();
  const { db } = c.get('deps');
  const user = typeof body.username === 'string' ? await findUserByName(db, body.username.trim()) : undefined;
  const role = (['member', 'moderator', 'owner'] as ParticipantRole[]).find((r) => r === body.role);
  const back = `${collectionPath(gate.collection.name)}/edit`;
  if (!user || !role) return redirectWithFlash(c, back, 'Name a user of this archive and choose their role.');
  const changed = await nameParticipant(db, gate.viewer, gate.collection, user, role);
  return redirectWithFlash(c, back, changed.ok ? `${user.username} is now a ${role}.` : changed.reason);
});

collectionSettingsRoutes.post(`${NAME}/people/:userId{[0-9]+}/remove`, async (c) => {
  const gate = await gateOwner(c);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const userId = Number(c.req.param('userId'));
  const person = (await listParticipants(db, gate.collection.id)).find((p) => p.user_id === userId);
  if (!person) return renderMessage(c, 404, 'Not found', 'That person is not one of this collection’s people.');
  const removed = await removePerson(db, gate.viewer, gate.collection, { id: userId, username: person.username });
  return redirectWithFlash(
    c,
    `${collectionPath(gate.collection.name)}/edit`,
    removed.ok ? `${person.username} is no longer one of the collection’s people.` : removed.reason,
  );
});
