/**
 * An admission limit on the expensive reads — listings and search — so a
 * flood of them cannot starve writes and log-ins. At most `limit` such GETs
 * run at once; up to `queue` more wait their turn in order; past that a
 * reader gets a fast 503 with Retry-After instead of a place at the back of
 * a queue minutes long. Every other request (posts, log-ins, a work page,
 * the API's writes) passes straight by.
 *
 * Why: on SQLite a listing's queries answer synchronously, so each listing
 * runs to its end without yielding; whenever a post or a log-in awaited
 * something (hashing a password, a file, a timer) the event loop first ran
 * every listing that had arrived meanwhile — 256 of them, a few seconds,
 * each time: a post took 36 s. Admitted here, at most `limit` listings run
 * between two of the post's steps, and the crowd past the queue is told to
 * come back instead of being served first (docs/PERFORMANCE.md, "Writes under
 * a flood of reads"). On PostgreSQL the limit keeps listings from holding
 * every pooled connection.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { renderMessage } from './layout.tsx';

/** Concurrency with a bounded, first-come queue. */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly limit: number,
    readonly queue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves to a release function once admitted, or to null at once when the queue is full. */
  async enter(): Promise<(() => void) | null> {
    if (this.running < this.limit) {
      this.running += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.queue) return null;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    // The place was handed over by the release that woke us: `running` already counts it.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }
}

/** The listing and search pages (HTML, feeds, OPDS and the API's listing): what a crowd of readers makes expensive. */
const EXPENSIVE_READS = [
  /^\/works\/?$/,
  /^\/works\/search\/?$/,
  /^\/tags\/[^/]+\/works\/?$/,
  /^\/users\/[^/]+\/works\/?$/,
  /^\/users\/[^/]+\/pseuds\/[^/]+\/works\/?$/,
  /^\/opds(\/|$)/,
  /^\/api\/v1\/works\/?$/,
  /^\/api\/v1\/tags\/[^/]+\/works\/?$/,
];

export function isExpensiveRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && EXPENSIVE_READS.some((pattern) => pattern.test(path));
}

export const RETRY_AFTER_SECONDS = 2;

/** Runs expensive reads through `gate`; everything else, writes and log-ins included, bypasses it. */
export function admitReads(gate: AdmissionGate): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isExpensiveRead(c.req.method, c.req.path)) return next();
    const release = await gate.enter();
    if (!release) {
      c.header('retry-after', String(RETRY_AFTER_SECONDS));
      if (c.req.path.startsWith('/api/')) {
        return c.json(
          {
            type: '/api/v1/docs#problem-busy',
            title: 'The archive is busy: try again after Retry-After seconds',
            status: 503,
            detail: `Too many listings are being read at once; try again in ${RETRY_AFTER_SECONDS} seconds.`,
          },
          503,
          { 'content-type': 'application/problem+json' },
        );
      }
      return renderMessage(
        c,
        503,
        'The archive is busy',
        `Many people are browsing right now. Try again in a few seconds; posting and logging in still work.`,
      );
    }
    try {
      // Start in a turn of its own. On SQLite (better-sqlite3 answers synchronously) a listing runs start to end
      // without giving the event loop back, so without this turn the admitted reads, and each queued one that a
      // release wakes, ran back to back while a post's next step, ready since, waited behind all of them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await next();
    } finally {
      release();
    }
  };
}
