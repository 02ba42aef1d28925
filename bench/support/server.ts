/**
 * What the HTTP benches share: the real server (bench/browse-server.ts) in
 * its own process on loopback, its memory read from /proc, and percentiles.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** Resident and peak resident memory of a process, in MB, from /proc. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export interface BenchServer {
  base: string;
  pid: number;
  /** How long the in-memory work index took to build, in ms. */
  indexMs: number;
  /** What the server's index has caught up from the change log since its build (after `askCaughtUp`). */
  caughtUp: { reloaded: number; countersPatched: number } | null;
  /** Asks the server to print its index's catch-up counts; resolves when they arrive. */
  askCaughtUp(): Promise<{ reloaded: number; countersPatched: number } | null>;
  stop(): void;
}

export async function startServer(options: {
  dataDir: string;
  databaseUrl?: string;
  cpuProfileDir?: string;
  /** More environment for the server, e.g. QUIRE_SEARCH_MEMORY=0 for the SQL path alone, QUIRE_PAGE_CACHE=off. */
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.resolve('bench/browse-server.ts')], {
    env: {
      ...process.env,
      QUIRE_DATA_DIR: options.dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let waiting: ((value: BenchServer['caughtUp']) => void) | null = null;
  const server: BenchServer = {
    base: '',
    pid: child.pid!,
    indexMs: 0,
    caughtUp: null,
    askCaughtUp: () =>
      new Promise((resolve) => {
        waiting = resolve;
        child.kill('SIGUSR2');
      }),
    stop: () => child.kill('SIGTERM'),
  };
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      const index = /index (\d+)/.exec(text);
      if (index) server.indexMs = Number(index[1]);
      const caughtUp = /caught-up (\{.*\})/.exec(text);
      if (caughtUp) {
        server.caughtUp = JSON.parse(caughtUp[1]);
        waiting?.(server.caughtUp);
        waiting = null;
      }
      const match = /listening (\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
  });
  server.base = `http://127.0.0.1:${port}`;
  return server;
}
