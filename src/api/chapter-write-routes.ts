/**
 * Writing chapters through the API, with a write-scope token: add a chapter
 * at the end of a work, edit one (only the fields the body names change;
 * `post: true` posts a draft chapter), and delete one. Every field passes
 * the chapter form's own checks.
 */
import { createRoute } from '@hono/zod-openapi';
import { addChapter } from '../chapters/add-chapter.ts';
import { checkedChapter } from '../chapters/checked-chapter.ts';
import { deleteChapter } from '../chapters/delete-chapter.ts';
import { editChapter } from '../chapters/edit-chapter.ts';
import { findChapter } from '../works/chapter-queries.ts';
import { readChapterForm } from '../works/form-schema.ts';
import { loadWorkForDisplay } from '../works/display-queries.ts';
import type { ApiContext } from './middleware.ts';
import { presentChapter } from './presenters.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, ChapterParams, jsonContent, TOKEN, WorkParams } from './route-kit.ts';
import { ChapterSchema } from './schemas.ts';
import { gateOwnWork, postingLimit, WRITE_ERRORS, writersOnly } from './write-gate.ts';
import {
  ChapterCreateSchema,
  chapterFieldProblems,
  chapterFormValuesFrom,
  ChapterUpdateSchema,
} from './write-input.ts';
import { listingAudience } from '../visibility/index.ts';

export const chapterWriteRoutes = apiGroup();

async function presentSavedChapter(c: ApiContext, workId: number, chapterId: number) {
  const work = (await loadWorkForDisplay(c.get('deps').db, workId, listingAudience(c.get('viewer'))))!;
  const chapter = work.chapters.find((ch) => ch.id === chapterId)!;
  return presentChapter(workId, chapter, c.get('deps').config.baseUrl);
}

chapterWriteRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/works/{id}/chapters',
    tags: ['Writing'],
    summary: 'Add a chapter',
    description: 'Adds a chapter at the end, checked as the chapter form checks it. A draft unless `post` is true.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: WorkParams,
      body: { content: { 'application/json': { schema: ChapterCreateSchema } }, required: true },
    },
    responses: { 201: jsonContent(ChapterSchema, 'The new chapter.'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const gate = await gateOwnWork(c, id);
    if (gate instanceof Response) return gate;
    const body = c.req.valid('json');
    const checked = checkedChapter(chapterFormValuesFrom(body, readChapterForm({})));
    if ('errors' in checked) {
      return problem(c, 'invalid-input', 'Some fields are not valid.', {
        errors: chapterFieldProblems(checked.errors),
      });
    }
    const limited = await postingLimit(c, gate.viewer);
    if (limited) return limited;
    const chapterId = await addChapter(c.get('deps').db, id, checked.chapter, { post: body.post === true });
    c.header('location', `/api/v1/works/${id}/chapters/${chapterId}`);
    return c.json(await presentSavedChapter(c, id, chapterId), 201);
  },
);

chapterWriteRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/works/{id}/chapters/{chapterId}',
    tags: ['Writing'],
    summary: 'Edit a chapter',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: ChapterParams,
      body: { content: { 'application/json': { schema: ChapterUpdateSchema } }, required: true },
    },
    responses: { 200: jsonContent(ChapterSchema, 'The chapter as saved.'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const { id, chapterId } = c.req.valid('param');
    const gate = await gateOwnWork(c, id);
    if (gate instanceof Response) return gate;
    const { db } = c.get('deps');
    const current = await findChapter(db, id, chapterId);
    if (!current) return problem(c, 'not-found', `Work ${id} has no chapter ${chapterId}.`);
    const body = c.req.valid('json');
    const base = readChapterForm({
      chapter_title: current.title,
      summary: current.summary,
      notes: current.notes,
      end_notes: current.end_notes,
      body: current.body,
    });
    const checked = checkedChapter(chapterFormValuesFrom(body, base));
    if ('errors' in checked) {
      return problem(c, 'invalid-input', 'Some fields are not valid.', {
        errors: chapterFieldProblems(checked.errors),
      });
    }
    await editChapter(db, id, chapterId, checked.chapter, { post: body.post === true });
    return c.json(await presentSavedChapter(c, id, chapterId), 200);
  },
);

const CANNOT_DELETE = {
  only_chapter: 'This is the work’s only chapter: delete the work instead.',
  last_posted_chapter: 'This is the last posted chapter of a posted work; readers would find it empty.',
};

chapterWriteRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/works/{id}/chapters/{chapterId}',
    tags: ['Writing'],
    summary: 'Delete a chapter',
    description:
      'The chapters after it move up. A work’s only chapter, or the last posted one of a posted work, stays.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: ChapterParams },
    responses: {
      204: { description: 'Deleted.' },
      ...WRITE_ERRORS,
      409: problemResponse('This chapter cannot be deleted.'),
    },
  }),
  async (c) => {
    const { id, chapterId } = c.req.valid('param');
    const gate = await gateOwnWork(c, id);
    if (gate instanceof Response) return gate;
    const outcome = await deleteChapter(c.get('deps').db, id, chapterId);
    if (outcome === 'not_found') return problem(c, 'not-found', `Work ${id} has no chapter ${chapterId}.`);
    if (outcome !== 'deleted') return problem(c, 'conflict', CANNOT_DELETE[outcome]);
    return c.body(null, 204);
  },
);
