/** The one question the health checks ask the database directly: does it answer at all. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
