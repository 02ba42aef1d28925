/**
 * Run as a script by serve.test.ts: the real `quire serve` process (one
 * worker) with one extra route, /test-slow, that answers only a while after
 * the process has been told to stop — a request caught in flight by SIGTERM.
 */
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../ops/logging.ts';
import { openConfiguredDatabase } from '../command.ts';
import { serveOneProcess } from './serve.ts';

const config = loadConfig();
const db = await openConfiguredDatabase(config);
let stopped = false;
process.prependListener('SIGTERM', () => {
  stopped = true;
});
await serveOneProcess({
  config,
  db,
  logger: createLogger({ pretty: false }),
  withJobs: true,
  beforeServe: (app) =>
    app.get('/test-slow', async (c) => {
      console.log('slow request started');
      while (!stopped) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 800)); // still in flight after the drain began
      return c.text('finished');
    }),
});
