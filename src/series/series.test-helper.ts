/** Series fixtures: works put into one series in order, and their states set as a moderator or writer would. */
import type { User } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import { makeWork, type MakeWorkOptions } from '../../test/support/factories.ts';

/** A series titled `title` holding one new work per entry, in order; returns the series id and work ids. */
export async function makeSeries(
  db: Db,
  user: User,
  title: string,
  works: MakeWorkOptions[],
): Promise<{ seriesId: number; workIds: number[] }> {
  const [first, ...rest] = works;
  const firstId = await makeWork(db, user, { ...first, series: [{ newTitle: title }] });
  const { series_id: seriesId } = await db
    .selectFrom('series_works')
    .select('series_id')
    .where('work_id', '=', firstId)
    .executeTakeFirstOrThrow();
  const workIds = [firstId];
  for (const options of rest) workIds.push(await makeWork(db, user, { ...options, series: [{ seriesId }] }));
  return { seriesId, workIds };
}

export type TestState = 'hidden' | 'restricted' | 'deleted' | 'anonymous';

export async function putInState(db: Db, workId: number, state: TestState): Promise<void> {
  const change =
    state === 'hidden'
      ? { is_hidden: 1 }
      : state === 'restricted'
        ? { is_restricted: 1 }
        : state === 'anonymous'
          ? { is_anonymous: 1 }
          : { deleted_at: new Date().toISOString() };
  await db.updateTable('works').set(change).where('id', '=', workId).execute();
}

/** The work ids of the blurbs on a page, in the order shown. */
export function blurbOrder(html: string): number[] {
  return [...html.matchAll(/<li class="blurb" id="work-(\d+)"/g)].map((m) => Number(m[1]));
}
