/** SQL of the archive's settings (migration 0034): the rows by name, and the version that says they changed. */
import type { Db } from '../db/database.ts';

export async function readSettingsVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('site_settings_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function readSettingRows(db: Db): Promise<Array<{ name: string; value: string }>> {
  return db.selectFrom('site_settings').select(['name', 'value']).execute();
}

/** One setting's stored JSON, or undefined while it was never saved. */
export async function readSettingValue(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('site_settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Writes each setting (JSON) and moves the version on, so every process reloads them. Run in a transaction. */
export async function writeSettings(db: Db, values: Record<string, unknown>, now: Date): Promise<void> {
  const updatedAt = now.toISOString();
  for (const [name, value] of Object.entries(values)) {
    const json = JSON.stringify(value);
    await db
      .insertInto('site_settings')
      .values({ name, value: json, updated_at: updatedAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: json, updated_at: updatedAt }))
      .execute();
  }
  await db
    .updateTable('site_settings_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
