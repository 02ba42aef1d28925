/** Smoke test of the demo seed: it loads into an empty archive, wrangled, and its pages work. */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { tagNamed, worksUnder } from '../../test/support/tags.ts';
import { findUserByName } from '../accounts/queries.ts';
import { verifyPassword } from '../accounts/passwords.ts';
import { tagPath, tagWorksPath } from '../tags/names.ts';
import { verifyFilterTags } from '../indexing/verify-filter-tags.ts';
import { ArchiveNotEmptyError, DEMO_USERS, loadDemo } from './load-demo.ts';

forEachDatabase('demo seed', (t) => {
  it('fills an empty archive with wrangled fandoms and a few dozen works', async () => {
    const summary = await loadDemo(t.db, 'demo password 1');
    expect(summary.users).toEqual([...DEMO_USERS]);
    expect(summary.works).toBe(30);

    const admin = await findUserByName(t.db, 'demo_admin');
    expect(admin).toMatchObject({ is_admin: 1, is_wrangler: 1 });
    expect(await verifyPassword(admin!.password_hash, 'demo password 1')).toBe(true);

    const works = await t.db
      .selectFrom('works')
      .innerJoin('languages', 'languages.id', 'works.language_id')
      .select(['languages.code', 'works.rating', 'works.posted_chapters', 'works.expected_chapters', 'works.status'])
      .execute();
    expect(new Set(works.map((w) => w.code))).toEqual(new Set(['en', 'zh', 'ru']));
    expect(new Set(works.map((w) => w.rating)).size).toBe(5);
    expect(works.some((w) => w.posted_chapters > 1)).toBe(true);
    expect(works.some((w) => w.expected_chapters === null)).toBe(true);
    expect(works.every((w) => w.status === 'posted')).toBe(true);

    const titles = await t.db.selectFrom('works').select('title').execute();
    expect(new Set(titles.map((w) => w.title)).size).toBe(titles.length);
    const bodies = await t.db.selectFrom('chapters').select(['work_id', 'body']).execute();
    const paragraphsByWork = new Map<number, string[]>();
    for (const { work_id, body } of bodies) {
      const paragraphs = body.match(/<p>[\s\S]*?<\/p>/g) ?? [];
      paragraphsByWork.set(work_id, [...(paragraphsByWork.get(work_id) ?? []), ...paragraphs]);
    }
    for (const paragraphs of paragraphsByWork.values()) expect(new Set(paragraphs).size).toBe(paragraphs.length);

    expect((await tagNamed(t.db, 'Valjean/Javert')).synonym_of_id).toBe(
      (await tagNamed(t.db, 'Javert/Jean Valjean')).id,
    );
    const lesMis = await worksUnder(t.db, 'Les Misérables - Victor Hugo');
    const [imported] = await t.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'A Candle in the Window')
      .execute();
    expect(lesMis).toContain(imported.id);
    expect(await worksUnder(t.db, 'Alternate Universe')).not.toEqual([]);
    expect((await verifyFilterTags(t.db)).drift).toEqual([]);

    const browser = new Browser(makeTestApp(t.db));
    expect(await browser.page(tagWorksPath('Pride and Prejudice - Jane Austen'))).toContain('灯下');
    expect(await browser.page('/media')).toContain('(3 fandoms)');
    expect(await browser.page(tagPath('Javert/Jean Valjean'))).toContain('Valjean/Javert');
  });

  it('refuses an archive that is not empty', async () => {
    await expect(loadDemo(t.db, 'demo password 2')).rejects.toThrow(ArchiveNotEmptyError);
  });
});
