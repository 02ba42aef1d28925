/** `quire serve`: migrates, then serves the archive over HTTP (what `npm start` runs). */
import { serve } from '@hono/node-server';
import { countUsers } from '../../accounts/queries.ts';
import { loadConfig, type Config } from '../../config.ts';
import { sqliteFileIn } from '../../db/connect.ts';
import type { Db } from '../../db/database.ts';
import { createApp, type App } from '../../server.ts';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import { startBackground } from '../../background.ts';
import { startMemoryIndex, type WorkIndex } from '../../search/memory/work-index.ts';
import { openConfiguredDatabase, type Command } from '../command.ts';
import { createLogger, silentLogger, wantsPrettyLogs, type Logger } from '../../ops/logging.ts';
import { Metrics } from '../../ops/metrics.ts';

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
): ServedArchive {
  const index = startMemoryIndex(db); // listings' in-memory work index, built in the background (src/search/memory)
  const metrics = new Metrics({ db, index, withProcessMetrics: logger !== silentLogger });
  const app = createApp({ db, config, mailer, logger, index, metrics });
  // Jobs and outbox events (mail after commit, filter updates after wrangling a busy tag), the hourly purge.
  const jobs = startBackground(
    db,
    { mailer, config },
    logger === silentLogger ? {} : { log: (message, error) => logger.error({ err: error }, String(message)) },
  );
  return {
    app,
    index,
    stop: async () => {
      metrics.close();
      await jobs.stop();
    },
  };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the archive over HTTP (what npm start runs)',
  help: `Usage: quire serve

Applies pending migrations, then serves the archive at QUIRE_BASE_URL
(default http://localhost:3000). Settings come from the environment:
PORT, QUIRE_DATA_DIR, DATABASE_URL, QUIRE_BASE_URL, QUIRE_SMTP_URL,
QUIRE_MAIL_FROM, QUIRE_METRICS_TOKEN (see the README).

Logs one JSON line per request (method, route, status, ms, reqId) and
per error on stdout; readable lines in a terminal or under npm run dev
(QUIRE_LOG_FORMAT=json or pretty chooses). Health checks: /healthz,
/readyz; Prometheus metrics: /metrics.`,
  async run() {
    const config = loadConfig();
    const db = await openConfiguredDatabase(config);
    const mailer = createMailer(config);
    const logger = createLogger({ pretty: wantsPrettyLogs() });
    const archive = startServedArchive(db, config, mailer, logger);
    const server = serve({ fetch: archive.app.fetch, port: config.port }, () => {
      const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : sqliteFileIn(config.dataDir);
      logger.info({ port: config.port, data: where }, `Quire is serving ${config.baseUrl}`);
      if (!mailer.isConfigured) {
        logger.warn(
          'Mail is not configured (set QUIRE_SMTP_URL): emails such as password reset links are printed here.',
        );
      }
    });
    if ((await countUsers(db)) === 0) {
      logger.info(
        [
          'This archive has no accounts yet. Create the first (admin) account either way:',
          `  - open ${config.baseUrl}/signup — the first account on an empty archive is an admin, or`,
          '  - run: npx quire user create USERNAME --email you@example.org --admin',
          'Or run `npx quire seed --demo` to load a demo.',
        ].join('\n'),
      );
    }
    const stop = () => {
      server.close();
      void archive
        .stop()
        .then(() => db.destroy())
        .then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => {}); // runs until stopped
  },
};
