/**
 * Turns the bytes of an uploaded or named file into the text the plain-text
 * parser reads: UTF-8 (or UTF-16 with its byte-order mark), without a BOM,
 * with LF line ends and in NFC, so a file saved on Windows or by a macOS
 * tool that writes decomposed accents reads the same as any other.
 * Binary files (NUL bytes, bytes that are not UTF-8) are refused with the
 * line where the first bad byte sits.
 */

export interface FileProblem {
  /** 1-based line of the decoded file the problem is on. */
  line: number;
  message: string;
}

export type DecodedFile = { ok: true; text: string } | { ok: false; error: FileProblem };

const BINARY_MESSAGE =
  'This looks like a binary file, not a plain-text work (it is not UTF-8 text). Save the work as a UTF-8 .txt file.';

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function lineAtChar(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 0x0a) line += 1;
  return line;
}

function decodeBytes(bytes: Uint8Array): DecodedFile {
  // UTF-16 text is only recognizable by its BOM; without one its NUL bytes mark it as binary below.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, error: { line: lineAtByte(bytes, nul), message: BINARY_MESSAGE } };
  return decodeWith('utf-8', bytes);
}

function decodeWith(encoding: string, bytes: Uint8Array): DecodedFile {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    // The fatal decoder does not say where it stopped; the lenient one marks the spot with U+FFFD.
    const lenient = new TextDecoder(encoding).decode(bytes);
    const bad = lenient.indexOf('\ufffd');
    return { ok: false, error: { line: bad >= 0 ? lineAtChar(lenient, bad) : 1, message: BINARY_MESSAGE } };
  }
}

/** Decodes and normalizes a file's contents (bytes as read, or text already decoded). */
export function decodeWorkFile(contents: string | Uint8Array): DecodedFile {
  let text: string;
  if (typeof contents === 'string') {
    text = contents;
  } else {
    const decoded = decodeBytes(contents);
    if (!decoded.ok) return decoded;
    text = decoded.text;
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { ok: false, error: { line: lineAtChar(text, nul), message: BINARY_MESSAGE } };
  text = text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  if (!text.trim()) {
    return { ok: false, error: { line: 1, message: 'The file is empty: there is no work in it.' } };
  }
  return { ok: true, text };
}
