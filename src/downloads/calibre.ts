/**
 * Calibre's `ebook-convert`, which turns our EPUB into MOBI and AZW3 for
 * Kindles. Optional: found once on PATH (or named by QUIRE_EBOOK_CONVERT;
 * `QUIRE_EBOOK_CONVERT=off` turns it off), and the formats that need it are
 * offered only when it is there.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A conversion that takes longer than this is stopped: a stuck Calibre must not pile up processes. */
const CONVERT_TIMEOUT_MS = 180_000;

let detected: string | null | undefined;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The path of `ebook-convert`, or null when Calibre is not installed. Looked up once per process. */
export function ebookConvertPath(): string | null {
  if (detected !== undefined) return detected;
  const configured = process.env.QUIRE_EBOOK_CONVERT;
  if (configured !== undefined && configured !== '') {
    detected = configured === 'off' || !isExecutable(configured) ? null : configured;
    return detected;
  }
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  detected = dirs.map((dir) => path.join(dir, 'ebook-convert')).find(isExecutable) ?? null;
  return detected;
}

/**
 * Converts `input` to `output`; Calibre picks the formats from the file
 * extensions. Throws when Calibre is missing, fails or times out.
 */
export async function convertWithCalibre(input: string, output: string): Promise<void> {
  const binary = ebookConvertPath();
  if (!binary) throw new Error('ebook-convert is not installed');
  await run(binary, [input, output], {
    timeout: CONVERT_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
    // Calibre writes its settings under HOME; a service account may have none.
    env: {
      ...process.env,
      HOME: process.env.HOME || os.tmpdir(),
      CALIBRE_CONFIG_DIRECTORY: path.join(os.tmpdir(), 'quire-calibre'),
    },
  });
}
