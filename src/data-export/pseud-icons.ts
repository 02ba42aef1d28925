/**
 * The pseud icons a member's export carries: each pseud's icon file (kept
 * by src/users/pseud-icons.ts under `<dataDir>/pseud-icons/`), under a name
 * in the zip that says whose it is. preferences.json names the same file
 * beside the pseud, with its alt text.
 */
import type { Db } from '../db/database.ts';
import { findPseudIconsOf } from './queries.ts';

export interface PseudIconFile {
  pseud: string;
  /** The stored file's name under `<dataDir>/pseud-icons/`. */
  file: string;
  /** Its path inside the zip. */
  zipPath: string;
}

/** `pseud-icons/<pseud name>.webp`, in letters, digits, `-` and `_` (pseud names are unique per account). */
export function iconZipPath(pseud: { id: number; name: string }, file: string): string {
  const name = pseud.name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || `pseud-${pseud.id}`;
  return `pseud-icons/${name}-${pseud.id}${file.slice(file.lastIndexOf('.'))}`;
}

export async function listPseudIconFiles(db: Db, userId: number): Promise<PseudIconFile[]> {
  const rows = await findPseudIconsOf(db, userId);
  return rows.map((row) => ({ pseud: row.name, file: row.icon_file, zipPath: iconZipPath(row, row.icon_file) }));
}
