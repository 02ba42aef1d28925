/**
 * bench/cli: how long the common `quire` commands take to start and finish,
 * and how much memory they peak at — each run in a fresh process, the way a
 * person or a script runs them — and the memory `quire serve` holds once it
 * answers on an empty archive.
 *
 *   npm run bench:cli -- [--runs 10] [--via npx,bin,tsx,dist] [--serve]
 *
 * `--via` picks how the command is started: `npx` (npx quire …), `bin`
 * (node bin/quire.js — what npx, npm link and a global install run), `tsx`
 * (the TypeScript sources through tsx, as bin/quire.js did before the build),
 * `dist` (node dist/src/cli/main.js — run `npm run build` first). Every
 * command runs against a throwaway archive in a temporary QUIRE_DATA_DIR.
 * Peak memory is the child's maximum RSS from /usr/bin/time. Commands run
 * from a folder outside the checkout (`--in-checkout` runs them inside it,
 * where the bin/quire.js of before the build still worked).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    via: { type: 'string', default: 'bin,tsx,dist' },
    serve: { type: 'boolean', default: false },
    'in-checkout': { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-cli-'));
const env = { ...process.env, QUIRE_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production' };

const launchers: Record<string, string[]> = {
  npx: ['npx', '--no-install', 'quire'],
  bin: [process.execPath, path.join(root, 'bin/quire.js')],
  tsx: [process.execPath, '--import', 'tsx', path.join(root, 'src/cli/main.ts')],
  dist: [process.execPath, path.join(root, 'dist/src/cli/main.js')],
};

const workFile = path.join(dataDir, 'bench-work.txt');
fs.writeFileSync(
  workFile,
  [
    'Title: The Lighthouse Keeper',
    'Author: benchwriter',
    'Rating: General Audiences',
    'Archive Warning: No Archive Warnings Apply',
    'Fandom: Bench Fandom',
    'Language: English',
    '',
    'Work text:',
    '',
    'The lamp turned all night, and the keeper counted the ships that passed.',
    '',
  ].join('\n'),
);

const commands: { label: string; argv: string[] }[] = [
  { label: '--help', argv: ['--help'] },
  { label: 'user grant', argv: ['user', 'grant', 'benchwriter', 'wrangler'] },
  { label: 'tags show', argv: ['tags', 'show', 'Bench Fandom'] },
  { label: 'import (1 file)', argv: ['import', workFile, '--as', 'benchwriter'] },
];

interface Sample {
  seconds: number;
  maxRssMb: number;
  status: number | null;
}

/**
 * npx finds `quire` in the checkout's node_modules/.bin and tsx finds the JSX settings in the working folder's
 * tsconfig.json, so those two run in the checkout; the rest run elsewhere.
 */
function cwdFor(launcher: string[]): string {
  return launcher === launchers.tsx || launcher === launchers.npx || args['in-checkout'] ? root : os.tmpdir();
}

function runOnce(launcher: string[], argv: string[]): Sample {
  const [command, ...rest] = launcher;
  const started = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', command!, ...rest, ...argv], {
    cwd: cwdFor(launcher), // `quire` must work from any folder
    env,
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lastLine = child.stderr.trim().split('\n').at(-1) ?? '';
  return { seconds, maxRssMb: Number(lastLine) / 1024, status: child.status };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function prepareArchive(launcher: string[]): void {
  const setup = [
    ['user', 'create', 'benchwriter', '--email', 'bench@example.org', '--password', 'bench-password-1'],
    ['tags', 'create', 'Bench Fandom', '--kind', 'fandom'],
  ];
  for (const argv of setup) runOnce(launcher, argv);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `quire serve` on an empty archive, waits until `/` answers, and reads the process's RSS. */
async function serveRss(launcher: string[]): Promise<{ startSeconds: number; rssMb: number }> {
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-serve-'));
  const port = await freePort();
  const [command, ...rest] = launcher;
  const started = process.hrtime.bigint();
  const child = spawn(command!, [...rest, 'serve'], {
    cwd: cwdFor(launcher),
    env: { ...env, QUIRE_DATA_DIR: emptyDir, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const answer = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (answer?.ok) break;
      if (child.exitCode !== null) throw new Error('quire serve exited');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the index build and start-up garbage settle
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return { startSeconds, rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(emptyDir, { recursive: true, force: true });
  }
}

const vias = args.via.split(',');
console.log(`${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}, ${runs} runs per command`);
prepareArchive(launchers[vias[0]!]!);
for (const via of vias) {
  const launcher = launchers[via];
  if (!launcher) throw new Error(`unknown --via ${via}`);
  if (via === 'dist' && !fs.existsSync(path.join(root, 'dist/src/cli/main.js'))) {
    console.log(`${via}: no build (run npm run build)`);
    continue;
  }
  for (const { label, argv } of commands) {
    runOnce(launcher, argv); // warm the file cache
    const samples = Array.from({ length: runs }, () => runOnce(launcher, argv));
    const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
    const rss = samples.map((s) => s.maxRssMb).sort((a, b) => a - b);
    const failed = samples.filter((s) => s.status !== 0 && label !== 'user grant').length;
    console.log(
      `${via.padEnd(5)} ${label.padEnd(16)} median ${percentile(times, 50).toFixed(2)} s  p95 ${percentile(times, 95).toFixed(2)} s  max RSS ${percentile(rss, 50).toFixed(0)} MB${failed ? `  (${failed} failed)` : ''}`,
    );
  }
  if (args.serve && via !== 'npx') {
    const { startSeconds, rssMb } = await serveRss(launcher);
    console.log(
      `${via.padEnd(5)} serve            first 200 after ${startSeconds.toFixed(2)} s, RSS ${rssMb.toFixed(0)} MB`,
    );
  }
}
fs.rmSync(dataDir, { recursive: true, force: true });
