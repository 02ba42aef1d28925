/**
 * Readings on the site: a member's history at `/users/:name/readings`, their
 * marked-for-later list (`?show=to-read`, kept at `…/readings/to-read`) and
 * each reading status's list (`…/readings/finished`…) — every one a filtered
 * listing through the `readingsOf` scope, private to the member (404 for
 * anyone else, so nobody learns whose history exists) — and the forms:
 * mark for later, set a status, delete one entry, clear all, history on/off.
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import { renderFilteredListing } from '../search/listing-page.tsx';
import type { ReadingsList } from '../search/scopes/readings.ts';
import { listingAudience } from '../visibility/index.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage } from '../web/layout.tsx';
import { keepStatus, markForLater, readStatusInput } from './keep-reading.ts';
import { can } from './policy.ts';
import { clearHistory, deleteHistoryEntry, isHistoryOff, setHistoryOff } from './queries.ts';
import { readingsPath } from './reading-extra.tsx';
import { READING_STATUSES } from './readings.table.ts';
import { ReadingsIntro, TITLES } from './list-intro.tsx';

export const readingsRoutes = new Hono<AppEnv>();

const LISTS: readonly ReadingsList[] = ['history', 'to-read', ...READING_STATUSES];

function idOf(raw: string | undefined): number | null {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** Back to a page of this archive only. */
function returnPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  return candidate.includes('\\') ? fallback : candidate;
}

async function renderList(c: AppContext, list: ReadingsList) {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const user = await findUserByName(db, c.req.param('name') ?? '');
  if (!user || !can(viewer, 'see-readings', user)) {
    return renderMessage(c, 404, 'Not found', 'There is nothing at this address.');
  }
  const base = readingsPath(user.username);
  return renderFilteredListing(c, {
    title: TITLES[list],
    basePath: list === 'history' ? base : `${base}/${list}`,
    filter: listingAudience(viewer),
    scope: { readingsOf: { userId: user.id, list } },
    scopeSort: 'reading_date',
    intro: <ReadingsIntro base={base} list={list} isHistoryOff={await isHistoryOff(db, user.id)} />,
  });
}

readingsRoutes.get('/users/:name/readings', (c) => {
  const show = c.req.query('show');
  if (show !== undefined) {
    const list = LISTS.find((l) => l === show);
    if (!list) return renderMessage(c, 404, 'Not found', 'There is no such list.');
    const name = c.req.param('name');
    return c.redirect(list === 'history' ? readingsPath(name) : `${readingsPath(name)}/${list}`, 302);
  }
  return renderList(c, 'history');
});

readingsRoutes.get('/users/:name/readings/:list{[a-z-]+}', (c) => {
  const list = LISTS.find((l) => l !== 'history' && l === c.req.param('list'));
  if (!list) return renderMessage(c, 404, 'Not found', 'There is no such list.');
  return renderList(c, list);
});

readingsRoutes.post('/readings/:workId{[0-9]+}/later', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const workId = idOf(c.req.param('workId'));
  const form = await c.req.parseBody();
  const marked = form.marked !== '0';
  if (!workId || !(await markForLater(c.get('deps').db, viewer, workId, marked))) {
    return renderMessage(c, 404, 'Not found', 'There is no work at this address.');
  }
  return redirectWithFlash(
    c,
    returnPath(form.return_to, `/works/${workId}`),
    marked ? 'Marked for later.' : 'No longer marked for later.',
  );
});

readingsRoutes.post('/readings/:workId{[0-9]+}/status', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const workId = idOf(c.req.param('workId'));
  const form = await c.req.parseBody();
  const back = returnPath(form.return_to, `/works/${workId}`);
  const read = readStatusInput(form);
  if ('error' in read) return redirectWithFlash(c, back, read.error);
  if (!workId || !(await keepStatus(c.get('deps').db, viewer, workId, read.input))) {
    return renderMessage(c, 404, 'Not found', 'There is no work at this address.');
  }
  return redirectWithFlash(c, back, 'Your reading status is saved.');
});

readingsRoutes.post('/readings/:workId{[0-9]+}/delete', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const workId = idOf(c.req.param('workId'))!;
  const form = await c.req.parseBody();
  const removed = await c
    .get('deps')
    .db.transaction()
    .execute((trx) => deleteHistoryEntry(trx, viewer.id, workId));
  return redirectWithFlash(
    c,
    returnPath(form.return_to, readingsPath(viewer.username)),
    removed ? 'Deleted from your history.' : 'That work was not in your history.',
  );
});

readingsRoutes.post('/readings/clear', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  await c
    .get('deps')
    .db.transaction()
    .execute((trx) => clearHistory(trx, viewer.id));
  return redirectWithFlash(c, readingsPath(viewer.username), 'Your history is cleared.');
});

readingsRoutes.post('/readings/settings', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const off = (await c.req.parseBody()).history === 'off';
  await db.transaction().execute(async (trx) => {
    await setHistoryOff(trx, viewer.id, off);
    if (off) await clearHistory(trx, viewer.id);
  });
  return redirectWithFlash(
    c,
    readingsPath(viewer.username),
    off ? 'Your history is off, and cleared.' : 'Your history is on again.',
  );
});
