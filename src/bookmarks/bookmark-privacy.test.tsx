/**
 * Who sees which bookmark, for every kind of item: guest, owner and another member, each against private and
 * public bookmarks of a work, a series and an external work whose item is posted, a draft, restricted or deleted.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { makeSeries } from '../series/series.test-helper.ts';

const STATES = {
  posted: {},
  draft: { status: 'draft' as const },
  restricted: { is_restricted: 1 },
  deleted: { deleted_at: '2026-01-02T00:00:00.000Z' },
};
type State = keyof typeof STATES;
type Kind = 'work' | 'series' | 'external';

forEachDatabase('bookmark privacy across item kinds', (t) => {
  it('shows each bookmark, its notes and its item exactly to those who may see them', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const fan = await makeUser(t.db);
    const owner = new Browser(app);
    await signIn(owner, t.db, fan);
    const other = new Browser(app);
    await signIn(other, t.db, await makeUser(t.db));
    const guest = new Browser(app);

    const made: { kind: Kind; state: State; isPrivate: boolean; key: string; itemPage: string }[] = [];
    for (const isPrivate of [false, true]) {
      for (const state of Object.keys(STATES) as State[]) {
        for (const kind of ['work', 'series', 'external'] as Kind[]) {
          if (kind === 'external' && state !== 'posted') continue;
          const key = `${kind}-${state}-${isPrivate ? 'private' : 'public'}`;
          const form = { notes: `note ${key}`, tags: 'matrix', ...(isPrivate ? { is_private: '1' } : {}) };
          let workId = 0;
          let itemPage: string;
          if (kind === 'work') {
            const { workIds } = await makeSeries(t.db, writer, `Unrelated ${key}`, [{ title: `Title ${key}` }]);
            workId = workIds[0];
            itemPage = `/works/${workId}/bookmarks`;
            expect((await owner.post(`/works/${workId}/bookmarks/new`, form)).status).toBe(303);
          } else if (kind === 'series') {
            const series = await makeSeries(t.db, writer, `Title ${key}`, [{ title: `Inside ${key}` }]);
            workId = series.workIds[0];
            itemPage = `/series/${series.seriesId}/bookmarks`;
            expect((await owner.post(`/series/${series.seriesId}/bookmarks/new`, form)).status).toBe(303);
          } else {
            const answer = await owner.post('/external_works/new', {
              ...form,
              url: 'https://elsewhere.example/works/7',
              title: `Title ${key}`,
              creator: 'Someone Elsewhere',
              rating: 'General Audiences',
              fandoms: 'Original Work',
            });
            expect(answer.status).toBe(303);
            itemPage = answer.headers.get('location')!;
          }
          if (workId && state !== 'posted')
            await t.db.updateTable('works').set(STATES[state]).where('id', '=', workId).execute();
          made.push({ kind, state, isPrivate, key, itemPage });
        }
      }
    }
    expect(await t.db.selectFrom('bookmarks').select('id').execute()).toHaveLength(made.length);

    const viewers = { guest, owner, other } as const;
    for (const [who, browser] of Object.entries(viewers)) {
      const userPage = await browser.page(`/users/${fan.username}/bookmarks`);
      const recent = await browser.page('/bookmarks?own_tag=matrix');
      for (const b of made) {
        const itemListed = b.state === 'posted' || (b.state === 'restricted' && who !== 'guest');
        const shown = !b.isPrivate && itemListed;
        const where = `${who} / ${b.key}`;
        // The owner sees every bookmark of theirs on their page; the title only where they may see the item.
        expect(userPage.includes(`note ${b.key}<`), `notes on the user page: ${where}`).toBe(who === 'owner' || shown);
        expect(userPage.includes(`>Title ${b.key}<`), `title on the user page: ${where}`).toBe(
          (who === 'owner' && itemListed) || shown,
        );
        expect(recent.includes(`note ${b.key}<`), `notes on /bookmarks: ${where}`).toBe(shown);
        expect(recent.includes(`Title ${b.key}`), `title on /bookmarks: ${where}`).toBe(shown);
        const item = await browser.get(b.itemPage);
        expect(item.status === 200, `item page: ${where}`).toBe(itemListed);
        if (item.status === 200) expect((await item.text()).includes(`note ${b.key}<`), where).toBe(!b.isPrivate);
      }
    }
    const own = await owner.page(`/users/${fan.username}/bookmarks`);
    // Deleted works, and series with nothing left to see, say so (both flags); a work turned draft is "not available".
    expect(own.match(/This has been deleted, sorry!/g)).toHaveLength(6);
    expect(own.match(/This work is not available\./g)).toHaveLength(2);
  });

  it('counts only public work bookmarks in works.bookmarks_count, as the flag changes and the bookmark goes', async () => {
    const app = makeTestApp(t.db);
    const writer = await makeUser(t.db);
    const fan = await makeUser(t.db);
    const browser = new Browser(app);
    await signIn(browser, t.db, fan);
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Counting Tides', [{ title: 'Low Tide' }]);
    const count = async () =>
      (await t.db.selectFrom('works').select('bookmarks_count').where('id', '=', workIds[0]).executeTakeFirstOrThrow())
        .bookmarks_count;
    await browser.post(`/series/${seriesId}/bookmarks/new`, { notes: 'the series' });
    expect(await count()).toBe(0);
    await browser.post(`/works/${workIds[0]}/bookmarks/new`, { is_private: '1' });
    expect(await count()).toBe(0);
    const own = await t.db
      .selectFrom('bookmarks')
      .select('id')
      .where('work_id', '=', workIds[0])
      .executeTakeFirstOrThrow();
    await browser.post(`/bookmarks/${own.id}/edit`, {});
    expect(await count()).toBe(1);
    const seriesPage = await browser.page(`/series/${seriesId}`);
    expect(seriesPage).toContain(`<a href="/series/${seriesId}/bookmarks">1</a>`);
    await browser.post(`/bookmarks/${own.id}/delete`, {});
    expect(await count()).toBe(0);
  });
});
