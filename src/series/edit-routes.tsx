/**
 * A series' creators change it: GET/POST /series/:id/edit (title,
 * description, notes, complete), POST /series/:id/order (position numbers
 * for its works), POST /series/:id/works/:workId/remove. Each is gated by
 * the series policy; each answers with a 303 back and a flash message.
 */
import { Hono } from 'hono';
import { LIMITS } from '../domain-facts.ts';
import { sanitizeNote } from '../html/body.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { loadBlurbs } from '../works/listing-queries.ts';
import { listInvitedPseudNames } from './creatorship-queries.ts';
import { SeriesEditPage, type SeriesFormValues } from './edit-page.tsx';
import {
  listAllSeriesWorks,
  listVisibleSeriesWorks,
  removeSeriesWork,
  renumberSeries,
  updateSeries,
  type SeriesRecord,
} from './queries.ts';
import { gateSeriesChange, type FoundSeries } from './series-route-helpers.ts';

export const seriesEditRoutes = new Hono<AppEnv>();

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? body[name] : '');

function checkSeriesForm(values: SeriesFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.title.trim()) errors.title = 'Give the series a title.';
  else if (values.title.trim().length > LIMITS.titleMax)
    errors.title = `The series title is at most ${LIMITS.titleMax} characters.`;
  if (values.summary.length > LIMITS.summaryMax)
    errors.summary = `The description is at most ${LIMITS.summaryMax} characters.`;
  if (values.notes.length > LIMITS.notesMax) errors.notes = `The notes are at most ${LIMITS.notesMax} characters.`;
  return errors;
}

/** The edit page, with the works the editor may see (others keep their places when reordering). */
async function renderEditPage(
  c: AppContext,
  found: FoundSeries,
  values: SeriesFormValues,
  errors: FieldErrors = {},
  status = 200,
): Promise<Response> {
  const { db } = c.get('deps');
  const entries = await listVisibleSeriesWorks(db, found.series.id, c.get('viewer'));
  const blurbs = new Map((await loadBlurbs(db, found.workIds)).map((b) => [b.id, b]));
  const works = entries.map((e) => ({ id: e.workId, title: blurbs.get(e.workId)?.title ?? '', position: e.position }));
  const invited = await listInvitedPseudNames(db, found.series.id);
  return renderPage(
    c,
    { title: `Edit series: ${found.series.title}`, status },
    <SeriesEditPage series={found.series} values={values} errors={errors} works={works} invited={invited} />,
  );
}

function valuesOf(series: SeriesRecord): SeriesFormValues {
  return { title: series.title, summary: series.summary, notes: series.notes, complete: series.isComplete };
}

seriesEditRoutes.get('/series/:id{[0-9]+}/edit', async (c) => {
  const found = await gateSeriesChange(c, 'edit');
  if (found instanceof Response) return found;
  return renderEditPage(c, found, valuesOf(found.series));
});

seriesEditRoutes.post('/series/:id{[0-9]+}/edit', async (c) => {
  const found = await gateSeriesChange(c, 'edit');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody();
  const values: SeriesFormValues = {
    title: field(body, 'title'),
    summary: field(body, 'summary'),
    notes: field(body, 'notes'),
    complete: body.complete === '1',
  };
  const errors = checkSeriesForm(values);
  if (Object.keys(errors).length) return renderEditPage(c, found, values, errors, 422);
  await updateSeries(c.get('deps').db, found.series.id, {
    title: values.title.trim(),
    summary: sanitizeNote(values.summary),
    notes: sanitizeNote(values.notes),
    isComplete: values.complete,
  });
  return redirectWithFlash(c, `/series/${found.series.id}`, 'Your changes to the series are saved.');
});

seriesEditRoutes.post('/series/:id{[0-9]+}/order', async (c) => {
  const found = await gateSeriesChange(c, 'order');
  if (found instanceof Response) return found;
  const { db } = c.get('deps');
  const body = await c.req.parseBody();
  const visible = new Set(found.workIds);
  const all = await listAllSeriesWorks(db, found.series.id);
  // A work the editor cannot see keeps its number; the ones they numbered move around it.
  const keyed = all.map((entry, index) => {
    const raw = field(body, `position_${entry.workId}`).trim();
    const asked = visible.has(entry.workId) && /^[0-9]{1,6}$/.test(raw) ? Number(raw) : null;
    return { workId: entry.workId, key: asked ?? entry.position, index };
  });
  if (keyed.some((k) => visible.has(k.workId) && field(body, `position_${k.workId}`).trim() && k.key < 1)) {
    return renderMessage(c, 422, 'Check the positions', 'Each position is a whole number from 1.');
  }
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  await renumberSeries(
    db,
    found.series.id,
    keyed.map((k) => k.workId),
  );
  return redirectWithFlash(c, `/series/${found.series.id}`, 'The works of the series are in their new order.');
});

seriesEditRoutes.post('/series/:id{[0-9]+}/works/:workId{[0-9]+}/remove', async (c) => {
  const found = await gateSeriesChange(c, 'remove-work');
  if (found instanceof Response) return found;
  const workId = Number(c.req.param('workId'));
  // Only a work the editor can see: they must not learn of, or act on, another writer's draft.
  if (!found.workIds.includes(workId) || !(await removeSeriesWork(c.get('deps').db, found.series.id, workId))) {
    return renderMessage(c, 404, 'Not found', 'That work is not in this series.');
  }
  return redirectWithFlash(c, `/series/${found.series.id}/edit`, 'The work is no longer part of the series.');
});
