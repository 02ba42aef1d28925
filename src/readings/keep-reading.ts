/**
 * The readings commands the site's forms and the API share: mark a work for
 * later (or not), set its reading status, note and rating — each only for a
 * work the member may keep a reading of (policy.ts), so a draft, hidden,
 * deleted or unknown work answers "not found" alike.
 */
import type { Db } from '../db/database.ts';
import { findWorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { can } from './policy.ts';
import { setMarkForLater, setReadingStatus, type StatusInput } from './queries.ts';
import { READING_STATUSES, type ReadingStatus } from './readings.table.ts';

export const NOTE_MAX = 2000;

export async function mayKeepReading(db: Db, viewer: Viewer, workId: number): Promise<boolean> {
  const access = await findWorkAccess(db, workId);
  return !!access && can(viewer, 'keep-reading', access);
}

export async function markForLater(db: Db, viewer: Viewer, workId: number, marked: boolean): Promise<boolean> {
  if (!(await mayKeepReading(db, viewer, workId))) return false;
  await db.transaction().execute((trx) => setMarkForLater(trx, viewer.id, workId, marked, new Date()));
  return true;
}

export async function keepStatus(db: Db, viewer: Viewer, workId: number, input: StatusInput): Promise<boolean> {
  if (!(await mayKeepReading(db, viewer, workId))) return false;
  await db.transaction().execute((trx) => setReadingStatus(trx, viewer.id, workId, input, new Date()));
  return true;
}

/** A status form's or API body's fields, or what is wrong with them. */
export function readStatusInput(raw: {
  status?: unknown;
  note?: unknown;
  rating?: unknown;
}): { input: StatusInput } | { error: string } {
  const status = raw.status === '' || raw.status === null || raw.status === undefined ? null : raw.status;
  if (status !== null && !READING_STATUSES.includes(status as ReadingStatus))
    return { error: 'Choose reading, finished, on hold or dropped.' };
  const rating = raw.rating === '' || raw.rating === null || raw.rating === undefined ? null : Number(raw.rating);
  if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5))
    return { error: 'Your rating is a whole number from 1 to 5.' };
  const note = typeof raw.note === 'string' && raw.note.trim() ? raw.note.trim() : null;
  if (note && note.length > NOTE_MAX) return { error: `Your note is at most ${NOTE_MAX} characters.` };
  return { input: { status: status as ReadingStatus | null, note, rating } };
}
