/**
 * `quire serve` as an admin runs it, in child processes on a free port
 * against a temporary data folder: SIGTERM lets a request in flight finish
 * and refuses new connections; under --workers 2 a killed worker is replaced
 * while /healthz keeps answering.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workerCount } from './serve.ts';

const children: ChildProcess[] = [];
let lastOutput = '';
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (process.env.DEBUG_SERVE_TEST) console.log(lastOutput);
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a script under tsx; `output` collects its stdout, `waitFor` resolves on a line matching. */
function start(args: string[], port: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-serve-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), QUIRE_DATA_DIR: dataDir };
  env.QUIRE_LOG_FORMAT = 'json';
  delete env.DATABASE_URL;
  delete env.QUIRE_WORKERS;
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    lastOutput = output;
    for (const waiter of [...waiters]) {
      const match = output.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        const match = output.match(pattern);
        if (match) resolve(match);
        else waiters.push({ pattern, resolve });
      }),
  };
}

const workerPids = (text: string) =>
  [...text.matchAll(/"workerPid":(\d+)[^\n]*worker listening/g)].map((m) => Number(m[1]));

/** GET on a new connection each time (a pooled one may have gone to the killed worker). */
function healthz(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject)
      .setTimeout(15_000, function (this: http.ClientRequest) {
        this.destroy(new Error('no answer'));
      });
  });
}

async function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('quire serve', () => {
  it('finishes a request in flight on SIGTERM, refuses new connections, then exits 0', async () => {
    const port = await freePort();
    const server = start([path.resolve('src/cli/commands/serve-slow.test-helper.ts')], port);
    await server.waitFor(/Quire is serving/);
    const slow = fetch(`http://127.0.0.1:${port}/test-slow`);
    await server.waitFor(/slow request started/);
    server.child.kill('SIGTERM');
    await server.waitFor(/draining/);
    let settled = false;
    void slow.finally(() => (settled = true));
    expect(await connects(port)).toBe(false);
    expect(settled).toBe(false); // the refusal came while the slow request was still running
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('under --workers 2 replaces a killed worker while the others keep answering', async () => {
    const port = await freePort();
    const server = start([path.resolve('src/cli/main.ts'), 'serve', '--workers', '2'], port);
    await server.waitFor(/"workerPid":\d+[^\n]*worker listening[\s\S]*"workerPid":\d+[^\n]*worker listening/);
    const [victim, survivor] = workerPids(server.output());
    expect(survivor).toBeDefined();
    process.kill(victim, 'SIGKILL');
    // A connection handed to the victim as it died is lost with it; once the primary has seen the death,
    // every request is answered: by the survivor while the replacement starts, then by both.
    await server.waitFor(/a worker died; starting another/);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await healthz(port));
    await server.waitFor(
      /"workerPid":\d+[^\n]*worker listening[\s\S]*"workerPid":\d+[^\n]*worker listening[\s\S]*"workerPid":\d+[^\n]*worker listening/,
    );
    for (let i = 0; i < 10; i++) statuses.push(await healthz(port));
    expect(statuses.every((status) => status === 200)).toBe(true);
    const pids = workerPids(server.output());
    expect(pids).toHaveLength(3);
    expect(pids[2]).not.toBe(victim);
    expect(server.output()).toContain('a worker died; starting another');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('all workers have stopped');
  }, 40_000);

  it('reads the worker count from --workers, then QUIRE_WORKERS, else the cores', () => {
    expect(workerCount('3', {})).toBe(3);
    expect(workerCount(undefined, { QUIRE_WORKERS: '1' })).toBe(1);
    expect(workerCount(undefined, {})).toBe(os.availableParallelism());
    expect(() => workerCount('0', {})).toThrow(/whole number/);
    expect(() => workerCount('two', {})).toThrow(/whole number/);
  });
});
