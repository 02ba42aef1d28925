/**
 * Bookmarks through the API: the bookmark listing with the site's filters
 * (read as the pages read: public bookmarks of items the reader may see, a
 * user's private ones only with their own token, muted people left out),
 * and making, changing and deleting one's own bookmarks of works and series
 * with a write-scope token — the same policy and queries as the pages.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { checkBookmarkForm } from '../bookmarks/bookmark-input.ts';
import { countBookmarkFacets, listBookmarks, NO_FILTERS, type BookmarkRow } from '../bookmarks/listing-queries.ts';
import { bookmarkWatcher, can } from '../bookmarks/policy.ts';
import {
  deleteBookmark,
  findBookmark,
  findUserByName,
  insertBookmark,
  pseudOfUser,
  tagsOf,
  updateBookmark,
  type BookmarkItem,
} from '../bookmarks/queries.ts';
import { findListedSeriesTitle } from '../bookmarks/listing-queries.ts';
import { loadMutes } from '../search/blocklist/with-mutes.ts';
import { findWorkAccess, listingAudience } from '../visibility/index.ts';
import { problem } from './problems.ts';
import { apiGroup, COMMON_ERRORS, jsonContent, NOT_FOUND, OPTIONAL_TOKEN, TOKEN, WorkParams } from './route-kit.ts';
import { WRITE_ERRORS, requireWriter, writersOnly } from './write-gate.ts';

export const bookmarkApiRoutes = apiGroup();

const BookmarkSchema = z
  .object({
    id: z.number().int(),
    item: z.object({
      kind: z.enum(['work', 'series', 'external']),
      id: z.number().int(),
      title: z.string().nullable().openapi({ description: 'Null when the reader may no longer see the item.' }),
    }),
    bookmarker: z.object({ username: z.string(), pseud: z.string() }),
    notes: z.string().openapi({ description: 'Sanitized HTML.' }),
    tags: z.array(z.string()),
    is_rec: z.boolean(),
    is_private: z.boolean(),
    created_at: z.string(),
  })
  .openapi('Bookmark');

const BookmarkPageSchema = z
  .object({ total: z.number().int(), page: z.number().int(), bookmarks: z.array(BookmarkSchema) })
  .openapi('BookmarkPage');

const present = (row: BookmarkRow, tags: string[]) => ({
  id: row.id,
  item: {
    kind:
      row.work_id !== null ? ('work' as const) : row.series_id !== null ? ('series' as const) : ('external' as const),
    id: (row.work_id ?? row.series_id ?? row.external_work_id)!,
    title: row.is_item_listed ? row.title : null,
  },
  bookmarker: { username: row.username, pseud: row.pseud_name },
  notes: row.notes,
  tags,
  is_rec: !!row.is_rec,
  is_private: !!row.is_private,
  created_at: row.created_at,
});

const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

const ListQuery = z.object({
  user: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'Only this user’s bookmarks (private ones with their own token).' }),
  work_id: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  series_id: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  tag: many.optional().openapi({ description: 'Filter tag ids the item must carry (repeatable).' }),
  rating: many.optional(),
  own_tag: many.optional().openapi({ description: 'Bookmarker’s tags the bookmark must carry (repeatable).' }),
  rec: z.enum(['1']).optional(),
  notes: z.enum(['1']).optional(),
  sort: z.enum(['bookmarked', 'item-date']).optional(),
  page: z.coerce.number().int().min(1).max(5000).optional(),
});

bookmarkApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/bookmarks',
    tags: ['Bookmarks'],
    summary: 'Bookmarks, newest first, with the site’s filters',
    security: OPTIONAL_TOKEN,
    request: { query: ListQuery },
    responses: { 200: jsonContent(BookmarkPageSchema, 'One page of bookmarks.'), ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { db } = c.get('deps');
    const viewer = c.get('viewer');
    const user = q.user ? await findUserByName(db, q.user) : undefined;
    if (q.user && !user) return problem(c, 'not-found', 'There is no user by that name.');
    const ask = {
      scope: { userId: user?.id, workId: q.work_id, seriesId: q.series_id },
      filters: {
        ...NO_FILTERS,
        itemTagIds: (q.tag ?? [])
          .map(Number)
          .filter((n) => Number.isSafeInteger(n) && n > 0)
          .slice(0, 10),
        ratings: (q.rating ?? []).slice(0, 5),
        bookmarkerTags: (q.own_tag ?? []).slice(0, 10),
        recOnly: q.rec === '1',
        withNotes: q.notes === '1',
        sort: q.sort ?? 'bookmarked',
        page: q.page ?? 1,
      },
      audience: listingAudience(viewer),
      isOwner: !!user && can(viewer, 'see-private-bookmarks', user),
      hides: viewer ? await loadMutes(db, viewer.id) : null,
      watcher: bookmarkWatcher(viewer),
    };
    const [rows, facets] = await Promise.all([listBookmarks(db, ask), countBookmarkFacets(db, ask)]);
    const tags = await tagsOf(
      db,
      rows.map((r) => r.id),
    );
    return c.json(
      {
        total: facets.total,
        page: ask.filters.page,
        bookmarks: rows.map((r) => present(r, tags.get(r.id) ?? [])),
      },
      200,
    );
  },
);

const BookmarkBody = z
  .object({
    work_id: z.number().int().min(1).max(2_147_483_647).optional(),
    series_id: z.number().int().min(1).max(2_147_483_647).optional(),
    notes: z.string().max(5000).default(''),
    tags: z.array(z.string().max(100)).max(50).default([]),
    is_rec: z.boolean().default(false),
    is_private: z.boolean().default(false),
  })
  .openapi('BookmarkInput');

const CreatedSchema = z.object({ id: z.number().int() }).openapi('BookmarkCreated');

/** What a bookmark of ours is, once its notes and tags are cleaned as the form cleans them. */
function cleaned(body: z.infer<typeof BookmarkBody>) {
  const checked = checkBookmarkForm({
    notes: body.notes,
    tags: body.tags.join(','),
    isRec: body.is_rec,
    isPrivate: body.is_private,
    pseudId: '',
  });
  return { notes: checked.notes, tags: checked.tags, isRec: body.is_rec, isPrivate: body.is_private };
}

bookmarkApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/bookmarks',
    tags: ['Writing'],
    summary: 'Bookmark a work or a series',
    description: 'Give exactly one of `work_id` and `series_id`. One bookmark per item per pseud: again is 409.',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { body: { content: { 'application/json': { schema: BookmarkBody } }, required: true } },
    responses: {
      201: jsonContent(CreatedSchema, 'The bookmark is made.'),
      409: jsonContent(z.object({ detail: z.string() }), 'You have already bookmarked it.'),
      ...WRITE_ERRORS,
    },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const body = c.req.valid('json');
    const { db } = c.get('deps');
    if ((body.work_id === undefined) === (body.series_id === undefined))
      return problem(c, 'invalid-input', 'Give exactly one of work_id and series_id.');
    let item: BookmarkItem;
    if (body.work_id !== undefined) {
      const access = await findWorkAccess(db, body.work_id);
      if (!access || !can(viewer, 'bookmark-work', access)) return problem(c, 'not-found', 'There is no such work.');
      item = { kind: 'work', id: body.work_id };
    } else {
      const title = await findListedSeriesTitle(db, body.series_id!, listingAudience(viewer));
      if (title === undefined) return problem(c, 'not-found', 'There is no such series.');
      item = { kind: 'series', id: body.series_id! };
    }
    const pseudId = await pseudOfUser(db, viewer.id, null);
    const id = await insertBookmark(db, { item, pseudId: pseudId!, userId: viewer.id, ...cleaned(body) });
    if (!id) return c.json({ detail: 'You have already bookmarked it.' }, 409);
    return c.json({ id }, 201);
  },
);

const EditBody = BookmarkBody.omit({ work_id: true, series_id: true }).openapi('BookmarkChange');

bookmarkApiRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/bookmarks/{id}',
    tags: ['Writing'],
    summary: 'Change your bookmark’s notes, tags and flags',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: {
      params: WorkParams,
      body: { content: { 'application/json': { schema: EditBody } }, required: true },
    },
    responses: { 200: jsonContent(CreatedSchema, 'The bookmark is changed.'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    const bookmark = await findBookmark(db, id);
    if (!bookmark || !can(viewer, 'change-bookmark', bookmark))
      return problem(c, 'not-found', 'There is no bookmark of yours here.');
    await updateBookmark(db, id, cleaned({ ...c.req.valid('json') }));
    return c.json({ id }, 200);
  },
);

bookmarkApiRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/bookmarks/{id}',
    tags: ['Writing'],
    summary: 'Delete your bookmark',
    security: TOKEN,
    middleware: [writersOnly] as const,
    request: { params: WorkParams },
    responses: { 204: { description: 'The bookmark is deleted.' }, ...WRITE_ERRORS },
  }),
  async (c) => {
    const viewer = requireWriter(c);
    if (viewer instanceof Response) return viewer;
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    const bookmark = await findBookmark(db, id);
    if (!bookmark || !can(viewer, 'change-bookmark', bookmark))
      return problem(c, 'not-found', 'There is no bookmark of yours here.');
    await deleteBookmark(db, id);
    return c.body(null, 204);
  },
);
