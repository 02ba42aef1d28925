/** SQL of the demo seed: whether the archive is empty, and what it holds afterwards. */
import { countUsers } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';

export async function countArchiveContents(db: Db): Promise<{ users: number; works: number; freeTags: number }> {
  const works = await db
    .selectFrom('works')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const tags = await db
    .selectFrom('tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'not in', ['rating', 'warning', 'category'])
    .executeTakeFirstOrThrow();
  // Members only: the orphan account every archive has (migration 0037) is no one's.
  return { users: await countUsers(db), works: Number(works.n), freeTags: Number(tags.n) };
}
