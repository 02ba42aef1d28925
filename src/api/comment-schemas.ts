/**
 * What the comments API reads and sends, as zod schemas (the OpenAPI
 * document's components come from these), and the presenter that turns a
 * comment as a viewer sees it (src/comments/threads.ts) into its JSON.
 */
import { z } from '@hono/zod-openapi';
import type { ShownComment } from '../comments/threads.ts';

export const CommentParams = z.object({
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

export const ThreadSchema = z
  .object({
    comment: CommentSchema,
    replies: z.array(CommentSchema).openapi({ description: 'Every reply below it, in thread order.' }),
  })
  .openapi('CommentThread');

export const CommentListSchema = z
  .object({
    page: z.number().int(),
    pages: z.number().int(),
    total: z.number().int().openapi({ description: 'Top-level comments this reader sees.' }),
    threads: z.array(ThreadSchema),
  })
  .openapi('CommentList');

export const CommentCreateSchema = z
  .object({
    body: z.string().openapi({ description: 'Plain text or the chapter HTML vocabulary; at most 10,000 characters.' }),
    pseud_id: z.number().int().optional().openapi({ description: 'One of your pseuds; your default when left out.' }),
  })
  .openapi('CommentCreate');

export const WorkCommentCreateSchema = CommentCreateSchema.extend({
  chapter_id: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'The chapter it is on; the whole work when left out.' }),
}).openapi('WorkCommentCreate');

export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().openapi({ example: 1 }),
  chapter_id: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

export function presentComment(comment: ShownComment, baseUrl: string): z.infer<typeof CommentSchema> {
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
