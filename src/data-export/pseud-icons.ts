/**
 * The pseud icon files a member's export carries. Icons are stored by the
 * pseuds domain under `<dataDir>/pseud-icons/`; until the pseuds table
 * names a file for each icon (the column the pseud icon upload adds), a
 * pseud has no icon file to export and this lists none.
 */
import type { Db } from '../db/database.ts';

export interface PseudIconFile {
  pseud: string;
  /** Absolute path of the stored icon. */
  path: string;
  /** Its name inside the zip, under `pseud-icons/`. */
  zipName: string;
}

export async function listPseudIconFiles(_db: Db, _dataDir: string, _userId: number): Promise<PseudIconFile[]> {
  return [];
}
