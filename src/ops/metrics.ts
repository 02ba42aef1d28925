/**
 * The archive's Prometheus metrics, in a registry of the app's own (tests
 * build many apps; the global registry would refuse a second counter of the
 * same name): requests and their latency by route pattern, database query
 * time, the in-memory index's size and lag behind the change log, the job
 * queue by status and mail that failed for good. The gauges are read from
 * the database when scraped, not kept up to date between scrapes.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MiddlewareHandler } from 'hono';
import { timeQueries } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import { countFailedJobsOfKind, countJobsByStatus } from '../jobs/queries.ts';
import { MAIL_JOB } from '../outbox/mail.ts';
import { latestChangeId } from '../search/memory/queries.ts';
import type { WorkIndex } from '../search/memory/work-index.ts';
import { routeLabel } from './route-label.ts';

/** Any other method a client invents is counted as `other`, keeping the label's values few. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface MetricsOptions {
  db: Db;
  /** The process's in-memory work index, when it keeps one. */
  index?: WorkIndex | undefined;
  /** Node's process metrics (memory, CPU, event-loop delay): on under `quire serve`, off in tests. */
  withProcessMetrics?: boolean;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly stopTiming: () => void;

  constructor({ db, index, withProcessMetrics = false }: MetricsOptions) {
    const registers = [this.registry];
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'quire_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'quire_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const queries = new Histogram({
      name: 'quire_db_query_duration_seconds',
      help: 'Time each database query took (Kysely log), by outcome.',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers,
    });
    this.stopTiming = timeQueries(db, (ms, failed) => queries.observe({ outcome: failed ? 'error' : 'ok' }, ms / 1000));
    if (index) this.indexGauges(db, index);
    new Gauge({
      name: 'quire_jobs',
      help: 'Background jobs in the queue, by status.',
      labelNames: ['status'],
      registers,
      async collect() {
        for (const [status, count] of Object.entries(await countJobsByStatus(db))) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'quire_mail_failed',
      help: 'Mail jobs that failed for good (their last_error says why).',
      registers,
      async collect() {
        this.set(await countFailedJobsOfKind(db, MAIL_JOB));
      },
    });
  }

  private indexGauges(db: Db, index: WorkIndex): void {
    const registers = [this.registry];
    new Gauge({
      name: 'quire_search_index_ready',
      help: '1 when the in-memory listing index is built.',
      registers,
      collect() {
        this.set(index.isReady ? 1 : 0);
      },
    });
    new Gauge({
      name: 'quire_search_index_works',
      help: 'Works held in the in-memory listing index.',
      registers,
      collect() {
        this.set(index.workCount);
      },
    });
    new Gauge({
      name: 'quire_search_index_lag_changes',
      help: 'Change-log entries written since the in-memory index last caught up (it catches up before each listing).',
      registers,
      async collect() {
        const position = index.changePosition;
        if (position !== null) this.set(Math.max(0, (await latestChangeId(db)) - position));
      },
    });
  }

  /** Counts and times every request under its route pattern. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const stopTimer = this.latency.startTimer();
      await next();
      const route = routeLabel(c);
      const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'other';
      stopTimer({ method, route });
      this.requests.inc({ method, route, status: String(c.res.status) });
    };
  }

  /** Stops listening to the database's queries. */
  close(): void {
    this.stopTiming();
  }
}
