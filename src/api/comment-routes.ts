/**
 * Comments through the API: a work's comments as threads, 20 top-level
 * comments a page (each thread whole, its replies in thread order with
 * `parent_id` and `depth`); posting a comment or a reply and deleting one
 * with a write-scope token. The site's comment policy decides, exactly as
 * for the forms (src/comments/policy.ts), and the same rate limits and
 * spam holds apply.
 */
import { createRoute } from '@hono/zod-openapi';
import { loadCommentTarget, loadCommentWork, type LoadedWork } from '../comments/comment-context.ts';
import { readCommentForm } from '../comments/comment-input.ts';
import { deleteComment } from '../comments/manage-comment.ts';
import { can } from '../comments/policy.ts';
import { postComment, type PostOutcome } from '../comments/post-comment.ts';
import { loadCommentSection, threadsFor } from '../comments/section.ts';
import { flattened } from '../comments/threads.ts';
import {
  CommentCreateSchema,
  CommentListSchema,
  CommentParams,
  CommentSchema,
  ListQuery,
  presentComment,
  WorkCommentCreateSchema,
} from './comment-schemas.ts';
import { whyCannotReadWork } from '../visibility/index.ts';
import { clientAddress } from '../web/context.ts';
import { asAppContext, type ApiContext } from './middleware.ts';
import { problem, problemResponse, type ProblemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN, TOKEN, WorkParams } from './route-kit.ts';
import { WRITE_ERRORS, requireWriter, writersOnly } from './write-gate.ts';
import { API_BASE } from './presenters.ts';

export const commentApiRoutes = apiGroup();

/** The work if this caller may read it, else the problem to send (as the work routes answer). */
async function openCommentWork(c: ApiContext, workId: number): Promise<ProblemResponse | LoadedWork> {
  const work = await loadCommentWork(c.get('deps').db, c.get('viewer'), workId, c.get('site'));
  const refusal = work ? whyCannotReadWork(c.get('viewer'), work) : 'not_found';
  if (refusal === 'log_in') return problem(c, 'unauthenticated', 'This work is restricted: send an API token.');
  if (!work || refusal) return problem(c, 'not-found', `There is no work ${workId}.`);
  return work;
}

const FIELD_NAMES: Record<string, string> = { body: 'body', pseud_id: 'pseud_id', chapter_id: 'chapter_id' };

async function answerPosted(c: ApiContext, work: LoadedWork, outcome: PostOutcome) {
  switch (outcome.kind) {
    case 'ignored':
    case 'refused':
      return problem(c, 'forbidden', 'You may not comment here.');
    case 'invalid':
      return problem(c, 'invalid-input', 'Some fields are not valid.', {
        errors: Object.entries(outcome.errors).map(([field, detail]) => ({
          field: FIELD_NAMES[field] ?? field,
          detail,
        })),
      });
    case 'rate_limited':
      return problem(
        c,
        'rate-limited',
        `You have posted several comments in a short time; try again in ${Math.ceil(outcome.waitSeconds / 60)} minutes.`,
        { headers: { 'retry-after': String(outcome.waitSeconds) } },
      );
    case 'posted': {
      const { db, config } = c.get('deps');
      const target = await loadCommentTarget(db, c.get('viewer'), outcome.commentId, c.get('site'));
      const [thread] = await threadsFor(db, c.get('viewer'), work, [target!.row.thread_id!], { whole: true });
      const shown = flattened(thread!.root).find((n) => n.id === outcome.commentId)!;
      c.header('location', `${API_BASE}/comments/${outcome.commentId}`);
      return c.json(presentComment(shown, config.baseUrl), 201);
    }
  }
}

const POST_ERRORS = {
  ...WRITE_ERRORS,
  403: problemResponse('The token is read-only, or you may not comment here (comments off, blocked, frozen thread).'),
  429: problemResponse('Too many comments in a short time; `Retry-After` says when to try again.'),
};

commentApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/works/{id}/comments',
    tags: ['Comments'],
    summary: 'A work’s comments, as threads',
    description:
      '20 top-level comments a page, oldest first, each with every reply below it. Held and hidden comments show only to their authors, the work’s creators and moderators.',
    security: OPTIONAL_TOKEN,
    request: { params: WorkParams, query: ListQuery },
    responses: {
      200: jsonContent(CommentListSchema, 'One page of threads.'),
      ...COMMON_ERRORS,
      401: problemResponse('The work is restricted and no token was sent, or the token is not valid.'),
      ...NOT_FOUND,
    },
  }),
  async (c) => {
    const work = await openCommentWork(c, c.req.valid('param').id);
    if (work instanceof Response) return work;
    const query = c.req.valid('query');
    const data = await loadCommentSection(c.get('deps').db, c.get('viewer'), work, {
      page: query.page,
      chapterId: query.chapter_id,
      basePath: `/works/${work.id}/comments`,
      whole: true,
    });
    const baseUrl = c.get('deps').config.baseUrl;
    return c.json(
      {
        page: data.page,
        pages: data.pages,
        total: data.total,
        threads: data.threads.map(({ root }) => ({
          comment: presentComment(root, baseUrl),
          replies: flattened(root)
            .slice(1)
            .map((reply) => presentComment(reply, baseUrl)),
        })),
      },
      200,
    );
  },
);

commentApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/works/{id}/comments',
    tags: ['Comments'],
    summary: 'Comment on a work or chapter',
    description:
      'Checked as the comment form checks it. On a work whose comments wait for approval the comment comes back `held`.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: WorkParams,
      body: { content: { 'application/json': { schema: WorkCommentCreateSchema } }, required: true },
    },
    responses: { 201: jsonContent(CommentSchema, 'The new comment.'), ...POST_ERRORS },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const work = await openCommentWork(c, c.req.valid('param').id);
    if (work instanceof Response) return work;
    const body = c.req.valid('json');
    const outcome = await postComment(c.get('deps').db, {
      newAccountLimit: c.get('site').newAccountCommentLimit,
      work,
      viewer,
      values: readCommentForm({ body: body.body, pseud_id: body.pseud_id?.toString() }),
      chapterId: body.chapter_id ?? null,
      address: clientAddress(asAppContext(c)),
    });
    return answerPosted(c, work, outcome);
  },
);

/** The comment if this caller may see it (a deleted one only shows as such), else the problem. */
async function openComment(c: ApiContext, commentId: number) {
  const target = await loadCommentTarget(c.get('deps').db, c.get('viewer'), commentId, c.get('site'));
  if (!target || !can(c.get('viewer'), 'see', target)) {
    return problem(c, 'not-found', `There is no comment ${commentId}.`);
  }
  return target;
}

commentApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/comments/{id}/replies',
    tags: ['Comments'],
    summary: 'Reply to a comment',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: CommentParams,
      body: { content: { 'application/json': { schema: CommentCreateSchema } }, required: true },
    },
    responses: { 201: jsonContent(CommentSchema, 'The new reply.'), ...POST_ERRORS },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const target = await openComment(c, c.req.valid('param').id);
    if (target instanceof Response) return target;
    const body = c.req.valid('json');
    const outcome = await postComment(c.get('deps').db, {
      newAccountLimit: c.get('site').newAccountCommentLimit,
      work: target.work,
      viewer,
      values: readCommentForm({ body: body.body, pseud_id: body.pseud_id?.toString() }),
      parent: { row: target.row, facts: target.comment },
      address: clientAddress(asAppContext(c)),
    });
    return answerPosted(c, target.work, outcome);
  },
);

commentApiRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/comments/{id}',
    tags: ['Comments'],
    summary: 'Delete a comment',
    description:
      'Your own comment, or any comment on a work of yours (moderators: any). One with replies stays as “(Previous comment deleted.)”.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: CommentParams },
    responses: {
      204: { description: 'Deleted.' },
      ...WRITE_ERRORS,
      403: problemResponse('The token is read-only, or the comment is not yours to delete.'),
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const target = await openComment(c, c.req.valid('param').id);
    if (target instanceof Response) return target;
    if (!can(viewer, 'delete', target)) return problem(c, 'forbidden', 'This comment is not yours to delete.');
    await deleteComment(c.get('deps').db, viewer, target.row);
    return c.body(null, 204);
  },
);
