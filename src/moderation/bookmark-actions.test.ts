/** Reports of bookmarks: hiding one leaves it to its owner and moderators, deleting it removes it; links on every page. */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { makeUser, makeWork, signIn, makeStaff } from '../../test/support/factories.ts';
import type { App } from '../server.ts';
import { listAuditEntriesFor } from '../audit/queries.ts';
import { makeSeries } from '../series/series.test-helper.ts';

forEachDatabase('bookmark reports', (t) => {
  let app: App;
  beforeAll(() => {
    app = makeTestApp(t.db);
  });

  async function signedIn(role?: 'moderator') {
    const user = await makeUser(t.db);
    if (role) await makeStaff(t.db, user.id, role);
    const browser = new Browser(app);
    await signIn(browser, t.db, user);
    return { user, browser };
  }

  const bookmarksCount = async (workId: number) =>
    (await t.db.selectFrom('works').select('bookmarks_count').where('id', '=', workId).executeTakeFirstOrThrow())
      .bookmarks_count;

  it('hides a reported bookmark from everyone but its owner and moderators, and deletes another', async () => {
    const creator = await makeUser(t.db);
    const workId = await makeWork(t.db, creator, { title: 'Cliff Path' });
    const { user: owner, browser: own } = await signedIn();
    expect((await own.post(`/works/${workId}/bookmarks/new`, { notes: 'Buy followers at my site' })).status).toBe(303);
    const bookmark = await t.db
      .selectFrom('bookmarks')
      .select('id')
      .where('user_id', '=', owner.id)
      .executeTakeFirstOrThrow();
    const { browser: reader } = await signedIn();
    expect(await reader.page(`/works/${workId}/bookmarks`)).toContain(
      `/reports/new?type=bookmark&amp;id=${bookmark.id}`,
    );
    expect(
      (
        await reader.post('/reports', {
          type: 'bookmark',
          id: String(bookmark.id),
          category: 'spam',
          description: 'An advert.',
        })
      ).status,
    ).toBe(303);
    expect(await bookmarksCount(workId)).toBe(1);

    const { browser: mod } = await signedIn('moderator');
    const item = await mod.page(`/admin/reports/bookmark/${bookmark.id}`);
    expect(item).toContain('value="hide"');
    const resolved = await mod.post(`/admin/reports/bookmark/${bookmark.id}/resolve`, {
      resolution: 'hide',
      reason: 'Advertising.',
    });
    expect(resolved.status).toBe(303);
    expect(await bookmarksCount(workId)).toBe(0);
    for (const path of [`/works/${workId}/bookmarks`, `/users/${owner.username}/bookmarks`]) {
      expect(await reader.page(path), path).not.toContain('Buy followers');
      expect(await new Browser(app).page(path), path).not.toContain('Buy followers');
      expect(await mod.page(path), path).toContain('Buy followers');
    }
    const ownPage = await own.page(`/users/${owner.username}/bookmarks`);
    expect(ownPage).toContain('Buy followers');
    expect(ownPage).toContain('Hidden by a moderator');
    expect((await listAuditEntriesFor(t.db, 'bookmark', bookmark.id)).map((e) => e.action)).toEqual(['bookmark.hide']);

    const { user: other, browser: otherBrowser } = await signedIn();
    await otherBrowser.post(`/works/${workId}/bookmarks/new`, { notes: 'More adverts here' });
    const second = await t.db
      .selectFrom('bookmarks')
      .select('id')
      .where('user_id', '=', other.id)
      .executeTakeFirstOrThrow();
    await reader.post('/reports', { type: 'bookmark', id: String(second.id), category: 'spam', description: 'Again.' });
    expect(await bookmarksCount(workId)).toBe(1);
    await mod.post(`/admin/reports/bookmark/${second.id}/resolve`, { resolution: 'delete', reason: 'Spam.' });
    expect(
      await t.db.selectFrom('bookmarks').select('id').where('id', '=', second.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await bookmarksCount(workId)).toBe(0);
  });

  it('shows a Report link on comment, series and user pages', async () => {
    const creator = await makeUser(t.db);
    const workId = await makeWork(t.db, creator);
    const { browser } = await signedIn();
    await browser.post(`/works/${workId}/comments`, { body: 'The ending was lovely.' });
    const comment = await t.db
      .selectFrom('comments')
      .select('id')
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(await browser.page(`/works/${workId}`)).toContain(`/reports/new?type=comment&amp;id=${comment.id}`);
    const { seriesId } = await makeSeries(t.db, creator, 'Paths', [{}]);
    expect(await browser.page(`/series/${seriesId}`)).toContain(`/reports/new?type=series&amp;id=${seriesId}`);
    expect(await browser.page(`/users/${creator.username}`)).toContain(`/reports/new?type=user&amp;id=${creator.id}`);
  });
});
