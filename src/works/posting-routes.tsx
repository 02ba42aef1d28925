/**
 * Routes for posting works: GET/POST /works/new (preview, save as draft,
 * post), with the fields other domains add (src/web/work-form-extras.ts: its
 * collections, a prompt it fills), saved in the same transaction. Editing, posting a draft and deleting live in edit-routes.tsx and
 * co-creator invitations in creatorship-routes.tsx; both are mounted here.
 * Each POST reads as: log in → rate limit → parse → check → act → redirect.
 */
import { Hono } from 'hono';
import { findDefaultPseud, listPseuds } from '../accounts/queries.ts';
import { requireContributor } from '../accounts/require-login.ts';
import type { AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { checkWorkFormExtras } from '../web/work-form-extras.ts';
import { creatorshipRoutes } from './creatorship-routes.tsx';
import { editRoutes } from './edit-routes.tsx';
import { blankWorkForm, readWorkForm } from './form-schema.ts';
import { WorkPreview } from './preview.tsx';
import { resolveWorkForm } from './resolve-work-form.ts';
import { createWork } from './save-work.ts';
import { previewSeriesTitle, showWorkForm } from './work-form-page.tsx';
import { archiveOrigins, postingWait, submittedForm, waitMessage } from './work-route-helpers.ts';

export const postingRoutes = new Hono<AppEnv>();

postingRoutes.get('/works/new', async (c) => {
  const viewer = requireContributor(c);
  if (viewer instanceof Response) return viewer;
  const pseud = await findDefaultPseud(c.get('deps').db, viewer.id);
  // "Post to fill" on a claim links here with the prompt's number.
  const values = { ...blankWorkForm(pseud.id), in_response_to: (c.req.query('prompt') ?? '').slice(0, 20) };
  return showWorkForm(c, viewer, { mode: 'new', values });
});

postingRoutes.post('/works/new', async (c) => {
  const viewer = requireContributor(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const values = readWorkForm(await submittedForm(c));
  // Anything but an explicit draft or post only previews: pressing Enter must never publish.
  const action = values.action === 'draft' || values.action === 'post' ? values.action : 'preview';

  if (action !== 'preview') {
    const wait = await postingWait(c, viewer);
    if (wait) return showWorkForm(c, viewer, { mode: 'new', values, errors: { form: waitMessage(wait) }, status: 429 });
  }

  const result = await resolveWorkForm(db, values, {
    viewerId: viewer.id,
    ownPseuds: await listPseuds(db, viewer.id),
    archiveOrigins: archiveOrigins(c),
    withChapter: true,
  });
  // The fields other domains add (collections, a prompt it fills) are checked with the rest.
  const extras = await checkWorkFormExtras(c.get('deps').workFormExtras ?? [], db, viewer, values);
  if (result.errors || Object.keys(extras.errors).length) {
    const errors = { ...result.errors, ...extras.errors };
    return showWorkForm(c, viewer, { mode: 'new', values, errors, status: 422 });
  }

  if (action === 'preview') {
    const seriesTitle = await previewSeriesTitle(c, viewer, values);
    return showWorkForm(c, viewer, {
      mode: 'new',
      values,
      preview: <WorkPreview resolved={result.resolved} seriesTitle={seriesTitle} />,
    });
  }

  const { input, chapter } = result.resolved;
  // Parents' creators asked to approve a link, and gift recipients, hear of it through the outbox.
  // What the added fields write (its collections, the prompt it fills) commits with the work.
  const workId = await createWork(db, input, [chapter!], {
    post: action === 'post',
    ownerId: viewer.id,
    alsoInTransaction: extras.save,
  });
  const invited = input.coCreatorPseudIds.length
    ? ' Your co-creators have been invited and show once they accept.'
    : '';
  return redirectWithFlash(
    c,
    `/works/${workId}`,
    (action === 'post' ? 'Your work is posted.' : 'Draft saved. Only you can see it until you post it.') + invited,
  );
});

postingRoutes.route('/', editRoutes);
postingRoutes.route('/', creatorshipRoutes);
