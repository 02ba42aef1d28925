/** SQL of pseud icons: a pseud's icon file and alt text, and the files of a whole account's pseuds. */
import type { Db } from '../db/database.ts';

export async function findPseudIcon(db: Db, userId: number, pseudId: number) {
  return db
    .selectFrom('pseuds')
    .select(['id', 'icon_file', 'icon_alt'])
    .where('user_id', '=', userId)
    .where('id', '=', pseudId)
    .executeTakeFirst();
}

export async function setPseudIconRow(db: Db, pseudId: number, icon: { file: string; alt: string } | null) {
  await db
    .updateTable('pseuds')
    .set({ icon_file: icon?.file ?? null, icon_alt: icon?.alt ?? null })
    .where('id', '=', pseudId)
    .execute();
}

/** The icon files of every pseud of this account. */
export async function iconFilesOf(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('pseuds')
    .select('icon_file')
    .where('user_id', '=', userId)
    .where('icon_file', 'is not', null)
    .execute();
  return rows.map((row) => row.icon_file!);
}
