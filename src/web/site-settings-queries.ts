/**
 * One archive setting read straight from the database (migration 0034's rows), for code below the settings
 * pages that needs a single value outside a request: the works' hold for review (src/works/hold-for-review.ts)
 * reads the admin's "hours before posting" in the saving transaction. Requests read every setting through the
 * settings store (src/settings/store.ts) instead.
 */
import type { Db } from '../db/database.ts';

/** One setting's stored JSON, or undefined while it was never saved. */
export async function readSettingValue(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('site_settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}
