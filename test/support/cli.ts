/**
 * Running `quire ...` in a test: main() in-process against the suite's
 * database (DATABASE_URL for PostgreSQL, QUIRE_DATA_DIR for the SQLite file),
 * capturing what it prints, then putting the environment and console back.
 */
import path from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  status: number;
  /** Every console line ends in "\n"; raw writes (an export to stdout) stand as written. */
  stdout: string;
  stderr: string;
}

export async function runQuire(target: { url?: string; sqliteFile?: string }, ...argv: string[]): Promise<CliResult> {
  const saved = { dir: process.env.QUIRE_DATA_DIR, url: process.env.DATABASE_URL };
  if (target.url) process.env.DATABASE_URL = target.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.QUIRE_DATA_DIR = path.dirname(target.sqliteFile ?? '');
  }
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts) => void out.push(`${parts.join(' ')}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...parts) => void err.push(`${parts.join(' ')}\n`)),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true)),
  ];
  try {
    const status = await main(argv);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
    for (const [key, value] of [
      ['QUIRE_DATA_DIR', saved.dir],
      ['DATABASE_URL', saved.url],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
