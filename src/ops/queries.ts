/** The one question the health checks ask the database directly: does it answer at all. */
import { sql } from 'kysely';
import { countUsers } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** What an archive holds, for the summaries of `quire backup` and `quire restore` (members: not the orphan account). */
export async function countArchive(db: Db): Promise<{ works: number; chapters: number; users: number }> {
  const count = async (table: 'works' | 'chapters') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [works, chapters, users] = await Promise.all([count('works'), count('chapters'), countUsers(db)]);
  return { works, chapters, users };
}
