/**
 * Gets the file for one download: from the cache when this version of the
 * work was built before, otherwise loads the work, builds the format and
 * caches it. MOBI and AZW3 are converted by Calibre from the cached EPUB.
 */
import type { Database } from '../db/database.ts';
import { buildEpub } from './build-epub.ts';
import { buildHtml } from './build-html.ts';
import { buildTxt } from './build-txt.ts';
import { DownloadCache, type CacheEntry } from './cache.ts';
import { convertWithCalibre } from './calibre.ts';
import type { DownloadableWork } from './downloadable-work.ts';
import type { DownloadFormat } from './formats.ts';
import { loadDownloadableWork, type ArchiveFacts } from './queries.ts';

/** The bytes of `work` in a format we build ourselves. */
export async function buildFormat(
  work: DownloadableWork,
  format: Exclude<DownloadFormat, 'mobi' | 'azw3'>,
): Promise<Uint8Array | string> {
  switch (format) {
    case 'html':
      return buildHtml(work);
    case 'epub':
      return buildEpub(work);
    case 'pdf': {
      // PDFKit and its fonts' code are the heaviest module the server has: loaded when a PDF is first asked for.
      const { buildPdf } = await import('./build-pdf.ts');
      return buildPdf(work);
    }
    case 'txt':
      return buildTxt(work);
  }
}

export interface DownloadRequest {
  db: Database;
  cache: DownloadCache;
  archive: ArchiveFacts;
  workId: number;
  revisedAt: string;
  /** When the work was last re-indexed (a renamed tag changes the file without an edit); null before. */
  indexedAt?: string | null;
  format: DownloadFormat;
}

/** A cached file depends on the work's version and on the archive's name and address printed in it. */
function cacheEntry(request: Omit<DownloadRequest, 'db' | 'cache'>, format: DownloadFormat): CacheEntry {
  return {
    workId: request.workId,
    format,
    versionParts: [request.revisedAt, request.indexedAt ?? '', request.archive.baseUrl, request.archive.archiveName],
  };
}

/** The path of the cached file for the request, built first when needed. */
export async function downloadFile(request: DownloadRequest): Promise<string> {
  const { db, cache, archive, workId } = request;
  const entry = (format: DownloadFormat) => cacheEntry(request, format);
  // Loaded at most once per request, and only when something must be built.
  let loaded: Promise<DownloadableWork> | undefined;
  const work = () =>
    (loaded ??= loadDownloadableWork(db, workId, archive).then((w) => {
      if (!w) throw new Error(`work ${workId} disappeared while its download was built`);
      return w;
    }));

  const format = request.format;
  if (format === 'mobi' || format === 'azw3') {
    const epub = await cache.getOrBuild(entry('epub'), async (to) => DownloadCache.write(to, buildEpub(await work())));
    return cache.getOrBuild(entry(format), (to) => convertWithCalibre(epub, to));
  }
  return cache.getOrBuild(entry(format), async (to) =>
    DownloadCache.write(to, await buildFormat(await work(), format)),
  );
}

/** Whether the file for the request is already cached (so serving it costs no build). */
export function isCached(request: Omit<DownloadRequest, 'db'>): Promise<boolean> {
  return request.cache.has(cacheEntry(request, request.format));
}
