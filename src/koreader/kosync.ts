/**
 * What the kosync commands do, apart from HTTP: turn KOReader's key into a
 * person, a document hash into a work this person may read, and a position
 * (`/body/DocFragment[N]/…`) into a chapter. Quire's EPUB spine is the
 * preface page, then one page per chapter, then the afterword, so
 * DocFragment[N] (1-based) is chapter N − 1.
 */
import type { Db } from '../db/database.ts';
import { hashSecret } from '../accounts/credentials.ts';
import { viewerOf } from '../accounts/viewer-row.ts';
import { findWorkAccess, whyCannotReadWork } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { fileNameMd5, md5Hex, partialMd5 } from './partial-md5.ts';
import { findDocument, findLiveKoreaderKey, insertKoreaderKey, rememberDocuments } from './queries.ts';

/** The person whose username and KOReader key (md5 of their KOReader app password) these are. */
export async function authenticateKoreader(db: Db, username: string, key: string): Promise<Viewer | null> {
  if (!username || !/^[0-9a-f]{32}$/i.test(key)) return null;
  const row = await findLiveKoreaderKey(db, hashSecret(key.toLowerCase()));
  if (!row || row.username.toLowerCase() !== username.trim().toLowerCase()) return null;
  return viewerOf(row, '');
}

/** Keeps the KOReader key of a new app password (its md5, hashed again), so KOReader's x-auth-key checks out. */
export async function keepKoreaderKey(db: Db, tokenId: number, password: string): Promise<void> {
  await insertKoreaderKey(db, tokenId, hashSecret(md5Hex(password)));
}

/** Called when an EPUB is served: both hashes KOReader may name it by now lead back to the work. */
export async function rememberEpub(
  db: Db,
  workId: number,
  revisedAt: string,
  file: Uint8Array,
  fileName: string,
): Promise<void> {
  await rememberDocuments(db, workId, revisedAt, [
    { document: partialMd5(file), kind: 'binary' },
    { document: fileNameMd5(fileName), kind: 'filename' },
  ]);
}

/** The work a document hash names, when the viewer may read it; null for documents that are not Quire's (or not theirs to read). */
export async function readableWorkOf(db: Db, viewer: Viewer, document: string): Promise<number | null> {
  const found = await findDocument(db, document);
  if (!found) return null;
  const access = await findWorkAccess(db, found.work_id);
  if (!access || whyCannotReadWork(viewer, access)) return null;
  return found.work_id;
}

/** The chapter (1-based) a KOReader xpointer is in, or null on the preface page or when it names no spine item. */
export function chapterOfXpointer(progress: string): number | null {
  const match = /^\/body\/DocFragment\[(\d+)\]/.exec(progress);
  if (!match) return null;
  const chapter = Number(match[1]) - 1;
  return chapter >= 1 ? chapter : null;
}
