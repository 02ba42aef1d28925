/** SQL of the archive's settings (migration 0034): the rows by name, and the version that says they changed. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The name the version row takes in `readSettingsSnapshot` (no setting is named so). */
const VERSION_ROW = ' version';

export async function readSettingsVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('site_settings_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function readSettingRows(db: Db): Promise<Array<{ name: string; value: string }>> {
  return db.selectFrom('site_settings').select(['name', 'value']).execute();
}

/**
 * The version and the rows in one statement, so they come from one snapshot of the database: two
 * statements on two PostgreSQL connections could pair an old row set with a newer version, and the
 * process would keep stale settings until the next change.
 */
export async function readSettingsSnapshot(
  db: Db,
): Promise<{ version: number; rows: Array<{ name: string; value: string }> }> {
  const all = await db
    .selectFrom('site_settings')
    .select(['name', 'value'])
    .unionAll(
      db
        .selectFrom('site_settings_version')
        .select([sql<string>`${VERSION_ROW}`.as('name'), sql<string>`cast(version as text)`.as('value')])
        .where('id', '=', 1),
    )
    .execute();
  const versionRow = all.find((row) => row.name === VERSION_ROW);
  return { version: Number(versionRow?.value ?? 0), rows: all.filter((row) => row !== versionRow) };
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
