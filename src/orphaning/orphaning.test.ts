import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createPseud, findDefaultPseud } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import { ORPHAN_IS_PERMANENT } from './routes.tsx';

/** "name (username)" of each creator of the work, in order. */
async function bylineOf(db: Db, workId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.name', 'users.username'])
    .where('creatorships.work_id', '=', workId)
    .orderBy('creatorships.position')
    .execute();
  return rows.map((row) => `${row.name} (${row.username})`);
}

forEachDatabase('orphaning and pseuds', (t) => {
  async function writer(username: string): Promise<{ user: User; browser: Browser }> {
    const user = await makeUser(t.db, { username });
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    return { user, browser };
  }

  it('orphans one work keeping the name, and the guest byline reads "orphan_account (NAME)"', async () => {
    const { user, browser } = await writer('lamplighter');
    const workId = await makeWork(t.db, user, { title: 'Wicks and Oil' });
    const kept = await makeWork(t.db, user, { title: 'Still Mine' });
    const page = await browser.page(`/users/lamplighter/orphan?work=${workId}`);
    expect(page).toContain(ORPHAN_IS_PERMANENT);

    const unticked = await browser.post('/users/lamplighter/orphan', { work_id: String(workId), keep_name: '1' });
    expect(unticked.status).toBe(422);
    expect(await bylineOf(t.db, workId)).toEqual(['lamplighter (lamplighter)']);

    const done = await browser.post('/users/lamplighter/orphan', {
      work_id: String(workId),
      keep_name: '1',
      understood: '1',
    });
    expect(done.status).toBe(303);
    expect(await bylineOf(t.db, workId)).toEqual(['lamplighter (orphan_account)']);
    expect(await bylineOf(t.db, kept)).toEqual(['lamplighter (lamplighter)']);
    const guest = await new Browser(makeTestApp(t.db)).page(`/works/${workId}`);
    expect(guest).toContain('orphan_account (lamplighter)');
    expect(guest).not.toContain('href="/users/lamplighter"');
    expect(await new Browser(makeTestApp(t.db)).page('/users/lamplighter/works')).not.toContain('Wicks and Oil');
  });

  it('orphans several works without the name', async () => {
    const { user, browser } = await writer('quillwright');
    const first = await makeWork(t.db, user);
    const second = await makeWork(t.db, user, { post: false });
    const done = await browser.post('/users/quillwright/orphan', {
      work_id: [String(first), String(second)],
      keep_name: '0',
      understood: '1',
    });
    expect(done.status).toBe(303);
    expect(await bylineOf(t.db, first)).toEqual(['orphan_account (orphan_account)']);
    expect(await bylineOf(t.db, second)).toEqual(['orphan_account (orphan_account)']);
  });

  it("orphans only the writer's part of a co-created work", async () => {
    const { user, browser } = await writer('half-author');
    const partner = await makeUser(t.db, { username: 'other-half' });
    const mine = await findDefaultPseud(t.db, user.id);
    const theirs = await findDefaultPseud(t.db, partner.id);
    const workId = await makeWork(t.db, user, { creatorPseudIds: [mine.id, theirs.id] });
    await t.db.updateTable('creatorships').set({ is_accepted: 1 }).where('work_id', '=', workId).execute();
    await browser.post('/users/half-author/orphan', { work_id: String(workId), keep_name: '1', understood: '1' });
    expect((await bylineOf(t.db, workId)).sort()).toEqual(['half-author (orphan_account)', 'other-half (other-half)']);
  });

  it('orphans a series (its works and the series credit) and a pseud', async () => {
    const { user, browser } = await writer('serialist');
    const inSeries = await makeWork(t.db, user, { series: [{ newTitle: 'Tides' }] });
    const series = await t.db
      .selectFrom('series_works')
      .select('series_id')
      .where('work_id', '=', inSeries)
      .executeTakeFirstOrThrow();
    const outside = await makeWork(t.db, user);
    await browser.post('/users/serialist/orphan', {
      series_id: String(series.series_id),
      keep_name: '0',
      understood: '1',
    });
    expect(await bylineOf(t.db, inSeries)).toEqual(['orphan_account (orphan_account)']);
    expect(await bylineOf(t.db, outside)).toEqual(['serialist (serialist)']);
    const seriesCredit = await t.db
      .selectFrom('series_creators')
      .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
      .select('pseuds.user_id')
      .where('series_id', '=', series.series_id)
      .execute();
    expect(seriesCredit.map((row) => row.user_id)).not.toContain(user.id);

    const pen = await createPseud(t.db, user.id, { name: 'Pen Name', description: '' });
    const underPen = await makeWork(t.db, user, { creatorPseudIds: [pen!.id] });
    await browser.post('/users/serialist/orphan', { pseud_id: String(pen!.id), keep_name: '1', understood: '1' });
    expect(await bylineOf(t.db, underPen)).toEqual(['Pen Name (orphan_account)']);
    expect(await bylineOf(t.db, outside)).toEqual(['serialist (serialist)']);
  });

  it('edits a pseud, deletes one moving its works, deletes one orphaning them, and keeps the default', async () => {
    const { user, browser } = await writer('many-names');
    const byDefault = await findDefaultPseud(t.db, user.id);
    const moving = await createPseud(t.db, user.id, { name: 'Moving', description: '' });
    const leaving = await createPseud(t.db, user.id, { name: 'Leaving', description: '' });
    const movedWork = await makeWork(t.db, user, { creatorPseudIds: [moving!.id] });
    const orphanedWork = await makeWork(t.db, user, { creatorPseudIds: [leaving!.id] });

    const edited = await browser.post(`/users/many-names/pseuds/${moving!.id}/edit`, {
      name: 'Moved On',
      description: 'A quieter name.',
      is_default: '1',
    });
    expect(edited.status).toBe(303);
    const after = await t.db.selectFrom('pseuds').selectAll().where('id', '=', moving!.id).executeTakeFirstOrThrow();
    expect([after.name, after.description, after.is_default]).toEqual(['Moved On', 'A quieter name.', 1]);
    const clash = await browser.post(`/users/many-names/pseuds/${leaving!.id}/edit`, {
      name: 'moved on',
      description: '',
    });
    expect(clash.status).toBe(422);
    // Back to the first default, so "Moved On" may be deleted.
    await browser.post(`/users/many-names/pseuds/${byDefault.id}/edit`, {
      name: 'many-names',
      description: '',
      is_default: '1',
    });

    expect((await browser.post(`/users/many-names/pseuds/${byDefault.id}/delete`, { works: 'move' })).status).toBe(409);
    const moved = await browser.post(`/users/many-names/pseuds/${moving!.id}/delete`, {
      works: 'move',
      move_to: String(byDefault.id),
    });
    expect(moved.status).toBe(303);
    expect(await bylineOf(t.db, movedWork)).toEqual(['many-names (many-names)']);

    const orphaned = await browser.post(`/users/many-names/pseuds/${leaving!.id}/delete`, { works: 'orphan-keep' });
    expect(orphaned.status).toBe(303);
    expect(await bylineOf(t.db, orphanedWork)).toEqual(['Leaving (orphan_account)']);
    const left = await t.db.selectFrom('pseuds').select('name').where('user_id', '=', user.id).execute();
    expect(left).toEqual([{ name: 'many-names' }]);
  });

  it("refuses another member's orphan and pseud pages", async () => {
    const { user } = await writer('private-person');
    const pen = await createPseud(t.db, user.id, { name: 'Hidden', description: '' });
    const { browser } = await writer('nosy-person');
    expect((await browser.get('/users/private-person/orphan')).status).toBe(403);
    expect(
      (await browser.post(`/users/private-person/pseuds/${pen!.id}/delete`, { works: 'orphan-drop' })).status,
    ).toBe(403);
  });
});
