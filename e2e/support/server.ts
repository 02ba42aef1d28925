/**
 * The real archive for browser tests, started as `quire serve` starts it
 * (`startServedArchive`: the app, the background job runner and the
 * in-memory work index) and served over HTTP by @hono/node-server on a free
 * port, on a fresh migrated SQLite database, with QUIRE_BASE_URL set to the
 * address it listens on, and a real SMTP test server receiving its mail —
 * minus the terminal.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { startServedArchive, type ServedArchive } from '../../src/cli/commands/serve.ts';
import type { App } from '../../src/server.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/mail/smtp-test-server.test-helper.ts';
import { createTestDatabase } from '../../test/support/databases.ts';

export interface RunningArchive {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  origin: string;
  db: Db;
  /** Where the archive's mail goes (QUIRE_SMTP_URL): the messages, and a wait for one. */
  smtp: TestSmtpServer;
  url(pathname: string): string;
  stop(): Promise<void>;
}

export async function startArchive(): Promise<RunningArchive> {
  const [database, smtp] = await Promise.all([createTestDatabase('sqlite'), startTestSmtpServer()]);
  // The app is built once the port is known, so its base URL is the real origin.
  const built: { app?: App } = {};
  const server = serve({ fetch: (request, env) => built.app!.fetch(request, env), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    QUIRE_BASE_URL: origin,
    QUIRE_DATA_DIR: path.join(os.tmpdir(), 'quire-e2e-unused'),
    QUIRE_SMTP_URL: smtp.url,
  });
  const served: ServedArchive = startServedArchive(database.db, config);
  built.app = served.app;
  // A running archive has built its index a moment after start; wait for it, so listings answer from memory.
  await served.index?.build();
  if (served.index && !served.index.isReady) throw new Error(`the work index did not build: ${served.index.lastError}`);

  return {
    origin,
    db: database.db,
    smtp,
    url: (pathname) => `${origin}${pathname}`,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections from Chromium would otherwise hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await served.stop();
      await database.destroy();
      await smtp.close();
    },
  };
}
