/**
 * A member's readings through the API, token-scoped and theirs alone (the
 * readings policy): list their history, marked-for-later list or statuses
 * (read or write scope), read one work's reading, and set a work's status,
 * note, rating and mark for later (write scope) — the same commands and
 * rules as the site's forms (src/readings/keep-reading.ts). Works the
 * member may no longer see are left out, so their titles never show.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { keepStatus, markForLater, mayKeepReading, NOTE_MAX, readStatusInput } from '../readings/keep-reading.ts';
import { findReadings, listReadings, type ReadingState } from '../readings/queries.ts';
import { READING_STATUSES } from '../readings/readings.table.ts';
import { listingAudience } from '../visibility/index.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, TOKEN, WorkParams } from './route-kit.ts';
import { requireWriter, writersOnly } from './write-gate.ts';

export const readingApiRoutes = apiGroup();

const PER_PAGE = 50;
const Status = z.enum(READING_STATUSES as unknown as ['reading', 'finished', 'on-hold', 'dropped']);

const ReadingSchema = z
  .object({
    work_id: z.number().int(),
    visited_at: z.string().nullable().openapi({ description: 'Your last visit; null when it is not in your history.' }),
    visit_count: z.number().int(),
    last_chapter_id: z.number().int().nullable().openapi({ description: 'The chapter you stopped at.' }),
    is_updated_since_visit: z.boolean().openapi({ description: 'Chapters were posted since your last visit.' }),
    is_marked_for_later: z.boolean(),
    status: Status.nullable(),
    note: z.string().nullable().openapi({ description: 'Your private note.' }),
    rating: z.number().int().min(1).max(5).nullable().openapi({ description: 'Your private rating, 1–5.' }),
  })
  .openapi('Reading');

const ListedReadingSchema = ReadingSchema.extend({ title: z.string() }).openapi('ListedReading');

const ReadingUpdateSchema = z
  .object({
    status: Status.nullable().optional(),
    note: z.string().max(NOTE_MAX).nullable().optional(),
    rating: z.number().int().min(1).max(5).nullable().optional(),
    is_marked_for_later: z.boolean().optional(),
  })
  .openapi('ReadingUpdate');

const present = (workId: number, r: ReadingState | undefined) => ({
  work_id: workId,
  visited_at: r?.visitedAt ?? null,
  visit_count: r?.visitCount ?? 0,
  last_chapter_id: r?.lastChapterId ?? null,
  is_updated_since_visit: r?.isUpdatedSinceVisit ?? false,
  is_marked_for_later: r?.isMarkedForLater ?? false,
  status: r?.status ?? null,
  note: r?.note ?? null,
  rating: r?.rating ?? null,
});

readingApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/readings',
    tags: ['Readings'],
    summary: 'Your history, marked for later, or reading statuses',
    security: TOKEN,
    request: {
      query: z.object({
        list: z.enum(['history', 'to-read', 'status']).optional().openapi({
          description: '`history` (default, newest visit first), `to-read` (marked for later) or `status`.',
        }),
        page: z.coerce.number().int().min(1).max(100_000).optional().openapi({ example: 1 }),
      }),
    },
    responses: {
      200: jsonContent(
        z.object({ readings: z.array(ListedReadingSchema), next_page: z.number().int().nullable() }),
        'One page of the list, 50 at most.',
      ),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
    },
  }),
  async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return problem(c, 'unauthenticated', 'Send an API token to read your readings.');
    const { list = 'history', page = 1 } = c.req.valid('query');
    const { db } = c.get('deps');
    const rows = await listReadings(db, viewer.id, listingAudience(viewer), {
      list,
      limit: PER_PAGE + 1,
      offset: (page - 1) * PER_PAGE,
    });
    const shown = rows.slice(0, PER_PAGE);
    const states = new Map(
      (
        await findReadings(
          db,
          viewer.id,
          shown.map((r) => r.work_id),
        )
      ).map((r) => [r.workId, r]),
    );
    return c.json(
      {
        readings: shown.map((r) => ({ ...present(r.work_id, states.get(r.work_id)), title: r.title })),
        next_page: rows.length > PER_PAGE ? page + 1 : null,
      },
      200,
    );
  },
);

readingApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/works/{id}/reading',
    tags: ['Readings'],
    summary: 'Your reading of a work',
    security: TOKEN,
    request: { params: WorkParams },
    responses: {
      200: jsonContent(ReadingSchema, 'Your reading (all empty when you have none).'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
      ...NOT_FOUND,
    },
  }),
  async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return problem(c, 'unauthenticated', 'Send an API token to read your readings.');
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    if (!(await mayKeepReading(db, viewer, id))) return problem(c, 'not-found', 'There is no work with that id.');
    const [reading] = await findReadings(db, viewer.id, [id]);
    return c.json(present(id, reading), 200);
  },
);

readingApiRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/works/{id}/reading',
    tags: ['Readings'],
    summary: 'Set your reading status, note and rating of a work, or mark it for later',
    description: 'Fields left out keep their value; null clears one.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: WorkParams,
      body: { content: { 'application/json': { schema: ReadingUpdateSchema } }, required: true },
    },
    responses: {
      200: jsonContent(ReadingSchema, 'Your reading now.'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
      403: problemResponse('The token is read-only.'),
      ...NOT_FOUND,
      422: problemResponse('Some fields are not valid; `errors` names each one.'),
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db } = c.get('deps');
    if (!(await mayKeepReading(db, viewer, id))) return problem(c, 'not-found', 'There is no work with that id.');
    const [before] = await findReadings(db, viewer.id, [id]);
    if (body.status !== undefined || body.note !== undefined || body.rating !== undefined) {
      const read = readStatusInput({
        status: body.status === undefined ? before?.status : body.status,
        note: body.note === undefined ? before?.note : body.note,
        rating: body.rating === undefined ? before?.rating : body.rating,
      });
      if ('error' in read) return problem(c, 'invalid-input', read.error);
      await keepStatus(db, viewer, id, read.input);
    }
    if (body.is_marked_for_later !== undefined) await markForLater(db, viewer, id, body.is_marked_for_later);
    const [reading] = await findReadings(db, viewer.id, [id]);
    return c.json(present(id, reading), 200);
  },
);
