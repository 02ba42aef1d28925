/**
 * Writing works through the API, with a write-scope token: post a work (as
 * a draft or posted, with its first chapter), edit it (only the fields the
 * body names change; `post: true` posts a draft), and delete it. Every
 * field passes the post form's own checks (write-input.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { findDefaultPseud, listPseuds } from '../accounts/queries.ts';
import { blankWorkForm } from '../works/form-schema.ts';
import { findWorkForForm } from '../works/form-queries.ts';
import { actorOf } from '../audit/run-command.ts';
import { deleteWorkAs } from '../works/delete-work.ts';
import { canDeleteWork, isCreator } from '../works/policy.ts';
import { resolveWorkForm } from '../works/resolve-work-form.ts';
import { createWork, postDraftWork, updateWork } from '../works/save-work.ts';
import { workFormValuesOf } from '../works/work-form-values.ts';
import { archiveOrigins } from '../works/work-route-helpers.ts';
import { problem } from './problems.ts';
import { apiGroup, jsonContent, TOKEN, WorkParams } from './route-kit.ts';
import { WorkSchema } from './schemas.ts';
import { gateOwnWork, postingLimit, requireWriter, WRITE_ERRORS, writersOnly } from './write-gate.ts';
import { WorkCreateSchema, workFieldProblems, workFormValuesFrom, WorkUpdateSchema } from './write-input.ts';
import { openWork } from './work-read-routes.ts';
import { presentWork } from './presenters.ts';
import { visibleChapters } from '../works/work-page.tsx';
import { asAppContext, type ApiContext } from './middleware.ts';
import { hoursBeforePosting, postingWaitMessage } from '../settings/guards.ts';

export const workWriteRoutes = apiGroup();

const DeleteQuery = z.object({
  reason: z.string().max(1000).optional().openapi({ description: 'Why, for the audit log (an admin’s deletion).' }),
});

async function presentSaved(c: ApiContext, workId: number) {
  const gate = await openWork(c, workId);
  if (gate instanceof Response) throw new Error(`Work ${workId} vanished after saving`);
  const viewer = c.get('viewer');
  return presentWork(
    gate.work,
    visibleChapters(gate.work, viewer, gate.access),
    viewer,
    c.get('deps').config.baseUrl,
    c.get('site'),
  );
}

workWriteRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/works',
    tags: ['Writing'],
    summary: 'Post a work',
    description: 'Checked exactly as the post form checks it. Saved as a draft unless `post` is true.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { body: { content: { 'application/json': { schema: WorkCreateSchema } }, required: true } },
    responses: { 201: jsonContent(WorkSchema, 'The new work.'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const { db } = c.get('deps');
    const body = c.req.valid('json');
    const values = workFormValuesFrom(body, blankWorkForm((await findDefaultPseud(db, viewer.id)).id));
    const result = await resolveWorkForm(db, values, {
      viewerId: viewer.id,
      ownPseuds: await listPseuds(db, viewer.id),
      archiveOrigins: archiveOrigins(c),
      withChapter: true,
    });
    if (result.errors)
      return problem(c, 'invalid-input', 'Some fields are not valid.', { errors: workFieldProblems(result.errors) });
    const limited = await postingLimit(c, viewer);
    if (limited) return limited;
    // The archive's wait for new accounts holds here as on the post form (src/settings/guards.ts).
    if ((await hoursBeforePosting(asAppContext(c), viewer.id)) > 0) {
      return problem(c, 'forbidden', postingWaitMessage(c.get('site').newAccountPostHours));
    }
    const { input, chapter } = result.resolved;
    // As from the post form, parents' creators asked to approve a link and gift recipients hear of it (outbox).
    const workId = await createWork(db, input, [chapter!], { post: body.post === true, ownerId: viewer.id });
    c.header('location', `/api/v1/works/${workId}`);
    return c.json(await presentSaved(c, workId), 201);
  },
);

workWriteRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/works/{id}',
    tags: ['Writing'],
    summary: 'Edit a work',
    description: 'Only the fields the body names change; the result is checked as the edit form checks it.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: WorkParams,
      body: { content: { 'application/json': { schema: WorkUpdateSchema } }, required: true },
    },
    responses: { 200: jsonContent(WorkSchema, 'The work as saved.'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const gate = await gateOwnWork(c, id);
    if (gate instanceof Response) return gate;
    const { db, config } = c.get('deps');
    const body = c.req.valid('json');
    const existing = (await findWorkForForm(db, id))!;
    const values = workFormValuesFrom(body, workFormValuesOf(existing, gate.viewer.id, config.baseUrl));
    const result = await resolveWorkForm(db, values, {
      viewerId: gate.viewer.id,
      ownPseuds: await listPseuds(db, gate.viewer.id),
      archiveOrigins: archiveOrigins(c),
      withChapter: false,
      existing,
    });
    if (result.errors)
      return problem(c, 'invalid-input', 'Some fields are not valid.', { errors: workFieldProblems(result.errors) });
    await updateWork(db, id, result.resolved.input, gate.viewer.id);
    if (body.post === true && gate.access.status === 'draft') await postDraftWork(db, id, gate.viewer.id);
    return c.json(await presentSaved(c, id), 200);
  },
);

workWriteRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/works/{id}',
    tags: ['Writing'],
    summary: 'Delete a work',
    description:
      'Deletes the work and all its chapters. It cannot be undone. The deletion is kept in the archive’s audit log, with `reason` when given.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: WorkParams, query: DeleteQuery },
    responses: { 204: { description: 'Deleted.' }, ...WRITE_ERRORS },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const gate = await gateOwnWork(c, id, canDeleteWork);
    if (gate instanceof Response) return gate;
    const { db } = c.get('deps');
    await deleteWorkAs(db, id, {
      actor: actorOf(gate.viewer),
      byCreator: isCreator(gate.viewer, gate.access),
      reason: c.req.valid('query').reason,
    });
    return c.body(null, 204);
  },
);
