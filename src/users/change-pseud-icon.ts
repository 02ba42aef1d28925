/**
 * Giving a pseud an icon, changing its alt text, or taking it away: one
 * row changed, and the file it stops using named in a `pseud-icons.dropped`
 * event in the same transaction (src/users/pseud-icons.ts removes it after
 * commit). The new file is written by the caller before this runs.
 */
import type { Db } from '../db/database.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { findPseudIcon, setPseudIconRow } from './pseud-icon-queries.ts';

/** A new file with its alt text, the alt text alone (the icon stays), or null: no icon. */
export type IconChange = { file: string; alt: string } | { alt: string } | null;

export async function changePseudIcon(
  db: Db,
  userId: number,
  pseudId: number,
  change: IconChange,
): Promise<'changed' | 'not-found' | 'no-icon'> {
  return db.transaction().execute(async (trx) => {
    const current = await findPseudIcon(trx, userId, pseudId);
    if (!current) return 'not-found';
    const file = change === null ? null : 'file' in change ? change.file : current.icon_file;
    if (change !== null && !file) return 'no-icon';
    await setPseudIconRow(trx, pseudId, change && file ? { file, alt: change.alt } : null);
    if (current.icon_file && current.icon_file !== file) {
      await recordEvent(trx, 'pseud-icons.dropped', { files: [current.icon_file] });
    }
    return 'changed';
  });
}
