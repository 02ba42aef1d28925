/**
 * Bookmarks on the site: bookmarking a work (`GET/POST /works/:id/bookmarks/new`),
 * editing and deleting one's own (`/bookmarks/:id/edit`, `/bookmarks/:id/delete`),
 * a work's public bookmarks (`/works/:id/bookmarks`) and a user's
 * (`/users/:name/bookmarks`, private ones for their owner only). Mounted
 * before the works routes.
 */
import { Hono } from 'hono';
import { mutedUserIds } from '../blocking/queries.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { findWorkAccess, knowsWorkExists, listingAudience } from '../visibility/index.ts';
import { checkBookmarkForm, readBookmarkForm, type BookmarkForm } from './bookmark-input.ts';
import { bookmarkWatcher, can } from './policy.ts';
import {
  deleteBookmark,
  findBookmark,
  findOwnBookmark,
  findUserByName,
  findWorkTitle,
  insertBookmark,
  listPseuds,
  listUserBookmarks,
  listWorkBookmarks,
  pseudOfUser,
  tagsOf,
  updateBookmark,
  type BookmarkRow,
} from './queries.ts';
import { BookmarkFormView, BookmarkItem } from './views.tsx';

export const bookmarkRoutes = new Hono<AppEnv>();

const NOT_FOUND = 'There is no work at this address.';

function idParam(raw: string | undefined): number | null {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

function pageParam(c: AppContext): number {
  const raw = c.req.query('page');
  return raw && /^[0-9]{1,5}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
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

bookmarkRoutes.get('/works/:id{[0-9]+}/bookmarks/new', async (c) => {
  const workId = idParam(c.req.param('id'));
  const found = await bookmarkableWork(c, workId);
  if ('refusal' in found) return found.refusal;
  const { db } = c.get('deps');
  const own = await findOwnBookmark(db, found.viewer.id, workId!);
  if (own) return c.redirect(`/bookmarks/${own.id}/edit`, 303);
  const title = `Bookmark ${await findWorkTitle(db, workId!)}`;
  return renderPage(
    c,
    { title },
    <BookmarkFormView
      action={`/works/${workId}/bookmarks/new`}
      title={title}
      values={blankForm}
      errors={{}}
      pseuds={await listPseuds(db, found.viewer.id)}
    />,
  );
});

bookmarkRoutes.post('/works/:id{[0-9]+}/bookmarks/new', async (c) => {
  const workId = idParam(c.req.param('id'));
  const found = await bookmarkableWork(c, workId);
  if ('refusal' in found) return found.refusal;
  const { db } = c.get('deps');
  const form = readBookmarkForm(await c.req.parseBody());
  const checked = checkBookmarkForm(form);
  const pseudId = await pseudOfUser(db, found.viewer.id, idParam(form.pseudId));
  const errors: FieldErrors = { ...checked.errors, ...(pseudId ? {} : { pseud_id: 'Choose one of your pseuds.' }) };
  if (Object.keys(errors).length) {
    const title = `Bookmark ${await findWorkTitle(db, workId!)}`;
    return renderPage(
      c,
      { title, status: 422 },
      <BookmarkFormView
        action={`/works/${workId}/bookmarks/new`}
        title={title}
        values={form}
        errors={errors}
        pseuds={await listPseuds(db, found.viewer.id)}
      />,
    );
  }
  const id = await insertBookmark(db, {
    workId: workId!,
    pseudId: pseudId!,
    userId: found.viewer.id,
    notes: checked.notes,
    isRec: form.isRec,
    isPrivate: form.isPrivate,
    tags: checked.tags,
  });
  setFlash(
    c,
    id ? 'Bookmark was successfully created.' : 'You have already bookmarked this work as that pseud.',
    id ? 'notice' : 'error',
  );
  return c.redirect(`/works/${workId}`, 303);
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
  const tags = (await tagsOf(c.get('deps').db, [bookmark.id])).get(bookmark.id) ?? [];
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
    />,
  );
});

bookmarkRoutes.post('/bookmarks/:id{[0-9]+}/edit', async (c) => {
  const found = await ownBookmark(c);
  if ('refusal' in found) return found.refusal;
  const { bookmark } = found;
  const form = readBookmarkForm(await c.req.parseBody());
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

async function listingBody(c: AppContext, heading: string, rows: BookmarkRow[], page: number, isOwner: boolean) {
  const viewer = c.get('viewer');
  const tags = await tagsOf(
    c.get('deps').db,
    rows.map((row) => row.id),
  );
  const audience = listingAudience(viewer);
  const path = c.req.path;
  return (
    <>
      <h1>{heading}</h1>
      {rows.length ? (
        <ol class="bookmarks">
          {rows.map((row) => (
            <BookmarkItem bookmark={row} tags={tags.get(row.id) ?? []} audience={audience} isOwner={isOwner} />
          ))}
        </ol>
      ) : (
        <p>No bookmarks here yet.</p>
      )}
      <nav aria-label="Pages" class="pagination">
        {page > 1 ? <a href={`${path}?page=${page - 1}`}>Previous</a> : null}{' '}
        {rows.length === 20 ? <a href={`${path}?page=${page + 1}`}>Next</a> : null}
      </nav>
    </>
  );
}

bookmarkRoutes.get('/works/:id{[0-9]+}/bookmarks', async (c) => {
  const workId = idParam(c.req.param('id'));
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const access = workId ? await findWorkAccess(db, workId) : undefined;
  if (!access || !can(viewer, 'see-work-bookmarks', access)) return renderMessage(c, 404, 'Not found', NOT_FOUND);
  const page = pageParam(c);
  const muted = viewer ? await mutedUserIds(db, viewer.id) : [];
  const rows = await listWorkBookmarks(db, workId!, muted, page, bookmarkWatcher(viewer));
  const heading = `Bookmarks of ${await findWorkTitle(db, workId!)}`;
  return renderPage(c, { title: heading }, await listingBody(c, heading, rows, page, false));
});

bookmarkRoutes.get('/users/:name/bookmarks', async (c) => {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user by that name.');
  const isOwner = can(viewer, 'see-private-bookmarks', user);
  const page = pageParam(c);
  const rows = await listUserBookmarks(
    db,
    user.id,
    isOwner ? null : listingAudience(viewer),
    page,
    bookmarkWatcher(viewer),
  );
  const heading = `${user.username}’s bookmarks`;
  return renderPage(c, { title: heading }, await listingBody(c, heading, rows, page, isOwner));
});
