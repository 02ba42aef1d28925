/**
 * The download worker's entry point: builds one file from the work snapshot
 * (or series) it is given and posts the bytes back. Started by `build-off-thread.ts`,
 * one worker per build, so a build that runs too long or too large can be
 * stopped without touching the server's own thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildFormat, type BuiltFormat } from './build-format.ts';
import type { DownloadableSeries } from './build-series-epub.ts';
import type { DownloadableWork } from './downloadable-work.ts';

/** One work in one format, or a whole series as one EPUB. */
export type BuildJob = { work: DownloadableWork; format: BuiltFormat } | { series: DownloadableSeries; format: 'epub' };

async function build(job: BuildJob): Promise<Uint8Array | string> {
  if ('series' in job) {
    const { buildSeriesEpub } = await import('./build-series-epub.ts');
    return buildSeriesEpub(job.series);
  }
  return buildFormat(job.work, job.format);
}

export type BuildReply = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

let reply: BuildReply;
try {
  const built = await build(workerData as BuildJob);
  // A copy that owns its whole buffer: Node's pooled Buffers cannot be transferred.
  reply = { ok: true, bytes: typeof built === 'string' ? new TextEncoder().encode(built) : new Uint8Array(built) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
// The bytes are moved, not copied: a PDF can be megabytes.
parentPort?.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
