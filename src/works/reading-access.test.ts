import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeWork } from '../../test/support/factories.ts';
import {
  hideWork,
  makeCast,
  makeMatrixWorks,
  mainOf,
  ROLES,
  type Cast,
  type MatrixWorks,
  type Role,
} from './reading.test-helper.ts';

/** What each viewer meets on each kind of work: the text, a log-in page, or nothing (404). */
const EXPECTED: Record<keyof MatrixWorks, Record<Role, 'text' | 'log_in' | 'not_found'>> = {
  draft: { guest: 'not_found', other: 'not_found', creator: 'text', admin: 'not_found' },
  restricted: { guest: 'log_in', other: 'text', creator: 'text', admin: 'text' },
  posted: { guest: 'text', other: 'text', creator: 'text', admin: 'text' },
};

forEachDatabase('who may read a work', (t) => {
  let cast: Cast;
  let works: MatrixWorks;
  let firstChapter: Record<keyof MatrixWorks, number>;

  beforeAll(async () => {
    cast = await makeCast(t.db);
    works = await makeMatrixWorks(t.db, cast.creatorUser);
    const chapterOf = async (workId: number) =>
      (await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()).id;
    firstChapter = {
      draft: await chapterOf(works.draft.id),
      restricted: await chapterOf(works.restricted.id),
      posted: await chapterOf(works.posted.id),
    };
  });

  for (const kind of ['draft', 'restricted', 'posted'] as const) {
    for (const role of ROLES) {
      const expected = EXPECTED[kind][role];
      it(`${role} × ${kind}: ${expected}, on the work page and the chapter page`, async () => {
        const work = works[kind];
        for (const path of [
          `/works/${work.id}`,
          `/works/${work.id}/chapters/${firstChapter[kind]}`,
          `/works/${work.id}?view_full_work=true`,
        ]) {
          const response = await cast[role].get(path);
          const html = mainOf(await response.text());
          if (expected === 'not_found') {
            expect(response.status, path).toBe(404);
            expect(html).not.toContain(work.title);
          } else if (expected === 'log_in') {
            expect(response.status, path).toBe(200);
            expect(html).toContain('log in to read');
            expect(html).toContain(`href="/login?return_to=${path.split('?')[0]}`);
            expect(html).not.toContain(work.text);
          } else {
            expect(response.status, path).toBe(200);
            expect(html).toContain(work.title);
            expect(html).toContain(work.text);
          }
        }
      });
    }
  }

  it('shows a hidden work only to its creator and the admins', async () => {
    const id = await makeWork(t.db, cast.creatorUser, { title: 'Hidden Harbour Tale' });
    await hideWork(t.db, id);
    for (const role of ['guest', 'other'] as const) {
      const response = await cast[role].get(`/works/${id}`);
      expect(response.status).toBe(404);
      const html = mainOf(await response.text());
      expect(html).toContain('This work has been hidden');
      expect(html).not.toContain('Hidden Harbour Tale');
    }
    for (const role of ['creator', 'admin'] as const) {
      const html = mainOf(await cast[role].page(`/works/${id}`));
      expect(html).toContain('Hidden Harbour Tale');
      expect(html).toContain('hidden by a moderator');
    }
  });

  it('answers 404 for works and chapters that do not exist or do not belong together', async () => {
    const other = await makeWork(t.db, cast.creatorUser);
    await cast.guest.page('/works/999999', 404);
    await cast.guest.page('/works/99999999999999999999', 404);
    await cast.guest.page(`/works/${works.posted.id}/chapters/999999`, 404);
    const foreign = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', other)
      .executeTakeFirstOrThrow();
    await cast.guest.page(`/works/${works.posted.id}/chapters/${foreign.id}`, 404);
  });
});
