/**
 * Bookmark lists: a member's named folders of bookmarks, public or private.
 * `/users/:name/lists` shows a user's lists (private ones to their owner, with
 * the form that makes one: `POST /lists/new`); `/lists/:id` is a list's page,
 * a bookmark listing with the usual filters; `POST /lists/:id/delete` removes
 * a list (not its bookmarks). Bookmarks are filed from their edit form.
 */
import { Hono } from 'hono';
import { sanitizeNote } from '../html/body.ts';
import type { AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { TextArea, TextField } from '../web/forms.tsx';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { deleteList, findList, insertList, listListsOf } from './list-queries.ts';
import { listingAsk, renderBookmarkListing } from './listing-routes.tsx';
import { can } from './policy.ts';
import { findUserByName } from './queries.ts';

export const bookmarkListRoutes = new Hono<AppEnv>();

const text = (value: unknown) => (typeof value === 'string' ? value : '');

bookmarkListRoutes.get('/users/:name/lists', async (c) => {
  const { db } = c.get('deps');
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user by that name.');
  const isOwner = can(c.get('viewer'), 'see-private-bookmarks', user);
  const lists = await listListsOf(db, user.id, isOwner);
  const heading = `${user.username}’s bookmark lists`;
  return renderPage(
    c,
    { title: heading },
    <>
      <h1>{heading}</h1>
      {lists.length ? (
        <ul class="bookmark-lists">
          {lists.map((list) => (
            <li>
              <a href={`/lists/${list.id}`}>{list.name}</a>
              {list.is_private ? <span class="private"> · Private</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>No bookmark lists yet.</p>
      )}
      {isOwner ? (
        <form method="post" action="/lists/new" class="new-list">
          <h2>Make a list</h2>
          <TextField name="name" label="Name" required maxlength={100} />
          <TextArea name="description" label="Description" rows={3} />
          <div class="field">
            <label>
              <input type="checkbox" name="is_private" value="1" /> Private (only you see it)
            </label>
          </div>
          <button type="submit">Make list</button>
        </form>
      ) : null}
    </>,
  );
});

bookmarkListRoutes.post('/lists/new', async (c) => {
  const viewer = c.get('viewer');
  if (!viewer) return c.redirect('/login', 303);
  const form = await c.req.parseBody();
  const name = text(form.name).trim().replace(/\s+/g, ' ');
  const back = `/users/${viewer.username}/lists`;
  if (!name || name.length > 100) {
    setFlash(c, 'A list needs a name of at most 100 characters.', 'error');
    return c.redirect(back, 303);
  }
  const id = await insertList(c.get('deps').db, {
    userId: viewer.id,
    name,
    description: sanitizeNote(text(form.description).slice(0, 5000)),
    isPrivate: text(form.is_private) === '1',
  });
  setFlash(c, id ? 'Your list is made.' : 'You already have a list by that name.', id ? 'notice' : 'error');
  return c.redirect(id ? `/lists/${id}` : back, 303);
});

bookmarkListRoutes.get('/lists/:id{[0-9]+}', async (c) => {
  const id = Number(c.req.param('id'));
  const list = id <= 1e9 ? await findList(c.get('deps').db, id) : undefined;
  const viewer = c.get('viewer');
  if (!list || !can(viewer, 'see-list', list))
    return renderMessage(c, 404, 'Not found', 'There is no bookmark list at this address.');
  const isOwner = can(viewer, 'change-list', list);
  const intro = (
    <>
      {list.description ? (
        <blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: list.description }} />
      ) : null}
      {isOwner ? (
        <form method="post" action={`/lists/${list.id}/delete`}>
          <button type="submit">Delete this list</button> (its bookmarks stay)
        </form>
      ) : null}
    </>
  );
  return renderBookmarkListing(c, list.name, await listingAsk(c, { listId: list.id }, isOwner), intro);
});

bookmarkListRoutes.post('/lists/:id{[0-9]+}/delete', async (c) => {
  const id = Number(c.req.param('id'));
  const list = id <= 1e9 ? await findList(c.get('deps').db, id) : undefined;
  const viewer = c.get('viewer');
  if (!list || !can(viewer, 'change-list', list))
    return renderMessage(c, 404, 'Not found', 'There is no bookmark list of yours at this address.');
  await deleteList(c.get('deps').db, list.id);
  setFlash(c, 'The list is deleted; its bookmarks are kept.');
  return c.redirect(`/users/${viewer!.username}/lists`, 303);
});
