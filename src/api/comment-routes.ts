/**
 * Comments through the API: a work's comments as threads, 20 top-level
 * comments a page (each thread whole, its replies in thread order with
 * `parent_id` and `depth`); posting a comment or a reply and deleting one
 * with a write-scope token. The site's comment policy decides, exactly as
 * for the forms (src/comments/policy.ts), and the same rate limits and
 * spam holds apply.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { loadCommentTarget, loadCommentWork, type LoadedWork } from '../comments/comment-context.ts';
import { readCommentForm } from '../comments/comment-input.ts';
import { deleteComment } from '../comments/manage-comment.ts';
import { can } from '../comments/policy.ts';
import { postComment, type PostOutcome } from '../comments/post-comment.ts';
import { loadCommentSection, threadsFor } from '../comments/section.ts';
import { flattened, type ShownComment } from '../comments/threads.ts';
import { whyCannotReadWork } from '../visibility/index.ts';
import { clientAddress } from '../web/context.ts';
import { asAppContext, type ApiContext } from './middleware.ts';
import { problem, problemResponse, type ProblemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN, TOKEN, WorkParams } from './route-kit.ts';
import { WRITE_ERRORS, requireWriter, writersOnly } from './write-gate.ts';
import { API_BASE } from './presenters.ts';

export const commentApiRoutes = apiGroup();

const CommentParams = z.object({
  id: z.coerce
    .number({ error: 'Give a whole number.' })
    .int('Give a whole number.')
    .min(1, 'Ids start at 1.')
    .max(2_147_483_647, 'There is no comment with an id that large.')
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const CommentSchema = z
  .object({
    id: z.number().int(),
    work_id: z.number().int(),
    chapter_id: z.number().int().nullable().openapi({ description: 'Null for a comment on the whole work.' }),
    parent_id: z.number().int().nullable().openapi({ description: 'The comment this replies to.' }),
    depth: z.number().int().openapi({ description: '0 at the top of a thread.' }),
    author: z
      .object({
        name: z.string().openapi({ description: 'The pseud, or the name a guest gave.' }),
        username: z.string().nullable().openapi({ description: 'The account, for a member.' }),
        guest: z.boolean(),
      })
      .nullable()
      .openapi({ description: 'Null for a deleted or hidden comment kept because others replied.' }),
    body: z.string().nullable().openapi({ description: 'Sanitized HTML; null when deleted or hidden.' }),
    state: z.enum(['published', 'held']).openapi({ description: '`held`: awaiting the creator’s approval.' }),
    deleted: z.boolean(),
    hidden: z.boolean(),
    frozen: z.boolean().openapi({ description: 'No more replies may be posted under it.' }),
    created_at: z.string().openapi({ format: 'date-time' }),
    edited_at: z.string().nullable().openapi({ format: 'date-time' }),
    url: z.string().openapi({ format: 'uri', description: 'Its permalink on the site.' }),
  })
  .openapi('Comment');

const ThreadSchema = z
  .object({
    comment: CommentSchema,
    replies: z.array(CommentSchema).openapi({ description: 'Every reply below it, in thread order.' }),
  })
  .openapi('CommentThread');

const CommentListSchema = z
  .object({
    page: z.number().int(),
    pages: z.number().int(),
    total: z.number().int().openapi({ description: 'Top-level comments this reader sees.' }),
    threads: z.array(ThreadSchema),
  })
  .openapi('CommentList');

const CommentCreateSchema = z
  .object({
    body: z.string().openapi({ description: 'Plain text or the chapter HTML vocabulary; at most 10,000 characters.' }),
    pseud_id: z.number().int().optional().openapi({ description: 'One of your pseuds; your default when left out.' }),
  })
  .openapi('CommentCreate');

const WorkCommentCreateSchema = CommentCreateSchema.extend({
  chapter_id: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'The chapter it is on; the whole work when left out.' }),
}).openapi('WorkCommentCreate');

const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().openapi({ example: 1 }),
  chapter_id: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

function presentComment(comment: ShownComment, baseUrl: string): z.infer<typeof CommentSchema> {
  const { author } = comment;
  return {
    id: comment.id,
    work_id: comment.workId,
    chapter_id: comment.chapterId,
    parent_id: comment.parentId,
    depth: comment.depth,
    author:
      comment.placeholder || author.kind === 'gone'
        ? null
        : author.kind === 'member'
          ? { name: author.pseudName, username: author.username, guest: false }
          : author.kind === 'anonymous'
            ? { name: 'Anonymous Creator', username: null, guest: false }
            : { name: author.name, username: null, guest: true },
    body: comment.bodyHtml,
    state: comment.state,
    deleted: comment.placeholder === 'deleted',
    hidden: comment.isHidden || comment.placeholder === 'hidden',
    frozen: comment.isFrozen,
    created_at: comment.createdAt,
    edited_at: comment.editedAt,
    url: new URL(`/comments/${comment.id}`, baseUrl).toString(),
  };
}

/** The work if this caller may read it, else the problem to send (as the work routes answer). */
async function openCommentWork(c: ApiContext, workId: number): Promise<ProblemResponse | LoadedWork> {
  const work = await loadCommentWork(c.get('deps').db, c.get('viewer'), workId);
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
      const target = await loadCommentTarget(db, c.get('viewer'), outcome.commentId);
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
  const target = await loadCommentTarget(c.get('deps').db, c.get('viewer'), commentId);
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
