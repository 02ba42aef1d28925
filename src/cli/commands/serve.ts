/** `quire serve`: migrates, then serves the archive over HTTP (what `npm start` runs). */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import os from 'node:os';
import { serve } from '@hono/node-server';
import { countUsers } from '../../accounts/queries.ts';
import { loadConfig, type Config } from '../../config.ts';
import { openDatabase, sqliteFileIn } from '../../db/connect.ts';
import type { Db } from '../../db/database.ts';
import { openReplicas } from '../../db/replicas.ts';
import { createApp, type App } from '../../server.ts';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import { startBackground } from '../../background.ts';
import { startMemoryIndex, type WorkIndex } from '../../search/memory/work-index.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';
import { createLogger, silentLogger, wantsPrettyLogs, type Logger } from '../../ops/logging.ts';
import { Metrics } from '../../ops/metrics.ts';
import { HitBuffer } from '../../pagecache/hit-buffer.ts';

export interface ServedArchive {
  app: App;
  /** The listings' in-memory work index (undefined when QUIRE_SEARCH_MEMORY=0); it builds in the background. */
  index: WorkIndex | undefined;
  /** Stops the job runner, letting a running job finish. */
  stop(): Promise<void>;
}

/**
 * The archive as `quire serve` runs it — the app, the background job runner
 * and the in-memory work index — so the browser tests serve the same thing.
 */
export function startServedArchive(
  db: Db,
  config: Config,
  mailer: Mailer = createMailer(config),
  logger: Logger = silentLogger,
  { withJobs = true }: { withJobs?: boolean } = {},
): ServedArchive {
  const index = startMemoryIndex(db); // listings' in-memory work index, built in the background (src/search/memory)
  const metrics = new Metrics({ db, index, withProcessMetrics: logger !== silentLogger });
  // Streaming replicas for lag-tolerant reads (DATABASE_REPLICA_URLS); listings still answer from `index`.
  const replicas = openReplicas(config.databaseUrl, config.replicaUrls);
  const hits = new HitBuffer(db); // cached guests' hits, written a second later: the last ones as it stops
  const app = createApp({ db, config, mailer, logger, index, metrics, replicas, hits });
  // Jobs and outbox events (mail after commit, filter updates after wrangling a busy tag), the hourly purge.
  // Under --workers N only one worker runs them (see serveCluster).
  const jobs = withJobs
    ? startBackground(
        db,
        { mailer, config },
        logger === silentLogger ? {} : { log: (message, error) => logger.error({ err: error }, String(message)) },
      )
    : { stop: async () => {} };
  return {
    app,
    index,
    stop: async () => {
      metrics.close();
      await hits.flush();
      await jobs.stop();
      await replicas?.destroy();
    },
  };
}

/** How many server processes `quire serve` runs: --workers, else QUIRE_WORKERS, else one per core. */
export function workerCount(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = flag ?? env.QUIRE_WORKERS;
  if (raw === undefined || raw === '') return os.availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new UsageError(`--workers (or QUIRE_WORKERS) must be a whole number from 1 to 256, not "${raw}"`);
  }
  return n;
}

/** Set on the one worker that runs the job runner and the hourly schedule. */
const JOBS_WORKER_ENV = 'QUIRE_WORKER_RUNS_JOBS';

/**
 * One server process: the app on the port, and (unless `withJobs` is false)
 * the job runner. SIGTERM or SIGINT drains it: it stops accepting, lets
 * in-flight requests finish, stops the jobs, closes the database and exits.
 * `beforeServe` lets a test add a route to the real app.
 */
export async function serveOneProcess(options: {
  config: Config;
  db: Db;
  logger: Logger;
  withJobs: boolean;
  beforeServe?: (app: App) => void;
}): Promise<void> {
  const { config, db, logger } = options;
  const mailer = createMailer(config);
  const archive = startServedArchive(db, config, mailer, logger, { withJobs: options.withJobs });
  options.beforeServe?.(archive.app);
  const server = serve({ fetch: archive.app.fetch, port: config.port }, () => {
    if (cluster.isWorker) {
      logger.info({ workerPid: process.pid, jobs: options.withJobs }, 'worker listening');
      return;
    }
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : sqliteFileIn(config.dataDir);
    logger.info({ port: config.port, data: where }, `Quire is serving ${config.baseUrl}`);
    if (!mailer.isConfigured) {
      logger.warn('Mail is not configured (set QUIRE_SMTP_URL): emails such as password reset links are printed here.');
    }
  });
  if (!cluster.isWorker) await greetEmptyArchive(db, config, logger);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // close() stops accepting and waits for requests in flight; idle keep-alive connections are closed as
    // they become idle, and after 30 s whatever is left is cut.
    const idle = setInterval(() => (server as Server).closeIdleConnections(), 100);
    const cut = setTimeout(() => (server as Server).closeAllConnections(), 30_000);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      void archive
        .stop()
        .then(() => db.destroy())
        .then(() => process.exit(0));
    });
    (server as Server).closeIdleConnections();
    // Logged once the port is closed to this process, so a reader of the log may count on it.
    logger.info({ pid: process.pid }, 'draining: no new connections, finishing requests in flight');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (cluster.isWorker) cluster.worker?.on('disconnect', stop);
}

async function greetEmptyArchive(db: Db, config: Config, logger: Logger): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  logger.info(
    [
      'This archive has no accounts yet. Create the first (admin) account either way:',
      `  - open ${config.baseUrl}/signup — the first account on an empty archive is an admin, or`,
      '  - run: npx quire user create USERNAME --email you@example.org --admin',
      'Or run `npx quire seed --demo` to load a demo.',
    ].join('\n'),
  );
}

/**
 * The primary of `quire serve --workers N`: migrates once, then forks N
 * workers that share the port (node:cluster hands connections round-robin).
 * Each worker opens its own database and builds its own in-memory index.
 * Worker 1 alone runs the job runner and the hourly schedule: the queue would
 * claim safely from all, but on SQLite N pollers only contend for the one
 * writer; the schedule's once-keys keep it to one queueing per hour anyway.
 * A worker that dies is replaced, after a backoff that doubles (to 30 s) while
 * workers keep dying young. SIGTERM/SIGINT: each worker drains; the primary
 * exits when all have.
 */
async function serveCluster(config: Config, logger: Logger, workers: number): Promise<void> {
  const db = await openConfiguredDatabase(config); // the migrations, once, before any worker starts
  await greetEmptyArchive(db, config, logger);
  await db.destroy();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : sqliteFileIn(config.dataDir);
  logger.info(
    { port: config.port, data: where, workers, primaryPid: process.pid },
    `Quire is serving ${config.baseUrl}`,
  );
  if (!createMailer(config).isConfigured) {
    logger.warn('Mail is not configured (set QUIRE_SMTP_URL): emails such as password reset links are printed here.');
  }

  let stopping = false;
  let quickDeaths = 0;
  const startWorker = (slot: number) => {
    // Slot 0 runs the jobs; a replacement takes its slot.
    const worker = cluster.fork({ [JOBS_WORKER_ENV]: slot === 0 ? '1' : '0' });
    const startedAt = Date.now();
    worker.on('exit', (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          logger.info('all workers have stopped');
          process.exit(0);
        }
        return;
      }
      quickDeaths = Date.now() - startedAt < 30_000 ? quickDeaths + 1 : 0;
      const delay = Math.min(30_000, 100 * 2 ** quickDeaths);
      logger.error(
        { workerPid: worker.process.pid, code, signal, restartInMs: delay },
        'a worker died; starting another',
      );
      setTimeout(() => {
        if (!stopping) startWorker(slot);
      }, delay).unref();
    });
  };
  for (let slot = 0; slot < workers; slot++) startWorker(slot);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping: each worker finishes its requests in flight');
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the archive over HTTP (what npm start runs)',
  help: `Usage: quire serve [--workers N]

Applies pending migrations, then serves the archive at QUIRE_BASE_URL
(default http://localhost:3000). Settings come from the environment:
PORT, QUIRE_DATA_DIR, DATABASE_URL, QUIRE_BASE_URL, QUIRE_SMTP_URL,
QUIRE_MAIL_FROM, QUIRE_METRICS_TOKEN (see the README).

--workers N (or QUIRE_WORKERS; default: one per CPU core) runs N server
processes behind the one port; 1 runs a single process. A worker that dies
is restarted; SIGTERM lets requests in flight finish before exiting.

Logs one JSON line per request (method, route, status, ms, reqId) and
per error on stdout; readable lines in a terminal or under npm run dev
(QUIRE_LOG_FORMAT=json or pretty chooses). Health checks: /healthz,
/readyz; Prometheus metrics: /metrics.`,
  async run(args) {
    const config = loadConfig();
    const logger = createLogger({ pretty: wantsPrettyLogs() });
    if (cluster.isWorker) {
      // Migrated by the primary: open without migrating again.
      const db = openDatabase(
        config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
      );
      await serveOneProcess({ config, db, logger, withJobs: process.env[JOBS_WORKER_ENV] === '1' });
      return new Promise<number>(() => {}); // runs until stopped
    }
    const { values } = parseCommandArgs({ args, options: { workers: { type: 'string' } }, strict: true });
    const workers = workerCount(values.workers);
    if (workers === 1) {
      const db = await openConfiguredDatabase(config);
      await serveOneProcess({ config, db, logger, withJobs: true });
    } else {
      await serveCluster(config, logger, workers);
    }
    return new Promise<number>(() => {}); // runs until stopped
  },
};
