/**
 * Wires the archive together: middleware in the order every request meets
 * it (security headers → body limit → CSRF → listing admission → viewer), then each domain's
 * routes, found by the URL's first path segment.
 */
import { formerNameRedirect } from './accounts/former-name-redirect.ts';
import { orphaningRoutes } from './orphaning/routes.tsx';
import { deleteAccountRoutes } from './orphaning/delete-account-routes.tsx';
import { dataExportRoutes } from './data-export/routes.tsx';
import { pseudIconRoutes } from './users/pseud-icon-routes.ts';
import { adminDeleteAccountRoutes } from './moderation/delete-account-routes.tsx';
import fs from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { accountRoutes } from './accounts/routes.tsx';
import { blockingRoutes } from './blocking/routes.tsx';
import { tokenRoutes } from './accounts/token-routes.tsx';
import { viewerFromCredentials } from './accounts/credentials.ts';
import { apiRoutes } from './api/routes.ts';
import { loadViewer } from './accounts/sessions.ts';
import { chapterRoutes } from './chapters/routes.tsx';
import { commentManageRoutes } from './comments/manage-routes.tsx';
import { commentRoutes } from './comments/routes.tsx';
import { inboxRoutes } from './comments/inbox-routes.tsx';
import { downloadRoutes } from './downloads/routes.ts';
import { feedRoutes } from './feeds/routes.tsx';
import { collectionFeedRoutes } from './collections/feed-routes.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { REMOTE_IMAGES_SCRIPT_PATH, remoteImagesScript } from './html/remote-images.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { tagWorksRoutes } from './search/tag-works-routes.tsx';
import { mediaRoutes } from './tags/media-routes.tsx';
import { tagPageRoutes } from './wrangling/tag-page-routes.tsx';
import { tagAutocompleteRoutes } from './tags/autocomplete-routes.tsx';
import { wranglerAdminRoutes } from './wrangling/admin-routes.tsx';
import { wranglingRoutes } from './wrangling/routes.tsx';
import { opdsRoutes } from './opds/routes.ts';
import { kosyncRoutes } from './koreader/kosync-routes.ts';
import { koreaderKeyRoutes } from './koreader/key-routes.tsx';
import { koreaderExtra } from './koreader/reading-extra.tsx';
import { importRoutes } from './transfer/routes.tsx';
import { seriesRoutes } from './series/routes.tsx';
import { userRoutes } from './users/routes.tsx';
import type { AppEnv } from './web/context.ts';
import { admitReads, AdmissionGate } from './web/admission.ts';
import { readableFormBody } from './web/form-body.ts';
import { renderMessage } from './web/layout.tsx';
import { RateLimiter } from './web/rate-limit.ts';
import { searchRoutes } from './search/routes.tsx';
import { postingRoutes } from './works/posting-routes.tsx';
import { workRoutes } from './works/routes.tsx';
import type { ReadingExtra } from './works/reading-extras.ts';
import { kudosExtra } from './kudos/reading-extra.tsx';
import { chaptersFeedExtra } from './feeds/reading-extra.tsx';
import { downloadLinksExtra } from './downloads/reading-extra.tsx';
import { bookmarkExtra } from './bookmarks/reading-extra.tsx';
import { bookmarkRoutes } from './bookmarks/routes.tsx';
import { bookmarkListingRoutes } from './bookmarks/listing-routes.tsx';
import { externalWorkRoutes } from './bookmarks/external-routes.tsx';
import { bookmarkListRoutes } from './bookmarks/list-routes.tsx';
import { commentsExtra } from './comments/reading-extra.tsx';
import { homeRoutes } from './home/routes.tsx';
import { kudosRoutes } from './kudos/routes.tsx';
import { subscriptionsExtra } from './subscriptions/reading-extra.tsx';
import { readingsBlurbExtra, readingsExtra } from './readings/reading-extra.tsx';
import { readingsRoutes } from './readings/routes.tsx';
import { collectionsExtra, collectionsScriptExtra } from './collections/reading-extra.tsx';
import { collectionItemsNotice } from './collections/invitation-notices.tsx';
import { collectionRoutes } from './collections/routes.tsx';
import { collectionManageRoutes } from './collections/manage-routes.tsx';
import { collectionSettingsRoutes } from './collections/settings-routes.tsx';
import { collectionIconRoutes } from './collections/icon-routes.tsx';
import { collectionsFormExtra } from './collections/work-form.ts';
import { promptFillFormExtra } from './challenges/prompt-memes/fill.ts';
import { claimRoutes } from './challenges/prompt-memes/claim-routes.tsx';
import { promptFillExtra } from './challenges/prompt-memes/reading-extra.tsx';
import { promptRoutes } from './challenges/prompt-memes/routes.tsx';
import { memeSettingsRoutes } from './challenges/prompt-memes/settings-page.tsx';
import { subscriptionRoutes } from './subscriptions/routes.tsx';
import { UNSUBSCRIBE_PATH } from './subscriptions/unsubscribe-links.ts';
import { requestLogging, silentLogger, type Logger } from './ops/logging.ts';
import { Metrics } from './ops/metrics.ts';
import { OPS_PATHS, opsRoutes } from './ops/routes.ts';
import { warnOfLoopbackBaseUrl } from './ops/base-url-warning.ts';
import type { WorkIndex } from './search/memory/work-index.ts';
import { HitBuffer } from './pagecache/hit-buffer.ts';
import { servePageCache } from './pagecache/middleware.ts';
import { PageCache } from './pagecache/page-cache.ts';
import { refuseSuspendedWrites } from './moderation/suspension.ts';
import { moderationExtra } from './moderation/reading-extra.tsx';
import { reportRoutes } from './reports/routes.tsx';
import { adminRoutes } from './admin/routes.tsx';
import { moderationRoutes } from './moderation/routes.tsx';
import { workEditRoutes } from './moderation/work-edit-routes.tsx';
import { loadSiteSettings } from './settings/middleware.ts';
import { settingsGuards } from './settings/guards.ts';
import { settingsRoutes } from './settings/routes.tsx';
import { tosRoutes } from './settings/tos-routes.tsx';
import { bannerRoutes } from './settings/banner-routes.tsx';
import { SettingsStore } from './settings/store.ts';
import { invitationRoutes } from './invitations/routes.tsx';
import { newsRoutes } from './news/routes.tsx';
import type { SettingsSource } from './web/site-settings.ts';
import { tagSetRoutes } from './tag-sets/routes.tsx';
import type { ReplicaSet } from './db/replicas.ts';
import { FRESH_WRITE_SECONDS, RecentWriters, rememberWrites } from './web/read-db.ts';
import { shareMemoryIndex } from './search/memory/work-index.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The JSON API and KOReader's sync server authenticate with headers, never cookies: no Origin to check, no form to read. */
const isTokenPath = (path: string) => path.startsWith('/api/') || path.startsWith('/kosync/');

/** Requests larger than this are refused before they are read (a chapter is at most ~500,000 characters). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const stylesheet = fs.readFileSync(new URL('./web/assets/quire.css', import.meta.url), 'utf8');
const faviconSvg = fs.readFileSync(new URL('./web/assets/favicon.svg', import.meta.url), 'utf8');
const faviconPng = fs.readFileSync(new URL('./web/assets/favicon.png', import.meta.url));

/**
 * What other domains add to a work's reading pages, in page order within each place (src/works/reading-extras.ts):
 * a new one is a line here, never an edit of the work page.
 */
const readingExtras: readonly ReadingExtra[] = [
  moderationExtra,
  chaptersFeedExtra,
  downloadLinksExtra,
  bookmarkExtra,
  subscriptionsExtra,
  readingsExtra,
  collectionsExtra,
  promptFillExtra,
  collectionsScriptExtra,
  koreaderExtra,
  kudosExtra,
  commentsExtra,
];

export interface AppOptions {
  db: Db;
  config: Config;
  rateLimiter?: RateLimiter;
  /** Defaults to SMTP at config.smtpUrl, or printing to stdout when that is unset. */
  mailer?: Mailer;
  /** Request and error lines (JSON under `quire serve`); silent by default, so tests print nothing. */
  logger?: Logger;
  /** The process's in-memory work index: `/readyz` waits for it, `/metrics` reports its size and lag. */
  index?: WorkIndex;
  /** Prometheus metrics for `/metrics`; a fresh registry per app by default. */
  metrics?: Metrics;
  /** The guest page cache (src/pagecache); a fresh one per app unless QUIRE_PAGE_CACHE=off. */
  pageCache?: PageCache | false;
  /** Where cached guests' hits wait to be written (flushed by `quire serve` as it stops, and by tests). */
  hits?: HitBuffer;
  /** The archive's settings, cached and checked for changes every second by default (src/settings/store.ts). */
  settings?: SettingsSource;
  /** Streaming replicas (DATABASE_REPLICA_URLS, src/db/replicas.ts) that `readDb(c)` sends lag-tolerant reads to. */
  replicas?: ReplicaSet;
  /** The app's clock (src/web/context.ts `nowOf`); the real time unless a test fixes it. */
  clock?: () => Date;
}

export function createApp({
  db,
  config,
  rateLimiter = new RateLimiter(db),
  mailer = createMailer(config),
  logger = silentLogger,
  index,
  metrics = new Metrics({ db, index }),
  replicas,
  pageCache = config.pageCache ? new PageCache(db, undefined, replicas ? FRESH_WRITE_SECONDS * 1000 : 0) : false,
  hits = new HitBuffer(db),
  settings = new SettingsStore(db),
  clock,
}: AppOptions) {
  const app = new Hono<AppEnv>();
  const deps = {
    db,
    config,
    rateLimiter,
    mailer,
    logger,
    settings,
    blurbExtras: [readingsBlurbExtra],
    ownNotices: [collectionItemsNotice],
    // The post and edit forms' fields of other domains, in the order their writes run.
    workFormExtras: [collectionsFormExtra, promptFillFormExtra],
    replicas,
    recentWriters: new RecentWriters(),
    clock,
  };
  // Loaded now rather than by the first request; a failure (a database not yet migrated) is tried again then.
  settings.current().catch(() => undefined);
  if (replicas) shareMemoryIndex(replicas.db, db); // listings on a replica still answer from the in-memory index
  const baseOrigin = new URL(config.baseUrl).origin;
  const { concurrency, queue } = config.listingAdmission;
  const listingGate = concurrency > 0 ? new AdmissionGate(concurrency, queue) : null;

  // First, so that every later line of a request names its id and the metrics time the whole of it.
  app.use('*', requestLogging(logger));
  app.use('*', warnOfLoopbackBaseUrl(config, logger));
  app.use('*', metrics.middleware());
  // Pages, feeds and JSON leave gzipped (or deflated) for clients that ask, with Vary: Accept-Encoding;
  // downloads that are already zipped (EPUB) and small answers go as they are.
  app.use('*', compress());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', rememberWrites); // a writer reads from the primary for a few seconds (src/web/read-db.ts)
  if (pageCache) app.use('*', servePageCache(pageCache, hits));
  // c.get('site'), and the admin's archive name on the request's config — not for the load balancer's and
  // Prometheus' questions, which must be answered while the database is down or not yet migrated.
  app.use('*', (c, next) => (OPS_PATHS.has(c.req.path) ? next() : loadSiteSettings(c, next)));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        renderMessage(
          c,
          413,
          'Too much at once',
          `That request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB. Split a long work into chapters or import fewer files at a time.`,
        ),
    }),
  );
  // Every state change outside the API needs this archive's Origin, whatever its content type: hono's csrf()
  // checked form bodies only, so a JSON-typed POST without Origin reached the routes. Browsers send Origin
  // with every POST (and the form pages have always required it), so no Referer fallback is needed.
  // The API authenticates with tokens and never reads cookies: a cross-site request has nothing to borrow there.
  app.use('*', async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || isTokenPath(c.req.path)) return next();
    // RFC 8058 one-click unsubscribe: mail clients POST without Origin; the signed link alone decides (no cookies).
    if (c.req.path === UNSUBSCRIBE_PATH) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && (origin === new URL(c.req.url).origin || origin === baseOrigin)) return next();
    // Under `Referrer-Policy: no-referrer` (our secure headers) Chromium sends `Origin: null` even on a same-origin
    // form post; its Sec-Fetch-Site, which no page can set, still says same-origin (as hono's csrf() accepted).
    if (c.req.header('sec-fetch-site') === 'same-origin') return next();
    throw new HTTPException(403, { message: 'Forbidden' });
  });
  // Before loadViewer: a health check or a scrape reads no session.
  app.route('/', opsRoutes({ db, index, metrics, replicas }));
  // Before the viewer is loaded, so a reader waiting for a place holds nothing; writes and log-ins pass straight by.
  if (listingGate) app.use('*', admitReads(listingGate));
  app.use('*', loadViewer);
  app.use('*', refuseSuspendedWrites); // a suspension takes away every form's writing (src/moderation)
  // Every form route at once: a body that is not a readable form is a 400, not a 500 from inside the route.
  app.use('*', async (c, next) =>
    SAFE_METHODS.has(c.req.method) || isTokenPath(c.req.path) ? next() : readableFormBody(c, next),
  );
  app.use('*', settingsGuards); // downloads off, guest comments off, new accounts' wait, new terms to accept

  app.get(REMOTE_IMAGES_SCRIPT_PATH, (c) =>
    c.body(remoteImagesScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  // The icon every page links, and /favicon.ico, which browsers and feed readers ask for unprompted (a PNG
  // inside: every browser reads it so).
  app.get('/favicon.svg', (c) =>
    c.body(faviconSvg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }),
  );
  for (const iconPath of ['/favicon.png', '/favicon.ico']) {
    app.get(iconPath, (c) =>
      c.body(new Uint8Array(faviconPng), 200, {
        'content-type': 'image/png',
        'cache-control': 'public, max-age=86400',
      }),
    );
  }
  app.get('/assets/quire.css', (c) =>
    c.body(stylesheet, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );

  app.route('/', pseudIconRoutes); // /pseud-icons/:file
  app.route('/', tosRoutes); // /tos/accept, before the home routes' /tos
  app.route('/', homeRoutes);
  app.route('/', reportRoutes); // /reports, /reports/new
  app.route('/', adminRoutes); // /admin, the admin area's home
  app.route('/', adminDeleteAccountRoutes); // /admin/users/:name/delete, before moderation's /admin/users/:name/:action
  app.route('/', moderationRoutes); // /admin/reports…, /admin/works/:id…, /admin/users/:name…, /admin/log
  app.route('/', workEditRoutes); // /admin/works/:id/edit: a moderator's edit of its tags, rating, warnings, language
  app.use('/users/*', formerNameRedirect); // a renamed account's old /users/NAME/… links
  app.route('/', accountRoutes);
  app.route('/', orphaningRoutes); // /users/:name/orphan, /users/:name/pseuds/:id/edit|delete
  app.route('/', deleteAccountRoutes); // /users/:name/delete
  app.route('/', dataExportRoutes); // /users/:name/export…: a member's data export
  app.route('/', tokenRoutes);
  app.route('/', inboxRoutes); // /users/:name/inbox: the inbox is the comments domain's
  app.route('/', readingsRoutes); // /users/:name/readings… and /readings/…: a member's history is the readings domain's
  app.route('/', userRoutes);
  app.route('/', blockingRoutes); // /users/:name/block, /mute, /blocked, /muted
  app.route('/', seriesRoutes); // /series/:id…, and /users/:name/series
  app.route('/', subscriptionRoutes); // /subscriptions…, and /users/:name/subscriptions
  app.route('/', importRoutes);
  app.route('/', chapterRoutes);
  app.route('/', postingRoutes);
  app.route('/', commentRoutes);
  app.route('/', commentManageRoutes);
  app.use('/downloads/*', viewerFromCredentials); // e-reader apps download with an app password, API clients with a token
  app.route('/', downloadRoutes);
  app.route('/', feedRoutes);
  app.route('/', collectionFeedRoutes); // /collections/:name/works.atom
  app.route('/', opdsRoutes);
  app.route('/', kosyncRoutes); // /kosync/…: KOReader's progress sync server
  app.route('/', koreaderKeyRoutes); // /preferences/koreader
  app.route('/api/v1', apiRoutes); // its own middleware: tokens, not cookies (src/api/middleware.ts)
  app.route('/', searchRoutes); // /works/search and saved filters, before /works/:id takes "search" for a work id
  app.route('/', kudosRoutes); // /works/:id/kudos and /assets/kudos.js
  app.route('/', bookmarkRoutes); // /works/:id/bookmarks/new, /series/:id/bookmarks/new, /bookmarks/:id
  app.route('/', bookmarkListingRoutes); // /bookmarks, /works|series/:id/bookmarks, /tags/:slug/bookmarks, /users/:name/bookmarks
  app.route('/', externalWorkRoutes); // /external_works/new, /external_works/:id
  app.route('/', bookmarkListRoutes); // /users/:name/lists, /lists/:id
  app.route('/', collectionRoutes); // /collections…
  app.route('/', collectionManageRoutes); // /collections/:name/items…, /works/:id/collections, /collection-items
  app.route('/', collectionIconRoutes); // /collections/:name/icon, /collection-icons/:file
  app.route('/', collectionSettingsRoutes); // /collections/:name/edit, …/participants, …/people/:userId/remove
  app.route('/', memeSettingsRoutes); // /collections/:name/prompt_meme
  app.route('/', promptRoutes); // /collections/:name/prompts…
  app.route('/', claimRoutes); // …/prompts/:id/claim, /prompt_claims/:id/delete, /users/:name/claims
  app.route('/', workRoutes(readingExtras));
  app.route('/', tagAutocompleteRoutes); // before the tag page, so "autocomplete" is no tag name
  app.route('/', tagPageRoutes);
  app.route('/', mediaRoutes);
  app.route('/', wranglingRoutes);
  app.route('/', wranglerAdminRoutes);
  app.route('/', tagWorksRoutes);
  app.route('/', settingsRoutes); // /admin/settings
  app.route('/', bannerRoutes); // /banner/dismiss
  app.route('/', invitationRoutes); // /invite_requests, /admin/invitations, /invitations
  app.route('/', newsRoutes); // /admin_posts…, its feed and comments
  app.route('/', tagSetRoutes); // /tag_sets…

  app.notFound((c) => renderMessage(c, 404, 'Not found', 'There is nothing at this address.'));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      if (error.status === 403) {
        return renderMessage(c, 403, 'Refused', 'This request came from another site, so it was refused.');
      }
      return error.getResponse();
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return renderMessage(
      c,
      500,
      'Something went wrong',
      'The archive hit an error. Nothing you sent was half-saved; please try again.',
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
