/**
 * GET /api/v1/inbox: the token's owner's inbox, newest first — the same
 * items, filters and visibility as the inbox page (src/comments), paged
 * with a cursor. Reading it needs a token (read or write scope): an inbox
 * is nobody else's.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { inboxEntryOf, type InboxEntry } from '../comments/inbox-items.ts';
import { countUnreadInbox, INBOX_FILTERS, listInbox } from '../comments/inbox-queries.ts';
import { problem, problemResponse } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, TOKEN } from './route-kit.ts';

export const inboxApiRoutes = apiGroup();

const MAX_PER_PAGE = 100;

const InboxItemSchema = z
  .object({
    id: z.number().int(),
    reason: z.enum(['comment', 'reply', 'report', 'moderation']).openapi({
      description:
        '`comment`: on a work of yours; `reply`: answering a comment of yours; `report`: what came of a report ' +
        'you made; `moderation`: what a moderator changed on a work of yours. The last two are notices: ' +
        '`comment`, `commenter`, `work` and `chapter` are null and `notice` says it.',
    }),
    unread: z.boolean(),
    received_at: z.string().openapi({ format: 'date-time' }),
    notice: z
      .object({
        text: z.string().openapi({ description: 'Plain text; it never names who acted.' }),
        url: z.string().openapi({ format: 'uri' }),
      })
      .nullable(),
    comment: z
      .object({
        id: z.number().int(),
        html: z.string().openapi({ description: 'The comment, as sanitized HTML.' }),
        posted_at: z.string().openapi({ format: 'date-time' }),
        awaiting_approval: z.boolean().openapi({ description: 'Held for your approval; nobody else sees it yet.' }),
        url: z.string().openapi({ format: 'uri', description: 'The comment’s permalink.' }),
      })
      .nullable(),
    commenter: z
      .object({
        name: z.string().openapi({ description: 'The pseud, or the name a guest gave (never their email).' }),
        guest: z.boolean(),
      })
      .nullable(),
    work: z.object({ id: z.number().int(), title: z.string(), url: z.string().openapi({ format: 'uri' }) }).nullable(),
    chapter: z
      .object({ id: z.number().int(), number: z.number().int(), title: z.string(), url: z.string() })
      .nullable(),
  })
  .openapi('InboxItem');

const InboxSchema = z
  .object({
    items: z.array(InboxItemSchema),
    total: z.number().int().openapi({ description: 'How many items the filter holds.' }),
    unread: z
      .number()
      .int()
      .openapi({ description: 'How many of all your items are unread (the site header’s count).' }),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .openapi('Inbox');

function present(entry: InboxEntry, baseUrl: string) {
  const base = { id: entry.id, reason: entry.reason, unread: entry.isUnread, received_at: entry.receivedAt };
  if (entry.kind === 'notice') {
    return {
      ...base,
      notice: { text: entry.notice.text, url: `${baseUrl}${entry.notice.path}` },
      comment: null,
      commenter: null,
      work: null,
      chapter: null,
    };
  }
  return {
    ...base,
    notice: null,
    comment: {
      id: entry.comment.id,
      html: entry.comment.html,
      posted_at: entry.comment.postedAt,
      awaiting_approval: entry.comment.isHeld,
      url: `${baseUrl}${entry.comment.path}`,
    },
    commenter: { name: entry.commenter.name, guest: entry.commenter.isGuest },
    work: { id: entry.work.id, title: entry.work.title, url: `${baseUrl}${entry.work.path}` },
    chapter: entry.chapter
      ? {
          id: entry.chapter.id,
          number: entry.chapter.number,
          title: entry.chapter.title,
          url: `${baseUrl}${entry.chapter.path}`,
        }
      : null,
  };
}

inboxApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/inbox',
    tags: ['Inbox'],
    summary: 'Your inbox',
    description:
      'Comments on your works, replies to your comments and notices (reports’ outcomes, moderators’ changes to ' +
      'your works), newest first. `filter`: `unread`, `read`, `replies` (to you), `held` (awaiting your approval) ' +
      'or `notices`; all by default.',
    security: TOKEN,
    request: {
      query: z.object({
        filter: z.enum(INBOX_FILTERS).optional(),
        per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).optional().openapi({ example: 20 }),
        cursor: z
          .string()
          .regex(/^\d{1,10}$/, 'Pass the next_cursor of the previous page.')
          .optional(),
      }),
    },
    responses: {
      200: jsonContent(InboxSchema, 'One page of your inbox.'),
      ...COMMON_ERRORS,
      401: problemResponse('No token was sent, or it is not valid.'),
    },
  }),
  async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return problem(c, 'unauthenticated', 'Send an API token to read your inbox.');
    const { db, config } = c.get('deps');
    const { filter = 'all', per_page: perPage = 20, cursor } = c.req.valid('query');
    const [{ rows, total }, unread] = await Promise.all([
      listInbox(db, viewer.id, { filter, limit: perPage + 1, beforeId: cursor ? Number(cursor) : undefined }),
      countUnreadInbox(db, viewer.id),
    ]);
    const page = rows.slice(0, perPage);
    return c.json(
      {
        items: page.map((row) => present(inboxEntryOf(row), config.baseUrl)),
        total,
        unread,
        next_cursor: rows.length > perPage ? String(page.at(-1)!.id) : null,
      },
      200,
    );
  },
);
