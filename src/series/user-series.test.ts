import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { makeSeries, putInState } from './series.test-helper.ts';
import { SERIES_PER_PAGE } from './user-series-routes.tsx';

forEachDatabase("a user's series", (t) => {
  let writer: User;
  let guest: Browser;
  let member: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    guest = new Browser(makeTestApp(t.db));
    member = new Browser(makeTestApp(t.db));
    await signIn(member, t.db, await makeUser(t.db));
  });

  const seriesLinks = (html: string) => [...html.matchAll(/<a href="\/series\/(\d+)">/g)].map((m) => Number(m[1]));

  it('lists only series with a work the viewer may see, links from the user page, and pages', async () => {
    const open = await makeSeries(t.db, writer, 'Open Sea', [{ title: 'Gull' }, { title: 'Tern' }]);
    const locked = await makeSeries(t.db, writer, 'Locked Sea', [{ title: 'Seal' }]);
    await putInState(t.db, locked.workIds[0], 'restricted');
    const drafted = await makeSeries(t.db, writer, 'Draft Sea', [{ title: 'Crab', post: false }]);
    const anonymous = await makeSeries(t.db, writer, 'Nameless Sea', [{ title: 'Eel' }]);
    await putInState(t.db, anonymous.workIds[0], 'anonymous');

    const profile = await guest.page(`/users/${writer.username}`);
    expect(profile).toContain(`<a href="/users/${writer.username}/series">Series by ${writer.username}</a>`);

    const asGuest = await guest.page(`/users/${writer.username}/series`);
    expect(seriesLinks(asGuest)).toEqual([open.seriesId]);
    expect(asGuest).toContain('<dt>Works:</dt><dd>2</dd>');
    const asMember = await member.page(`/users/${writer.username}/series`);
    expect(seriesLinks(asMember)).toEqual([locked.seriesId, open.seriesId]);
    expect(asMember).not.toContain('Draft Sea');
    // A series of anonymous works would give its creator away.
    expect(asMember).not.toContain('Nameless Sea');
    expect(seriesLinks(asMember)).not.toContain(drafted.seriesId);

    for (let i = 0; i < SERIES_PER_PAGE; i++) await makeSeries(t.db, writer, `Wave ${i}`, [{ title: `Ripple ${i}` }]);
    const first = await guest.page(`/users/${writer.username}/series`);
    expect(seriesLinks(first)).toHaveLength(SERIES_PER_PAGE);
    expect(first).not.toContain('Open Sea');
    expect(first).toContain(`<a rel="next" href="/users/${writer.username}/series?page=2">`);
    expect(seriesLinks(await guest.page(`/users/${writer.username}/series?page=2`))).toEqual([open.seriesId]);
    expect((await guest.get('/users/nobody-here/series')).status).toBe(404);
  });
});
