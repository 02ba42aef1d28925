/**
 * Reports through the API: POST /api/v1/reports with a write-scope token
 * files a report by the same command as the site's form
 * (src/reports/file-report.ts): the thing must be readable by the caller,
 * once a day per thing, and the same per-address rate limit.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { fileReport } from '../reports/file-report.ts';
import { REPORT_CATEGORIES, REPORT_TARGETS } from '../reports/reports.table.ts';
import { clientAddress } from '../web/context.ts';
import { asAppContext } from './middleware.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, jsonContent, TOKEN } from './route-kit.ts';
import { requireWriter, WRITE_ERRORS, writersOnly } from './write-gate.ts';

export const reportApiRoutes = apiGroup();

const ReportCreateSchema = z
  .object({
    type: z.enum(REPORT_TARGETS).openapi({ description: 'What kind of thing is reported.' }),
    id: z.number().int().positive().openapi({ description: 'Its id.' }),
    category: z.enum(Object.keys(REPORT_CATEGORIES) as [string, ...string[]]).openapi({ example: 'spam' }),
    description: z.string().openapi({ description: 'What is wrong, up to 4,000 characters.' }),
  })
  .openapi('ReportCreate');

const ReportFiledSchema = z
  .object({
    id: z.number().int().openapi({ description: 'The report’s id; its outcome shows at /reports and in mail.' }),
    message: z.string(),
  })
  .openapi('ReportFiled');

reportApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/reports',
    tags: ['Writing'],
    summary: 'Report a work, chapter, comment, bookmark, series or user to the moderators',
    description:
      'The same rules as the site’s form: what you report must be something you can see; the same thing once a day (409); a few reports an hour per address (429). You hear of the outcome by mail and at /reports, never who acted.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { body: { content: { 'application/json': { schema: ReportCreateSchema } }, required: true } },
    responses: {
      201: jsonContent(ReportFiledSchema, 'The report is filed.'),
      ...WRITE_ERRORS,
      404: problemResponse('There is no such thing, or you cannot see it.'),
      409: problemResponse('You reported this already today.'),
      429: problemResponse('Too many reports from this address; `Retry-After` says when to try again.'),
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const body = c.req.valid('json');
    const outcome = await fileReport(c.get('deps'), viewer, { ...body }, clientAddress(asAppContext(c)));
    if (outcome.ok)
      return c.json({ id: outcome.reportId, message: 'Thank you: the moderators will look into it.' }, 201);
    switch (outcome.kind) {
      case 'not-found':
        return problem(c, 'not-found', `There is no ${body.type} ${body.id} to report.`);
      case 'invalid':
        return problem(c, 'invalid-input', 'Some fields are not valid.', {
          errors: Object.entries(outcome.errors).map(([field, detail]) => ({ field, detail })),
        });
      case 'already':
        return problem(c, 'conflict', 'You reported this already today.');
      case 'rate-limited':
        return problem(c, 'rate-limited', 'Too many reports: try again later.', {
          headers: { 'retry-after': String(outcome.wait) },
        });
    }
  },
);
