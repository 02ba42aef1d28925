/**
 * /kosync: the progress-sync server KOReader's "Progress sync" plugin talks
 * to (the kosync API of koreader-sync-server). The reader enters
 * `https://<archive>/kosync` as a custom sync server, their Quire username,
 * and a KOReader app password made at /preferences/koreader; the plugin
 * sends `x-auth-user` and `x-auth-key` (md5 of the password) on every call.
 *
 * - POST /kosync/users/create: accounts are made on the archive, not here (402, with a message KOReader shows).
 * - GET /kosync/users/auth: 200 {"authorized":"OK"}, or 401 {"code":2001,"message":"Unauthorized"}.
 * - PUT /kosync/syncs/progress {document, progress, percentage, device, device_id}: kept for the work the
 *   document hash names (a Quire EPUB this person may read); other documents are acknowledged, not kept.
 * - GET /kosync/syncs/progress/:document: what was last put, or {} when nothing was.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../web/context.ts';
import type { Viewer } from '../web/context.ts';
import { authenticateKoreader, chapterOfXpointer, readableWorkOf } from './kosync.ts';
import { findProgress, saveProgress } from './queries.ts';
import { recordEreaderChapter } from '../readings/queries.ts';

const JSON_TYPE = 'application/json';
const FIELD_MAX = 1000;

function reply(c: Context<AppEnv>, status: 200 | 201 | 401 | 402 | 403, body: object): Response {
  return c.body(JSON.stringify(body), status, { 'content-type': JSON_TYPE });
}

const unauthorized = (c: Context<AppEnv>) => reply(c, 401, { code: 2001, message: 'Unauthorized' });
const invalid = (c: Context<AppEnv>, message = 'Invalid request') => reply(c, 403, { code: 2003, message });

async function koreaderViewer(c: Context<AppEnv>): Promise<Viewer | null> {
  return authenticateKoreader(c.get('deps').db, c.req.header('x-auth-user') ?? '', c.req.header('x-auth-key') ?? '');
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export const kosyncRoutes = new Hono<AppEnv>();

kosyncRoutes.post('/kosync/users/create', (c) =>
  reply(c, 402, {
    code: 2005,
    message: `Accounts are made on the archive: sign up at ${c.get('deps').config.baseUrl}, then make a KOReader app password in your preferences and log in here with it.`,
  }),
);

kosyncRoutes.get('/kosync/users/auth', async (c) =>
  (await koreaderViewer(c)) ? reply(c, 200, { authorized: 'OK' }) : unauthorized(c),
);

kosyncRoutes.put('/kosync/syncs/progress', async (c) => {
  const viewer = await koreaderViewer(c);
  if (!viewer) return unauthorized(c);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = await c.req.json();
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return invalid(c);
    body = parsed as Record<string, unknown>;
  } catch {
    return invalid(c);
  }
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, FIELD_MAX) : '');
  const document = text('document');
  const progress = text('progress');
  const percentage = typeof body.percentage === 'number' ? body.percentage : Number(body.percentage);
  if (!document) return invalid(c, 'Field "document" not provided.');
  if (!progress || !Number.isFinite(percentage)) return invalid(c);

  const now = new Date().toISOString();
  const { db } = c.get('deps');
  const workId = await readableWorkOf(db, viewer, document);
  if (workId !== null) {
    await saveProgress(db, {
      user_id: viewer.id,
      work_id: workId,
      document,
      progress,
      percentage: Math.min(1, Math.max(0, percentage)),
      chapter_number: chapterOfXpointer(progress),
      device: text('device'),
      device_id: text('device_id'),
      updated_at: now,
    });
    // The chapter KOReader is in is the last one read, for the history's "Continue reading".
    const chapter = chapterOfXpointer(progress);
    if (chapter !== null) await recordEreaderChapter(db, viewer.id, workId, chapter);
  }
  return reply(c, 200, { document, timestamp: seconds(now) });
});

kosyncRoutes.get('/kosync/syncs/progress/:document', async (c) => {
  const viewer = await koreaderViewer(c);
  if (!viewer) return unauthorized(c);
  const document = c.req.param('document');
  const { db } = c.get('deps');
  const workId = await readableWorkOf(db, viewer, document);
  const saved = workId === null ? undefined : await findProgress(db, viewer.id, workId);
  if (!saved) return reply(c, 200, {});
  return reply(c, 200, {
    // The hash asked about: the same work read from a re-downloaded file (another hash) still finds its place.
    document,
    progress: saved.progress,
    percentage: saved.percentage,
    device: saved.device,
    device_id: saved.device_id,
    timestamp: seconds(saved.updated_at),
  });
});
