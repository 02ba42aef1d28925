/**
 * Runs download builds off the request thread, each in its own worker
 * thread with a memory bound (V8 heap limits) and a time bound (the worker
 * is terminated), so no work — however long its words or chapters — can
 * stop the server answering other requests (issue 14). A build over either
 * bound fails with `DownloadBuildError`, which the route shows as "this
 * download could not be made". At most a few builds run at once; the rest
 * wait their turn, since each may use its full memory bound.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuiltFormat } from './build-format.ts';
import type { BuildJob, BuildReply } from './build-worker.ts';
import type { DownloadableSeries } from './build-series-epub.ts';
import type { DownloadableWork } from './downloadable-work.ts';

export interface BuildLimits {
  /** Wall-clock time one build may take, once started. */
  timeoutMs: number;
  /** The V8 heap (old generation) one build may use. */
  memoryMb: number;
}

/** A build went over its bounds or failed: nothing was cached, and `reason` says why for the reader. */
export class DownloadBuildError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/**
 * Under tsx or vitest the worker is TypeScript and needs tsx's loader;
 * compiled, it is plain JavaScript. Node 20 does not apply `--import` loader
 * hooks given in a worker's execArgv, so a small bootstrap registers tsx
 * inside the worker (as bin/quire.js does for the CLI) and then imports it.
 */
const isTypeScript = import.meta.url.endsWith('.ts');
const workerUrl = new URL(`./build-worker.${isTypeScript ? 'ts' : 'js'}`, import.meta.url).href;
const bootstrap = isTypeScript
  ? `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`
  : `import(${JSON.stringify(workerUrl)})`;

/** tsx's ESM register API, found through its package.json exports (bare names do not resolve from an eval'd worker). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
}

const MAX_PARALLEL = Math.max(1, Math.min(2, os.availableParallelism() - 1));
let running = 0;
const waiting: Array<() => void> = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** The bytes of `work` in `format`, built in a worker within `limits`. */
export async function buildOffThread(
  work: DownloadableWork,
  format: BuiltFormat,
  limits: BuildLimits,
): Promise<Uint8Array> {
  const done = await turn();
  try {
    return await runWorker({ work, format }, limits);
  } finally {
    done();
  }
}

/** A whole series as one EPUB, built in a worker within `limits`, taking its turn with work downloads. */
export async function buildSeriesOffThread(series: DownloadableSeries, limits: BuildLimits): Promise<Uint8Array> {
  const done = await turn();
  try {
    return await runWorker({ series, format: 'epub' }, limits);
  } finally {
    done();
  }
}

function runWorker(job: BuildJob, limits: BuildLimits): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new DownloadBuildError(
              `Making this file took longer than ${formatSeconds(limits.timeoutMs)}, the most this archive allows.`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (reply: BuildReply) =>
      settle(() =>
        reply.ok
          ? resolve(reply.bytes)
          : reject(new DownloadBuildError('The file could not be made from this work.', { cause: reply.message })),
      ),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DownloadBuildError(
                `Making this file needed more than the ${limits.memoryMb} MB of memory this archive allows.`,
              )
            : new DownloadBuildError('The file could not be made from this work.', { cause: error }),
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new DownloadBuildError('The file could not be made from this work.', { cause: code }))),
    );
  });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
