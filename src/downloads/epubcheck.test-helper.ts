/**
 * Runs Debian's epubcheck on a file. Debian installs it as an executable
 * jar, which needs the kernel's jar launcher; where that is missing, the jar
 * is run with `java -jar` instead.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The command that runs epubcheck, or null when it is not installed. */
export function epubcheckCommand(): string[] | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const file = dirs.map((dir) => path.join(dir, 'epubcheck')).find((f) => fs.existsSync(f));
  if (!file) return null;
  const start = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, start, 0, 2, 0);
  fs.closeSync(fd);
  return start.toString('latin1') === 'PK' ? ['java', '-jar', file] : [file];
}

/** epubcheck's report; `clean` when it found no fatal error, error or warning. */
export async function runEpubcheck(epubFile: string): Promise<{ clean: boolean; report: string }> {
  const [command, ...args] = epubcheckCommand() ?? [];
  if (!command) throw new Error('epubcheck is not installed');
  const result = await run(command, [...args, epubFile], { maxBuffer: 8 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
  const report = `${result.stdout}\n${result.stderr}`;
  return { clean: /Messages: 0 fatals \/ 0 errors \/ 0 warnings/.test(report), report };
}
