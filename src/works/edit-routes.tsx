/**
 * Routes that change a saved work: GET/POST /works/:id/edit (the post form
 * without the chapter, prefilled), POST /works/:id/post (post a draft) and
 * GET/POST /works/:id/delete (confirm, then delete). Creators only; a
 * missing work is 404, someone else's is 403.
 */
import { Hono } from 'hono';
import { listPseuds } from '../accounts/queries.ts';
import type { AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { checkWorkFormExtras, onPostOfExtras, workFormExtraValues } from '../web/work-form-extras.ts';
import { renderPage } from '../web/layout.tsx';
import { readWorkForm } from './form-schema.ts';
import { findWorkForForm, findWorkTitle } from './form-queries.ts';
import { actorOf } from '../audit/run-command.ts';
import { deleteWorkAs } from './delete-work.ts';
import { canDeleteWork, isCreator } from './policy.ts';
import { WorkPreview } from './preview.tsx';
import { resolveWorkForm } from './resolve-work-form.ts';
import { postDraftWork, updateWork } from './save-work.ts';
import { workFormValuesOf } from './work-form-values.ts';
import { previewSeriesTitle, showWorkForm } from './work-form-page.tsx';
import { archiveOrigins, gateWork, submittedForm } from './work-route-helpers.ts';

export const editRoutes = new Hono<AppEnv>();

editRoutes.get('/works/:id{[0-9]+}/edit', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  const { db, config } = c.get('deps');
  const found = (await findWorkForForm(db, workId))!;
  return showWorkForm(c, gate.viewer, {
    mode: 'edit',
    workId,
    isDraft: found.work.status === 'draft',
    values: {
      ...workFormValuesOf(found, gate.viewer.id, config.baseUrl),
      ...(await workFormExtraValues(c.get('deps').workFormExtras ?? [], db, workId)),
    },
  });
});

editRoutes.post('/works/:id{[0-9]+}/edit', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  const { viewer } = gate;
  const { db } = c.get('deps');
  const values = readWorkForm(await submittedForm(c));
  const action = values.action === 'save' || values.action === 'post' ? values.action : 'preview';
  const existing = (await findWorkForForm(db, workId))!;
  const isDraft = existing.work.status === 'draft';
  const page = { mode: 'edit' as const, workId, isDraft, values };

  const result = await resolveWorkForm(db, values, {
    viewerId: viewer.id,
    ownPseuds: await listPseuds(db, viewer.id),
    archiveOrigins: archiveOrigins(c),
    withChapter: false,
    existing,
  });
  // The fields other domains add (collections, a prompt it fills) are checked with the rest.
  const extras = await checkWorkFormExtras(c.get('deps').workFormExtras ?? [], db, viewer, values, workId);
  if (result.errors || Object.keys(extras.errors).length) {
    const errors = { ...result.errors, ...extras.errors };
    return showWorkForm(c, viewer, { ...page, errors, status: 422 });
  }
  if (action === 'preview') {
    const seriesTitle = await previewSeriesTitle(c, viewer, values, workId);
    return showWorkForm(c, viewer, {
      ...page,
      preview: <WorkPreview resolved={result.resolved} seriesTitle={seriesTitle} />,
    });
  }

  // Newly concerned parents' creators and gift recipients hear of it through the outbox (work-notices.ts).
  // What the added fields write (its collections, the prompt it fills) is saved with it.
  await updateWork(db, workId, result.resolved.input, viewer.id, extras.save);
  if (action === 'post' && isDraft) {
    await postDraftWork(db, workId, viewer.id, onPostOfExtras(c.get('deps').workFormExtras ?? []));
    return redirectWithFlash(c, `/works/${workId}`, 'Your work is posted.');
  }
  return redirectWithFlash(c, `/works/${workId}`, 'Your changes are saved.');
});

editRoutes.post('/works/:id{[0-9]+}/post', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId);
  if (gate instanceof Response) return gate;
  if (gate.access.status === 'posted') return redirectWithFlash(c, `/works/${workId}`, 'This work is already posted.');
  const { db, workFormExtras } = c.get('deps');
  await postDraftWork(db, workId, gate.viewer.id, onPostOfExtras(workFormExtras ?? []));
  return redirectWithFlash(c, `/works/${workId}`, 'Your work is posted.');
});

editRoutes.get('/works/:id{[0-9]+}/delete', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId, canDeleteWork);
  if (gate instanceof Response) return gate;
  const title = (await findWorkTitle(c.get('deps').db, workId)) ?? '';
  // An admin deleting someone else's work says why, for the audit log.
  const asksReason = !isCreator(gate.viewer, gate.access);
  return renderPage(
    c,
    { title: `Delete ${title}` },
    <section class="confirm">
      <h1>Delete “{title}”?</h1>
      <p>
        This deletes the work, all its chapters, and everything attached to it (tags, series places, gifts). It cannot
        be undone.
      </p>
      <form method="post" action={`/works/${workId}/delete`} class="actions">
        {asksReason && (
          <p>
            <label for="reason">Reason (kept in the archive’s log)</label>
            <textarea id="reason" name="reason" rows={3} maxlength={1000}></textarea>
          </p>
        )}
        <button type="submit">Yes, delete this work</button>
        <a class="button secondary" href={`/works/${workId}`}>
          No, keep it
        </a>
      </form>
    </section>,
  );
});

editRoutes.post('/works/:id{[0-9]+}/delete', async (c) => {
  const workId = Number(c.req.param('id'));
  const gate = await gateWork(c, workId, canDeleteWork);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const form = await c.req.parseBody();
  const title = await deleteWorkAs(db, workId, {
    actor: actorOf(gate.viewer),
    byCreator: isCreator(gate.viewer, gate.access),
    reason: typeof form.reason === 'string' ? form.reason.slice(0, 1000) : null,
  });
  return redirectWithFlash(c, `/users/${encodeURIComponent(gate.viewer.username)}`, `“${title}” is deleted.`);
});
