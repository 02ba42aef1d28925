/**
 * The production build runs where a server runs it: `npm run build` compiles
 * src/ into dist/, and the compiled CLI — directly, and through bin/quire.js
 * as npx, `npm link`, a global install or a systemd unit start it — works
 * from a folder outside the checkout (no tsconfig.json there for tsx to find)
 * and serves the archive's pages and assets.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
let elsewhere: string;

beforeAll(async () => {
  await run(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root });
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-build-test-'));
}, 120_000);

afterAll(() => fs.rmSync(elsewhere, { recursive: true, force: true }));

function quireEnv(extra: Record<string, string> = {}) {
  return { ...process.env, QUIRE_DATA_DIR: path.join(elsewhere, 'data'), DATABASE_URL: '', ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForAnswer(url: string, child: ChildProcess, output: () => string): Promise<Response> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`quire serve exited ${child.exitCode}:\n${output()}`);
    const answer = await fetch(url).catch(() => undefined);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`quire serve did not answer:\n${output()}`);
}

it('compiles every module into dist/ with the assets beside them', () => {
  expect(fs.existsSync(path.join(root, 'dist/src/cli/main.js'))).toBe(true);
  expect(fs.existsSync(path.join(root, 'dist/src/server.js'))).toBe(true);
  expect(fs.existsSync(path.join(root, 'dist/src/web/assets/quire.css'))).toBe(true);
  expect(fs.existsSync(path.join(root, 'dist/src/tags/assets/tag-autocomplete.js'))).toBe(true);
  expect(fs.existsSync(path.join(root, 'dist/src/cli/main.test.js'))).toBe(false);
});

it('runs `node dist/src/cli/main.js --help` and `quire user --help` from another folder', async () => {
  const direct = await run(process.execPath, [path.join(root, 'dist/src/cli/main.js'), '--help'], {
    cwd: elsewhere,
    env: quireEnv(),
  });
  expect(direct.stdout).toContain('Usage: quire <command> [options]');
  expect(direct.stdout).toContain('serve');

  const bin = await run(process.execPath, [path.join(root, 'bin/quire.js'), 'user', '--help'], {
    cwd: elsewhere,
    env: quireEnv(),
  });
  expect(bin.stdout).toContain('quire user create USERNAME');
  expect(bin.stderr).toBe(''); // the build is fresh: nothing is recompiled
});

it('builds once when two commands find dist/ stale at the same time; both run from the build', async () => {
  // The stamp made older than the sources: each command sees a stale build on starting.
  const stamp = path.join(root, 'dist/.build-stamp');
  const past = new Date(Date.now() - 24 * 60 * 60_000);
  fs.utimesSync(stamp, past, past);
  const both = await Promise.all(
    [0, 1, 2].map(() =>
      run(process.execPath, [path.join(root, 'bin/quire.js'), 'user', '--help'], { cwd: elsewhere, env: quireEnv() }),
    ),
  );
  for (const answer of both) {
    expect(answer.stdout).toContain('quire user create USERNAME');
    expect(answer.stderr).not.toContain('could not build');
  }
  expect(both.filter((answer) => answer.stderr.includes('compiling src/ to dist/'))).toHaveLength(1);
  expect(fs.existsSync(`${path.join(root, 'dist')}.lock`)).toBe(false);
}, 120_000);

it('serves the archive through bin/quire.js from another folder', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/quire.js'), 'serve'], {
    cwd: elsewhere,
    env: quireEnv({ PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const home = await waitForAnswer(`http://127.0.0.1:${port}/`, child, () => output);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<title>Home | Quire</title>');
    const stylesheet = await fetch(`http://127.0.0.1:${port}/assets/quire.css`);
    expect(stylesheet.status).toBe(200);
    const script = await fetch(`http://127.0.0.1:${port}/assets/tag-autocomplete.js`);
    expect(script.status).toBe(200);
    expect(output).toContain(`Quire is serving http://localhost:${port}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}, 60_000);
