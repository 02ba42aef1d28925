/** SQL of the demo seed: whether the archive is empty, and what it holds afterwards. */
import type { Db } from '../db/database.ts';

export async function countArchiveContents(db: Db): Promise<{ users: number; works: number; freeTags: number }> {
  const count = async (table: 'users' | 'works') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const tags = await db
    .selectFrom('tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'not in', ['rating', 'warning', 'category'])
    .executeTakeFirstOrThrow();
  return { users: await count('users'), works: await count('works'), freeTags: Number(tags.n) };
}
