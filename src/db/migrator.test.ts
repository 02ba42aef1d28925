import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { migrateToLatest } from './migrator.ts';

forEachDatabase('migrations', (t) => {
  it('seeds the fixed ratings, warnings and categories as canonical tags', async () => {
    const fixed = await t.db
      .selectFrom('tags')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('is_canonical', '=', 1)
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    expect(fixed.map((r) => [r.kind, Number(r.n)])).toEqual([
      ['category', 6],
      ['rating', 5],
      ['warning', 6],
    ]);
  });

  it('is idempotent: running again applies nothing', async () => {
    const result = await migrateToLatest(t.db);
    expect(result.results).toEqual([]);
  });

  it('cascades a deleted work to its chapters and taggings', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { freeforms: ['Found Family'] });
    await t.db.deleteFrom('works').where('id', '=', workId).execute();
    const chapters = await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).execute();
    const taggings = await t.db.selectFrom('taggings').select('tag_id').where('work_id', '=', workId).execute();
    expect(chapters).toEqual([]);
    expect(taggings).toEqual([]);
  });
});
