/**
 * The real `quire serve` as a child process, for benches that measure it from outside: on a free loopback
 * port, against a data folder or PostgreSQL, ready once every worker answers `/readyz` (its in-memory index
 * built). `production` runs the build in dist/ through bin/quire.js, as `npm start` and a systemd unit do;
 * otherwise the TypeScript through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface QuireProcess {
  base: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the process to end (it drains its connections first). */
  stop: () => Promise<void>;
}

export async function startQuire(options: {
  workers: number;
  dataDir: string;
  databaseUrl?: string;
  production?: boolean;
  env?: Record<string, string>;
}): Promise<QuireProcess> {
  const port = await freePort();
  const command = options.production
    ? [path.resolve('bin/quire.js'), 'serve', '--workers', String(options.workers)]
    : ['--import', 'tsx', path.resolve('src/cli/main.ts'), 'serve', '--workers', String(options.workers)];
  const child = spawn(process.execPath, command, {
    env: {
      ...process.env,
      PORT: String(port),
      QUIRE_DATA_DIR: options.dataDir,
      QUIRE_LOG_FORMAT: 'json',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // Ready when every worker's index is built: many /readyz answers in a row say so (connections go round-robin).
  let readyInARow = 0;
  while (readyInARow < options.workers * 10) {
    if (child.exitCode !== null) throw new Error(`quire serve exited (${child.exitCode})`);
    const status = await fetch(`${base}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    readyInARow = status === 200 ? readyInARow + 1 : 0;
    if (status !== 200) await sleep(200);
  }
  return {
    base,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
