/**
 * KOReader's default ("binary") document identity: `util.partialMD5` — one
 * MD5 over 1 KiB samples taken at offsets 1024 << (2·i) for i = -1..10,
 * stopping at the first offset past the end. In LuaJIT `lshift(1024, -2)`
 * wraps to 0, so the first sample is the file's first KiB.
 */
import crypto from 'node:crypto';

export function partialMd5(file: Uint8Array): string {
  const hash = crypto.createHash('md5');
  for (let i = -1; i <= 10; i++) {
    const offset = i < 0 ? 0 : 1024 * 2 ** (2 * i);
    if (offset >= file.length) break;
    hash.update(file.subarray(offset, offset + 1024));
  }
  return hash.digest('hex');
}

/** KOReader's "filename" document identity: md5 of the file's name (with its extension). */
export function fileNameMd5(fileName: string): string {
  return crypto.createHash('md5').update(fileName).digest('hex');
}

export function md5Hex(text: string): string {
  return crypto.createHash('md5').update(text).digest('hex');
}
