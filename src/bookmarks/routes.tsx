/**
 * Making bookmarks on the site: bookmarking a work or a series
 * (`GET/POST /works/:id/bookmarks/new`, `/series/:id/bookmarks/new`), and
 * editing and deleting one's own (`/bookmarks/:id/edit`, `/bookmarks/:id/delete`).
 * External works: external-routes.tsx; the listings: listing-routes.tsx.
 * Mounted before the works routes.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { findWorkAccess, knowsWorkExists, listingAudience } from '../visibility/index.ts';
import { checkBookmarkForm, readBookmarkForm, type BookmarkForm } from './bookmark-input.ts';
import { can } from './policy.ts';
import {
  deleteBookmark,
  findBookmark,
  findOwnBookmark,
  findWorkTitle,
  insertBookmark,
  listPseuds,
  pseudOfUser,
  tagsOf,
  updateBookmark,
  type BookmarkItem,
} from './queries.ts';
import { findListedSeriesTitle } from './listing-queries.ts';
import { listIdsOf, listListsOf, setBookmarkLists } from './list-queries.ts';
import { BookmarkFormView } from './views.tsx';

export const bookmarkRoutes = new Hono<AppEnv>();

const NOT_FOUND = 'There is no work at this address.';

function idParam(raw: string | undefined): number | null {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

const blankForm: BookmarkForm = { notes: '', tags: '', isRec: false, isPrivate: false, pseudId: '' };

/** The work, when the viewer may bookmark it; otherwise the refusal page. */
async function bookmarkableWork(c: AppContext, workId: number | null) {
  const viewer = c.get('viewer');
  const access = workId ? await findWorkAccess(c.get('deps').db, workId) : undefined;
  if (!access || !knowsWorkExists(viewer, access)) return { refusal: renderMessage(c, 404, 'Not found', NOT_FOUND) };
  if (!viewer) return { refusal: c.redirect(`/login?return_to=${encodeURIComponent(c.req.path)}`, 303) };
  if (!can(viewer, 'bookmark-work', access)) return { refusal: renderMessage(c, 404, 'Not found', NOT_FOUND) };
  return { access, viewer };
}

/** The new-bookmark form of an item, or the viewer's bookmark of it when they already made one. */
async function showNewForm(c: AppContext, item: BookmarkItem, viewerId: number, itemTitle: string) {
  const { db } = c.get('deps');
  const own = await findOwnBookmark(db, viewerId, item);
  if (own) return c.redirect(`/bookmarks/${own.id}/edit`, 303);
  const title = `Bookmark ${itemTitle}`;
  return renderPage(
    c,
    { title },
    <BookmarkFormView
      action={c.req.path}
      title={title}
      values={blankForm}
      errors={{}}
      pseuds={await listPseuds(db, viewerId)}
    />,
  );
}

/** Creates the bookmark from the posted form (re-shown with its errors, 422), then goes back to the item. */
async function createFromForm(
  c: AppContext,
  item: BookmarkItem,
  viewerId: number,
  itemTitle: string,
  backTo: string,
  form: BookmarkForm,
  extraErrors: FieldErrors = {},
  prepareItem?: () => Promise<BookmarkItem>,
) {
  const { db } = c.get('deps');
  const checked = checkBookmarkForm(form);
  const pseudId = await pseudOfUser(db, viewerId, idParam(form.pseudId));
  const errors: FieldErrors = {
    ...extraErrors,
    ...checked.errors,
    ...(pseudId ? {} : { pseud_id: 'Choose one of your pseuds.' }),
  };
  if (Object.keys(errors).length) return { errors };
  const saved = prepareItem ? await prepareItem() : item;
  const id = await insertBookmark(db, {
    item: saved,
    pseudId: pseudId!,
    userId: viewerId,
    notes: checked.notes,
    isRec: form.isRec,
    isPrivate: form.isPrivate,
    tags: checked.tags,
  });
  setFlash(
    c,
    id ? 'Bookmark was successfully created.' : `You have already bookmarked ${itemTitle || 'this'} as that pseud.`,
    id ? 'notice' : 'error',
  );
  return { response: c.redirect(backTo, 303) };
}

export { createFromForm };

bookmarkRoutes.get('/works/:id{[0-9]+}/bookmarks/new', async (c) => {
  const workId = idParam(c.req.param('id'));
  const found = await bookmarkableWork(c, workId);
  if ('refusal' in found) return found.refusal;
  const title = await findWorkTitle(c.get('deps').db, workId!);
  return showNewForm(c, { kind: 'work', id: workId! }, found.viewer.id, title);
});

bookmarkRoutes.post('/works/:id{[0-9]+}/bookmarks/new', async (c) => {
  const workId = idParam(c.req.param('id'));
  const found = await bookmarkableWork(c, workId);
  if ('refusal' in found) return found.refusal;
  return answerCreate(
    c,
    { kind: 'work', id: workId! },
    found.viewer.id,
    await findWorkTitle(c.get('deps').db, workId!),
    `/works/${workId}`,
  );
});

async function answerCreate(c: AppContext, item: BookmarkItem, viewerId: number, itemTitle: string, backTo: string) {
  const form = readBookmarkForm(await c.req.parseBody());
  const done = await createFromForm(c, item, viewerId, itemTitle, backTo, form);
  if ('response' in done) return done.response!;
  const title = `Bookmark ${itemTitle}`;
  return renderPage(
    c,
    { title, status: 422 },
    <BookmarkFormView
      action={c.req.path}
      title={title}
      values={form}
      errors={done.errors}
      pseuds={await listPseuds(c.get('deps').db, viewerId)}
    />,
  );
}

/** The series, when the viewer may bookmark it (a member, and a series with a work they may see). */
async function bookmarkableSeries(c: AppContext, seriesId: number | null) {
  const viewer = c.get('viewer');
  const title = seriesId ? await findListedSeriesTitle(c.get('deps').db, seriesId, listingAudience(viewer)) : undefined;
  if (title === undefined)
    return { refusal: renderMessage(c, 404, 'Not found', 'There is no series at this address.') };
  if (!viewer) return { refusal: c.redirect(`/login?return_to=${encodeURIComponent(c.req.path)}`, 303) };
  return { viewer, title };
}

bookmarkRoutes.get('/series/:id{[0-9]+}/bookmarks/new', async (c) => {
  const seriesId = idParam(c.req.param('id'));
  const found = await bookmarkableSeries(c, seriesId);
  if ('refusal' in found) return found.refusal;
  return showNewForm(c, { kind: 'series', id: seriesId! }, found.viewer.id, found.title);
});

bookmarkRoutes.post('/series/:id{[0-9]+}/bookmarks/new', async (c) => {
  const seriesId = idParam(c.req.param('id'));
  const found = await bookmarkableSeries(c, seriesId);
  if ('refusal' in found) return found.refusal;
  return answerCreate(c, { kind: 'series', id: seriesId! }, found.viewer.id, found.title, `/series/${seriesId}`);
});

/** The viewer's own bookmark, or the page that says why not. */
async function ownBookmark(c: AppContext) {
  const id = idParam(c.req.param('id'));
  const bookmark = id ? await findBookmark(c.get('deps').db, id) : undefined;
  const viewer = c.get('viewer');
  if (!bookmark || !can(viewer, 'change-bookmark', bookmark))
    return { refusal: renderMessage(c, 404, 'Not found', 'There is no bookmark of yours at this address.') };
  return { bookmark };
}

bookmarkRoutes.get('/bookmarks/:id{[0-9]+}/edit', async (c) => {
  const found = await ownBookmark(c);
  if ('refusal' in found) return found.refusal;
  const { bookmark } = found;
  const { db } = c.get('deps');
  const tags = (await tagsOf(db, [bookmark.id])).get(bookmark.id) ?? [];
  const lists = { all: await listListsOf(db, bookmark.user_id, true), chosen: await listIdsOf(db, bookmark.id) };
  return renderPage(
    c,
    { title: 'Edit bookmark' },
    <BookmarkFormView
      action={`/bookmarks/${bookmark.id}/edit`}
      deleteAction={`/bookmarks/${bookmark.id}/delete`}
      title="Edit bookmark"
      values={{
        notes: bookmark.notes,
        tags: tags.join(', '),
        isRec: !!bookmark.is_rec,
        isPrivate: !!bookmark.is_private,
        pseudId: String(bookmark.pseud_id),
      }}
      errors={{}}
      pseuds={[]}
      lists={lists}
    />,
  );
});

bookmarkRoutes.post('/bookmarks/:id{[0-9]+}/edit', async (c) => {
  const found = await ownBookmark(c);
  if ('refusal' in found) return found.refusal;
  const { bookmark } = found;
  const body = await c.req.parseBody({ all: true });
  const form = readBookmarkForm(body);
  const checked = checkBookmarkForm(form);
  if (Object.keys(checked.errors).length)
    return renderPage(
      c,
      { title: 'Edit bookmark', status: 422 },
      <BookmarkFormView
        action={`/bookmarks/${bookmark.id}/edit`}
        deleteAction={`/bookmarks/${bookmark.id}/delete`}
        title="Edit bookmark"
        values={form}
        errors={checked.errors}
        pseuds={[]}
      />,
    );
  await updateBookmark(c.get('deps').db, bookmark.id, {
    notes: checked.notes,
    tags: checked.tags,
    isRec: form.isRec,
    isPrivate: form.isPrivate,
  });
  const listIds = ([] as unknown[])
    .concat(body.list_ids ?? [])
    .map(Number)
    .filter(Number.isSafeInteger);
  await setBookmarkLists(c.get('deps').db, bookmark.id, bookmark.user_id, listIds);
  setFlash(c, 'Bookmark was successfully updated.');
  return c.redirect(`/users/${c.get('viewer')!.username}/bookmarks`, 303);
});

bookmarkRoutes.post('/bookmarks/:id{[0-9]+}/delete', async (c) => {
  const found = await ownBookmark(c);
  if ('refusal' in found) return found.refusal;
  await deleteBookmark(c.get('deps').db, found.bookmark.id);
  setFlash(c, 'Bookmark was successfully deleted.');
  return c.redirect(`/users/${c.get('viewer')!.username}/bookmarks`, 303);
});
