/**
 * Changing what is in a collection: a work's creators add it
 * (POST /works/:id/collections, names comma-separated) and answer
 * invitations (/collection-items, their own list of where their works wait);
 * maintainers work the queue (/collections/:name/items, bulk approve,
 * reject, remove), invite works and reveal (their settings and people are
 * settings-routes.tsx). Each is a plain
 * form: one transaction, then a 303 back with a flash.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { findWorkAccess, isCreator, knowsWorkExists } from '../visibility/index.ts';
import type { AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import type { ItemStatus, RevealWhat } from './collections.table.ts';
import { answerInvitation, inviteWork, moderateItems, revealCollection, submitWork } from './commands.ts';
import {
  findCollectionById,
  findCollectionsByNames,
  findItemById,
  listItems,
  listPendingItemsOfUser,
  updateCollectionFlags,
} from './queries.ts';
import { gateCollection } from './routes.tsx';
import { collectionPath, ITEM_STATUSES, ItemsPage } from './views.tsx';

export const collectionManageRoutes = new Hono<AppEnv>();

const NAME = '/collections/:name{[A-Za-z0-9_]+}';

/** The gate of every maintainer page: the collection, and a maintainer looking at it. */
export async function gateMaintainer(c: Parameters<typeof gateCollection>[0]) {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gateCollection(c);
  if (gate instanceof Response) return gate;
  if (!gate.maintains) return renderMessage(c, 403, 'Not allowed', 'Only the collection’s maintainers may do that.');
  return { ...gate, viewer };
}

collectionManageRoutes.get(`${NAME}/items`, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const asked = c.req.query('status') as ItemStatus | undefined;
  const status = asked && ITEM_STATUSES.includes(asked) ? asked : 'awaiting';
  const items = await listItems(c.get('deps').db, gate.collection.id, status);
  return renderPage(
    c,
    { title: `Items of ${gate.collection.title}` },
    <ItemsPage collection={gate.collection} status={status} items={items} />,
  );
});

collectionManageRoutes.post(`${NAME}/items`, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const body = await c.req.parseBody({ all: true });
  const ids = ([] as unknown[])
    .concat(body.item ?? [])
    .map(Number)
    .filter(Number.isInteger);
  const action = body.action;
  const status =
    action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : action === 'remove' ? 'removed' : null;
  if (!status) return renderMessage(c, 422, 'Choose what to do', 'Approve, reject or remove the items you chose.');
  const { db } = c.get('deps');
  const count = await db.transaction().execute(async (trx) => {
    const items = [];
    for (const id of ids) {
      const item = await findItemById(trx, id);
      if (item?.collection_id === gate.collection.id) items.push(item);
    }
    await moderateItems(trx, items, status, new Date());
    return items.length;
  });
  return redirectWithFlash(c, `${collectionPath(gate.collection.name)}/items`, `${count} item(s) ${status}.`);
});

collectionManageRoutes.post(`${NAME}/invite`, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const body = await c.req.parseBody();
  const { db } = c.get('deps');
  const workId = Number(body.work_id);
  const access = Number.isInteger(workId) ? await findWorkAccess(db, workId) : undefined;
  if (!access || !knowsWorkExists(gate.viewer, access) || access.status !== 'posted')
    return renderMessage(c, 404, 'Not found', 'There is no such work to invite.');
  const invited = await db.transaction().execute((trx) => inviteWork(trx, gate.collection.id, workId, new Date()));
  return redirectWithFlash(
    c,
    collectionPath(gate.collection.name),
    invited ? 'The work’s creators are asked.' : 'That work is already in the collection, or was asked before.',
  );
});

collectionManageRoutes.post(`${NAME}/reveal`, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const body = await c.req.parseBody();
  const what = (['works', 'creators', 'both'] as RevealWhat[]).find((w) => w === body.what) ?? 'both';
  const { db } = c.get('deps');
  const at = typeof body.at === 'string' && body.at.trim() ? new Date(`${body.at.trim()}Z`) : null;
  if (at && Number.isNaN(at.getTime()))
    return renderMessage(c, 422, 'Check the date', 'Give the reveal a date and time.');
  const path = collectionPath(gate.collection.name);
  if (at && at.getTime() > Date.now()) {
    await updateCollectionFlags(db, gate.collection.id, { reveal_at: at.toISOString(), reveal_what: what });
    return redirectWithFlash(c, path, `The reveal is scheduled for ${at.toISOString()}.`);
  }
  await db.transaction().execute((trx) => revealCollection(trx, gate.collection.id, what));
  return redirectWithFlash(c, path, 'The collection is revealed.');
});

collectionManageRoutes.post('/works/:id{[0-9]+}/collections', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const workId = Number(c.req.param('id'));
  const access = await findWorkAccess(db, workId);
  if (!access || !knowsWorkExists(viewer, access)) return renderMessage(c, 404, 'Not found', 'There is no such work.');
  if (!isCreator(viewer, access))
    return renderMessage(c, 403, 'Not allowed', 'Only the work’s creators may add it to collections.');
  const body = await c.req.parseBody();
  const names = (typeof body.collections === 'string' ? body.collections : '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const messages = await db.transaction().execute(async (trx) => {
    const found = await findCollectionsByNames(trx, names);
    const out: string[] = [];
    for (const name of names) {
      const collection = found.find((f) => f.name.toLowerCase() === name.toLowerCase());
      if (!collection) {
        out.push(`There is no collection “${name}”.`);
        continue;
      }
      const result = await submitWork(trx, viewer, collection, workId, new Date());
      if (!result.ok) out.push(result.reason);
      else
        out.push(
          result.status === 'awaiting'
            ? `Added to ${collection.title}: it waits for a maintainer’s approval.`
            : `Added to ${collection.title}.`,
        );
    }
    return out;
  });
  return redirectWithFlash(c, `/works/${workId}`, messages.join(' ') || 'Name a collection to add the work to.');
});

collectionManageRoutes.get('/collection-items', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const items = await listPendingItemsOfUser(c.get('deps').db, viewer.id);
  return renderPage(
    c,
    { title: 'Your works in collections' },
    <ul class="pending-items">
      {items.map((item) => (
        <li>
          <a href={`/works/${item.work_id}`}>{item.work_title}</a> in{' '}
          <a href={collectionPath(item.name)}>{item.title}</a>:{' '}
          {item.status === 'awaiting' ? (
            'awaiting approval'
          ) : (
            <form method="post" action={`/collection-items/${item.id}/answer`}>
              invited{' '}
              <button type="submit" name="answer" value="accept">
                Accept
              </button>{' '}
              <button type="submit" name="answer" value="decline">
                Decline
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>,
  );
});

collectionManageRoutes.post('/collection-items/:id{[0-9]+}/answer', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const item = await findItemById(db, Number(c.req.param('id')));
  const access = item ? await findWorkAccess(db, item.work_id) : undefined;
  if (!item || !access || item.status !== 'invited' || !isCreator(viewer, access))
    return renderMessage(c, 404, 'Not found', 'There is no invitation of yours here.');
  const accept = (await c.req.parseBody()).answer === 'accept';
  await db.transaction().execute((trx) => answerInvitation(trx, item.id, item.work_id, accept, new Date()));
  const collection = await findCollectionById(db, item.collection_id);
  return redirectWithFlash(
    c,
    '/collection-items',
    accept ? `Your work is now in ${collection?.title ?? 'the collection'}.` : 'You declined the invitation.',
  );
});
