/**
 * The settings honoured on every surface, not only at the door: with downloads off no OPDS entry, API answer
 * or series page offers a download; with guest comments off a guest meets no comment box and no Reply on the
 * work page, a chapter page, a work's comment pages or a comment's permalink.
 */
import { expect, it } from 'vitest';
import { Browser, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeWork, signIn } from '../../test/support/factories.ts';
import { makeMember } from '../comments/comments.test-helper.ts';
import { linksOf, parseAtomFeed } from '../feeds/atom-check.test-helper.ts';
import { ACQUISITION_REL } from '../opds/catalog.ts';
import { makeSettingsApp, setSettings } from './settings.test-helper.ts';

forEachDatabase('settings honoured everywhere', (t) => {
  it('downloads off: OPDS entries, the API and the series page offer no download', async () => {
    const app = makeSettingsApp(t.db);
    const writer = await makeMember(t.db);
    const workId = await makeWork(t.db, writer, {
      title: 'Tidewater Almanac',
      series: [{ newTitle: 'Almanacs' }],
    });
    const seriesId = (
      await t.db.selectFrom('series_works').select('series_id').where('work_id', '=', workId).executeTakeFirstOrThrow()
    ).series_id;
    const reader = new Browser(app);
    const acquisitions = async () => {
      const { entries } = parseAtomFeed(await reader.page('/opds/new'));
      const entry = entries.find((e) => e.title === 'Tidewater Almanac');
      expect(entry).toBeDefined();
      return linksOf(entry!).filter((l) => l.rel === ACQUISITION_REL);
    };
    const apiDownloads = async () =>
      ((await (await app.request(`${TEST_ORIGIN}/api/v1/works/${workId}`)).json()) as { downloads: unknown[] })
        .downloads;

    expect((await acquisitions()).length).toBeGreaterThan(0);
    expect((await apiDownloads()).length).toBeGreaterThan(0);
    expect(await reader.page(`/series/${seriesId}`)).toContain(`/series/${seriesId}/download.epub`);

    await setSettings(t.db, { downloads: false });
    try {
      expect(await acquisitions()).toEqual([]);
      expect(await apiDownloads()).toEqual([]);
      expect(await reader.page(`/series/${seriesId}`)).not.toContain('download.epub');
    } finally {
      await setSettings(t.db, { downloads: true });
    }
  });

  it('guest comments off: a guest finds no comment box and no Reply anywhere; a member still does', async () => {
    const app = makeSettingsApp(t.db);
    const writer = await makeMember(t.db);
    const workId = await makeWork(t.db, writer, {
      commentPermission: 'everyone',
      chapters: [chapter('<p>The first tide.</p>'), chapter('<p>The second tide.</p>')],
    });
    const [first] = await t.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
    const member = new Browser(app);
    await signIn(member, t.db, await makeMember(t.db));
    expect((await member.post(`/works/${workId}/comments`, { body: 'The gulls were perfect.' })).status).toBe(303);
    expect(
      (await member.post(`/works/${workId}/comments`, { body: 'The second tide too.', chapter_id: String(first!.id) }))
        .status,
    ).toBe(303);
    const [onWork, onChapter] = await t.db
      .selectFrom('comments')
      .select('id')
      .where('work_id', '=', workId)
      .orderBy('id')
      .execute();
    const pages = [
      `/works/${workId}`,
      `/works/${workId}?view_full_work=true`,
      `/works/${workId}/chapters/${first!.id}`,
      `/works/${workId}/comments`,
      `/comments/${onWork!.id}`,
      `/comments/${onChapter!.id}`,
    ];
    const offersReply = (html: string) => />\s*Reply\s*</.test(html) || html.includes('/reply"');
    const guest = new Browser(app);
    for (const path of pages) {
      const html = await guest.page(path);
      expect(offersReply(html) || html.includes('name="guest_name"'), path).toBe(true);
    }

    await setSettings(t.db, { guestComments: false });
    try {
      for (const path of pages) {
        const html = await guest.page(path);
        expect(html, path).not.toContain('name="guest_name"');
        expect(offersReply(html), path).toBe(false);
        expect(html, path).toMatch(/The gulls were perfect\.|The second tide too\./);
      }
      const reply = await guest.post(`/comments/${onWork!.id}/reply`, {
        guest_name: 'Passer-by',
        guest_email: 'passer@example.test',
        body: 'Me too.',
      });
      expect(reply.status).toBe(403);
      // Members are not guests: their boxes and Reply links stay.
      for (const path of pages) expect(offersReply(await member.page(path)), path).toBe(true);
    } finally {
      await setSettings(t.db, { guestComments: true });
    }
  });
});
