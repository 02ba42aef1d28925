/**
 * Gets the file for one download: from the cache when this version of the
 * work was built before, otherwise loads the work, builds the format and
 * caches it. PDF and EPUB builds run in a worker thread within the request's limits
 * (`build-off-thread.ts`); MOBI and AZW3 are converted by Calibre, a
 * child process with its own time limit, from the cached EPUB.
 */
import type { Db } from '../db/database.ts';
import { buildFormat, type BuiltFormat } from './build-format.ts';
import { buildOffThread, DownloadBuildError, type BuildLimits } from './build-off-thread.ts';
import { DownloadCache, type CacheEntry } from './cache.ts';
import { convertWithCalibre } from './calibre.ts';
import type { DownloadableWork } from './downloadable-work.ts';
import type { DownloadFormat } from './formats.ts';
import { loadDownloadableWork, type ArchiveFacts } from './queries.ts';

/**
 * HTML and TXT are one linear pass over the text, cheaper than starting a
 * worker; PDF and EPUB lay out or zip the whole work and go to a worker.
 */
const IN_THREAD: readonly BuiltFormat[] = ['html', 'txt'];

export interface DownloadRequest {
  db: Db;
  cache: DownloadCache;
  archive: ArchiveFacts;
  workId: number;
  revisedAt: string;
  /** When the work was last re-indexed (a renamed tag changes the file without an edit); null before. */
  indexedAt?: string | null;
  format: DownloadFormat;
  /** How long and how large one build may grow (it runs in a worker thread). */
  limits: BuildLimits;
}

/** A cached file depends on the work's version and on the archive's name and address printed in it. */
function cacheEntry(request: Omit<DownloadRequest, 'db' | 'cache' | 'limits'>, format: DownloadFormat): CacheEntry {
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
    const epub = await cache.getOrBuild(entry('epub'), async (to) =>
      DownloadCache.write(to, await buildOffThread(await work(), 'epub', request.limits)),
    );
    return cache.getOrBuild(entry(format), (to) =>
      convertWithCalibre(epub, to).catch((error: unknown) => {
        throw new DownloadBuildError('Calibre could not convert this work, or took too long.', { cause: error });
      }),
    );
  }
  return cache.getOrBuild(entry(format), async (to) =>
    DownloadCache.write(
      to,
      IN_THREAD.includes(format)
        ? await buildFormat(await work(), format)
        : await buildOffThread(await work(), format, request.limits),
    ),
  );
}

/** Whether the file for the request is already cached (so serving it costs no build). */
export function isCached(request: Omit<DownloadRequest, 'db' | 'limits'>): Promise<boolean> {
  return request.cache.has(cacheEntry(request, request.format));
}
