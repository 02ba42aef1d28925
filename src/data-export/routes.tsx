/**
 * "Export my data": GET /users/:name/export shows what the export holds
 * and where the member's latest one stands; POST asks for a new one (a
 * plain form: 303 and a flash), built by a background job that mails the
 * link when it is ready. GET /users/:name/export/:id/download hands the zip
 * to its owner only, for a day: anyone else, a guest included, and the
 * owner after that day get 404 (an expired file is removed there and then).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { DataExport } from './data-exports.table.ts';
import type { User } from '../accounts/accounts.table.ts';
import { ownAccount } from '../accounts/account-edit-routes.tsx';
import { can } from '../accounts/policy.ts';
import { findUserByName } from '../accounts/queries.ts';
import { loginPath } from '../accounts/require-login.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { tryAgainText, type RateLimitRule } from '../web/rate-limit.ts';
import {
  EXPORT_LINK_HOURS,
  exportDownloadPath,
  exportPagePath,
  exportsDir,
  removeExports,
  requestDataExport,
} from './export-job.ts';
import { findDownloadableExport, findExport, findLatestExport } from './queries.ts';

export const dataExportRoutes = new Hono<AppEnv>();

/** Besides one at a time: a few a day, since each builds every work's EPUB. */
export const EXPORT_RULE: RateLimitRule = { limit: 3, windowMs: 24 * 3_600_000 };

export const EXPORT_PREPARING =
  'Your export is being prepared. We will email you a link when it is ready; it works for a day.';

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const timeText = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function ExportState({ user, latest, now }: { user: User; latest: DataExport | undefined; now: Date }) {
  if (!latest) return null;
  if (latest.status === 'preparing')
    return (
      <p class="export-state" id="export-state">
        Your export is being prepared (asked for at {timeText(latest.requested_at)}). We will email a link to{' '}
        <strong>{user.email}</strong> when it is ready; this page shows it too.
      </p>
    );
  if (latest.status === 'failed')
    return (
      <p class="export-state" id="export-state">
        Your last export could not be made. Please ask for a new one below.
      </p>
    );
  if (!latest.expires_at || latest.expires_at <= now.toISOString()) return null;
  return (
    <p class="export-state" id="export-state">
      Your export is ready:{' '}
      <a href={exportDownloadPath(user.username, latest.id)} class="export-download">
        Download your data (zip, {sizeText(latest.size_bytes)})
      </a>
      , until {timeText(latest.expires_at)}.
    </p>
  );
}

async function renderExportPage(c: AppContext, user: User, status = 200) {
  const latest = await findLatestExport(c.get('deps').db, user.id);
  const preparing = latest?.status === 'preparing';
  return renderPage(
    c,
    { title: 'Export your data', status },
    <section class="account-form">
      <h1>Export your data</h1>
      <p>One zip file with everything that is yours here:</p>
      <ul>
        <li>
          each of your works, drafts and works made with others included, as EPUB and in the archive's plain-text export
          format (another Quire archive imports it);
        </li>
        <li>your bookmarks (private ones too, with notes, tags and lists), comments and kudos;</li>
        <li>your reading history, marked for later and reading statuses, and your subscriptions;</li>
        <li>your account's preferences, pseuds and their icons, and saved filters.</li>
      </ul>
      <p>
        It is made in the background: we email you a link when it is ready, which works for {EXPORT_LINK_HOURS} hours,
        and only while you are logged in.
      </p>
      <ExportState user={user} latest={latest} now={new Date()} />
      {preparing ? null : (
        <form method="post" action={exportPagePath(user.username)}>
          <button type="submit">Export my data</button>
        </form>
      )}
    </section>,
  );
}

dataExportRoutes.get('/users/:name/export', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  return renderExportPage(c, owned.user);
});

dataExportRoutes.post('/users/:name/export', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const { db, rateLimiter } = c.get('deps');
  const page = exportPagePath(owned.user.username);
  const latest = await findLatestExport(db, owned.user.id);
  if (latest?.status === 'preparing') return redirectWithFlash(c, page, EXPORT_PREPARING);
  const wait = await rateLimiter.hit(`data-export:${owned.user.id}`, EXPORT_RULE);
  if (wait > 0) {
    return renderMessage(
      c,
      429,
      'Too many exports today',
      `You can ask for ${EXPORT_RULE.limit} exports a day. ${tryAgainText(wait)}`,
    );
  }
  // Null: another press (or another tab) got there first, and that export is on its way.
  await requestDataExport(db, owned.user.id);
  return redirectWithFlash(c, page, EXPORT_PREPARING);
});

/** Not found, for everyone but the owner within the day; a guest is told they may need to log in. */
function notFound(c: AppContext) {
  const viewer = c.get('viewer');
  return renderMessage(
    c,
    404,
    'Not found',
    viewer ? (
      'There is no export here: its link works for a day, for the account that asked for it.'
    ) : (
      <>
        There is no export here. If it is yours, <a href={loginPath(new URL(c.req.url).pathname)}>log in</a> and open
        the link again.
      </>
    ),
  );
}

dataExportRoutes.get('/users/:name/export/:id{[0-9]+}/download', async (c) => {
  const viewer = c.get('viewer');
  const { db, config } = c.get('deps');
  const user = await findUserByName(db, c.req.param('name'));
  if (!viewer || !user || !can(viewer, 'change-account', user)) return notFound(c);
  const id = Number(c.req.param('id'));
  const now = new Date();
  const ready = await findDownloadableExport(db, user.id, id, now);
  if (!ready?.file_name) {
    // Too late: the file goes now rather than at the next sweep.
    const row = await findExport(db, id);
    if (row?.user_id === user.id && row.status === 'ready') await removeExports(db, config.dataDir, [row]);
    return notFound(c);
  }
  const file = path.join(exportsDir(config.dataDir), ready.file_name);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) return notFound(c);
  const name = `${user.username}-data-${ready.requested_at.slice(0, 10)}.zip`;
  return c.body(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, 200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="${name}"`,
    'content-length': String(stat.size),
    'cache-control': 'private, no-store',
  });
});
