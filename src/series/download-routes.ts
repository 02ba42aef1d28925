/**
 * GET /series/:id/download.epub — the whole series as one EPUB. The chain:
 * find the series as the viewer may know of it → keep the works they may
 * download (src/visibility's `whyCannotDownloadWork`), each with the
 * chapters they may read (`readableChapters`) → rate-limit the build → build
 * it off the request thread (downloads/build-off-thread.ts; over its bounds
 * it answers 503) → send it as an attachment. Not cached: each file is made
 * for one reader's view of the series.
 */
import { Hono } from 'hono';
import { buildSeriesOffThread, DownloadBuildError } from '../downloads/build-off-thread.ts';
import type { DownloadableSeries } from '../downloads/build-series-epub.ts';
import type { DownloadableWork } from '../downloads/downloadable-work.ts';
import { downloadFileName } from '../downloads/file-names.ts';
import { MIME_TYPES } from '../downloads/formats.ts';
import { loadDownloadableWork } from '../downloads/queries.ts';
import {
  CONCEALING_STATES,
  findWorkAccess,
  readableChapters,
  whyCannotDownloadWork,
  type WorkAccess,
} from '../visibility/index.ts';
import { clientAddress, type AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { tryAgainText, type RateLimitRule } from '../web/rate-limit.ts';
import { creatorLabel } from '../works/creator-links.tsx';
import { listSeriesCreators } from './queries.ts';
import { findSeriesFor, seriesNotFound } from './series-route-helpers.ts';

/** As for work downloads: a series file is built every time, so every request counts. */
export const BUILD_RULE: RateLimitRule = { limit: 30, windowMs: 10 * 60_000 };

export const seriesDownloadRoutes = new Hono<AppEnv>();

seriesDownloadRoutes.get('/series/:id{[0-9]+}/download.epub', async (c) => {
  const { db, config, rateLimiter } = c.get('deps');
  const viewer = c.get('viewer');
  const found = await findSeriesFor(c);
  if (!found) return seriesNotFound(c);

  const archive = { baseUrl: config.baseUrl, archiveName: config.archiveName };
  const works: DownloadableWork[] = [];
  const accesses: WorkAccess[] = [];
  for (const workId of found.workIds) {
    const access = await findWorkAccess(db, workId);
    // The series page shows a creator their drafts; a draft has no download, not even for them.
    if (!access || whyCannotDownloadWork(viewer, access)) continue;
    const work = await loadDownloadableWork(db, workId, archive, (chapters) =>
      readableChapters(chapters, viewer, access),
    );
    if (!work || !work.chapters.length) continue;
    works.push(work);
    accesses.push(access);
  }
  if (!works.length) return seriesNotFound(c);

  const wait = await rateLimiter.hit(`series-download:${clientAddress(c)}`, BUILD_RULE);
  if (wait) {
    c.header('retry-after', String(wait));
    return renderMessage(
      c,
      429,
      'Too many downloads',
      `You have downloaded many series in a short time. ${tryAgainText(wait)}`,
    );
  }

  // Naming the series' creators beside an anonymous work would say who wrote it.
  const conceals = accesses.some((a) => a.states.some((state) => CONCEALING_STATES.includes(state)));
  const series: DownloadableSeries = {
    id: found.series.id,
    url: `${config.baseUrl}/series/${found.series.id}`,
    archiveName: config.archiveName,
    title: found.series.title,
    creators: conceals ? [] : (await listSeriesCreators(db, found.series)).map(creatorLabel),
    summaryHtml: found.series.summary,
    notesHtml: found.series.notes,
    isComplete: found.series.isComplete,
    works,
  };
  let bytes: Uint8Array;
  try {
    bytes = await buildSeriesOffThread(series, config.downloadBuild);
  } catch (error) {
    if (!(error instanceof DownloadBuildError)) throw error;
    console.error(`download of series ${series.id} was not made:`, error.reason, error.cause ?? '');
    return renderMessage(c, 503, 'This download could not be made', `${error.reason} Read the works on their pages.`);
  }
  const fileName = `${downloadFileName(series.title, series.id)}.epub`;
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': MIME_TYPES.epub,
    'content-disposition': `attachment; filename="${fileName}"`,
    'content-length': String(bytes.length),
    // Restricted works must not sit in shared caches.
    'cache-control': 'private, no-cache',
  });
});
