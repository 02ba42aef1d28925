/**
 * A collection's icon: its maintainers give one (PNG, JPEG or WebP up to 500 KB, re-encoded by the server
 * into a 100×100 WebP without the upload's metadata, as a pseud's icon is: src/users/pseud-icons.ts), change
 * its alt text or remove it from the settings page (POST /collections/:name/icon, an audited command), and
 * everyone gets it at GET /collection-icons/:file — a new name for each upload, so cached for good.
 */
import { Hono } from 'hono';
import { actorOf, runCommand } from '../audit/run-command.ts';
import type { AppEnv } from '../web/context.ts';
import { redirectWithFlash, setFlash } from '../web/flash.ts';
import { IconFields, readIconForm } from '../users/pseud-icon-form.tsx';
import { readIconFile, removeIconFiles, writeIconFile } from '../users/pseud-icons.ts';
import type { Collection } from './collections.table.ts';
import { gateMaintainer } from './manage-routes.tsx';
import { setCollectionIcon } from './queries.ts';
import { COLLECTION_ICON_FOLDER, CollectionIcon } from './icon.tsx';
import { collectionPath } from './views.tsx';

export const collectionIconRoutes = new Hono<AppEnv>();

/** The icon form of the settings page (multipart: a file). */
export function CollectionIconForm({ collection }: { collection: Collection }) {
  return (
    <form
      method="post"
      action={`${collectionPath(collection.name)}/icon`}
      enctype="multipart/form-data"
      class="collection-icon-form"
    >
      <IconFields pseud={collection} errors={{}} preview={<CollectionIcon collection={collection} />} />
      <button type="submit">Save the icon</button>
    </form>
  );
}

collectionIconRoutes.post('/collections/:name{[A-Za-z0-9_]+}/icon', async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const { collection, viewer } = gate;
  const { db, config } = c.get('deps');
  const back = `${collectionPath(collection.name)}/edit`;
  const { errors, plan } = await readIconForm(await c.req.parseBody(), collection);
  const problems = Object.values(errors).filter(Boolean);
  if (problems.length) {
    setFlash(c, problems.join(' '), 'error');
    return c.redirect(back, 303);
  }
  if (plan.kind === 'keep') return redirectWithFlash(c, back, 'Nothing about the icon changed.');
  const file =
    plan.kind === 'new' ? await writeIconFile(config.dataDir, collection.id, plan.webp, COLLECTION_ICON_FOLDER) : null;
  const next =
    plan.kind === 'remove'
      ? { icon_file: null, icon_alt: null }
      : { icon_file: file ?? collection.icon_file, icon_alt: plan.alt };
  try {
    await runCommand(
      db,
      { actor: actorOf(viewer), action: 'collection.icon', target: { type: 'collection', id: collection.id } },
      async (trx) => {
        await setCollectionIcon(trx, collection.id, next);
        return {
          before: { icon_file: collection.icon_file, icon_alt: collection.icon_alt },
          after: next,
          result: undefined,
        };
      },
    );
  } catch (error) {
    if (file) await removeIconFiles(config.dataDir, [file], COLLECTION_ICON_FOLDER);
    throw error;
  }
  // The file it stopped using goes once the change is committed.
  if (collection.icon_file && collection.icon_file !== next.icon_file)
    await removeIconFiles(config.dataDir, [collection.icon_file], COLLECTION_ICON_FOLDER);
  return redirectWithFlash(c, back, plan.kind === 'remove' ? 'The icon is removed.' : 'The icon is saved.');
});

collectionIconRoutes.get('/collection-icons/:file', async (c) => {
  const bytes = await readIconFile(c.get('deps').config.dataDir, c.req.param('file'), COLLECTION_ICON_FOLDER);
  if (!bytes) return c.body('Not found', 404, { 'content-type': 'text/plain; charset=utf-8' });
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': 'image/webp',
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
});
