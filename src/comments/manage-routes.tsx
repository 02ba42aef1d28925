/**
 * Changing a posted comment: its author edits it (`GET`/`POST
 * /comments/:id/edit`) or deletes it; a work's creators and moderators
 * delete, approve, freeze/unfreeze and hide/unhide (`POST /comments/:id/…`).
 * Each POST answers 303 back to `return_to` with a flash message.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextArea, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import { checkBody, MAX_COMMENT_LENGTH } from './comment-input.ts';
import { approveComment, deleteComment, editComment, freezeComment, hideComment } from './manage-comment.ts';
import { can, type CommentAction } from './policy.ts';
import { gateComment, notFound, parseId, refused, sameSitePath, workCommentsPath } from './route-helpers.ts';
import { commentPath } from './views.tsx';

export const commentManageRoutes = new Hono<AppEnv>();

type Gate = Exclude<Awaited<ReturnType<typeof gateComment>>, Response>;

/** The comment, if this viewer may do `action` with it; else the page that says why not. */
async function gateAction(c: AppContext, action: CommentAction): Promise<Response | Gate> {
  const gate = await gateComment(c, parseId(c.req.param('id')));
  if (gate instanceof Response) return gate;
  const viewer = c.get('viewer');
  if (!can(viewer, 'see', gate)) return notFound(c);
  if (!viewer) return c.redirect(`/login?return_to=${encodeURIComponent(commentPath(gate.row.id))}`, 303);
  if (!can(viewer, action, gate)) return refused(c);
  return gate;
}

function EditForm({ id, body, returnTo, error }: { id: number; body: string; returnTo: string; error?: string }) {
  const errors: FieldErrors = error ? { body: error } : {};
  return (
    <section class="comment-form-page">
      <h1>Edit comment</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${commentPath(id)}/edit`} class="comment-form">
        <input type="hidden" name="return_to" value={returnTo} />
        <TextArea
          name="body"
          label="Comment"
          value={body}
          rows={8}
          maxlength={MAX_COMMENT_LENGTH}
          errors={errors}
          required
        />
        <button type="submit">Save</button> <a href={returnTo}>Cancel</a>
      </form>
    </section>
  );
}

commentManageRoutes.get('/comments/:id{[0-9]+}/edit', async (c) => {
  const gate = await gateAction(c, 'edit');
  if (gate instanceof Response) return gate;
  const returnTo = sameSitePath(c.req.query('return_to'), commentPath(gate.row.id));
  return renderPage(
    c,
    { title: 'Edit comment', reading: true },
    <EditForm id={gate.row.id} body={gate.row.body} returnTo={returnTo} />,
  );
});

commentManageRoutes.post('/comments/:id{[0-9]+}/edit', async (c) => {
  const gate = await gateAction(c, 'edit');
  if (gate instanceof Response) return gate;
  const form = await c.req.parseBody();
  const typed = typeof form.body === 'string' ? form.body : '';
  const returnTo = sameSitePath(form.return_to, commentPath(gate.row.id));
  const checked = checkBody(typed);
  if ('error' in checked) {
    return renderPage(
      c,
      { title: 'Edit comment', status: 422, reading: true },
      <EditForm id={gate.row.id} body={typed} returnTo={returnTo} error={checked.error} />,
    );
  }
  await editComment(c.get('deps').db, gate.row, checked.html);
  return redirectWithFlash(c, returnTo, 'Your comment was updated.');
});

commentManageRoutes.post('/comments/:id{[0-9]+}/delete', async (c) => {
  const gate = await gateAction(c, 'delete');
  if (gate instanceof Response) return gate;
  const form = await c.req.parseBody();
  // The comment's own page is gone when it had no replies: back to the work's comments then.
  const returnTo = sameSitePath(form.return_to, workCommentsPath(gate.row.work_id));
  await deleteComment(c.get('deps').db, c.get('viewer')!, gate.row);
  return redirectWithFlash(c, returnTo, 'The comment was deleted.');
});

commentManageRoutes.post('/comments/:id{[0-9]+}/approve', async (c) => {
  const gate = await gateAction(c, 'approve');
  if (gate instanceof Response) return gate;
  const form = await c.req.parseBody();
  const returnTo = sameSitePath(form.return_to, commentPath(gate.row.id));
  const approved = await approveComment(c.get('deps').db, c.get('viewer')!, gate.row);
  return redirectWithFlash(
    c,
    returnTo,
    approved ? 'The comment is approved and now shows.' : 'That comment was already approved.',
  );
});

for (const [path, action, on, message] of [
  ['freeze', 'freeze', true, 'The thread is frozen: no more replies below that comment.'],
  ['unfreeze', 'freeze', false, 'The thread is open for replies again.'],
  ['hide', 'hide', true, 'The comment is hidden.'],
  ['unhide', 'hide', false, 'The comment shows again.'],
] as const) {
  commentManageRoutes.post(`/comments/:id{[0-9]+}/${path}`, async (c) => {
    const gate = await gateAction(c, action);
    if (gate instanceof Response) return gate;
    const form = await c.req.parseBody();
    const returnTo = sameSitePath(form.return_to, commentPath(gate.row.id));
    const { db } = c.get('deps');
    const viewer = c.get('viewer')!;
    if (action === 'freeze') await freezeComment(db, viewer, gate.row, on);
    else await hideComment(db, viewer, gate.row, on);
    return redirectWithFlash(c, returnTo, message);
  });
}
