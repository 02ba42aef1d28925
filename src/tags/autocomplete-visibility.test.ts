import { expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import type { Suggestion } from './page-queries.ts';

/**
 * Autocomplete offers a tag, and counts its uses, only through works the
 * asker may see: otherwise a draft's or a restricted work's tag would tell
 * a guest that such a work exists.
 */
forEachDatabase('tag autocomplete and who may see the works behind a tag', (t) => {
  it('offers tags and counts uses only through works the viewer may list, on the page route and the API', async () => {
    const writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    await makeWork(t.db, writer, { characters: ['Quillon Public'] });
    await makeWork(t.db, writer, { characters: ['Quillon Public', 'Quillon Restricted'], isRestricted: true });
    await makeWork(t.db, writer, { characters: ['Quillon Draft'], post: false });
    const hidden = await makeWork(t.db, writer, { characters: ['Quillon Hidden'] });
    const deleted = await makeWork(t.db, writer, { characters: ['Quillon Deleted'] });
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', hidden).execute();
    await t.db.updateTable('works').set({ deleted_at: '2026-11-30T00:00:00.000Z' }).where('id', '=', deleted).execute();

    const names = async (response: Response) =>
      ((await response.json()) as Suggestion[]).map((s) => `${s.name}:${s.uses}`).sort();
    const app = makeTestApp(t.db);
    const guest = new Browser(app);
    const member = new Browser(app);
    await signIn(member, t.db, reader);
    const token = (await createCredential(t.db, reader.id, 'autocomplete', 'read')).secret;
    const api = (headers: Record<string, string> = {}) =>
      app.request(`${TEST_ORIGIN}/api/v1/tags/autocomplete?q=quillon`, { headers });

    const forGuests = ['Quillon Public:1'];
    const forMembers = ['Quillon Public:2', 'Quillon Restricted:1'];
    expect(await names(await guest.get('/tags/autocomplete?q=quillon'))).toEqual(forGuests);
    expect(await names(await api())).toEqual(forGuests);
    expect(await names(await member.get('/tags/autocomplete?q=quillon'))).toEqual(forMembers);
    expect(await names(await api({ authorization: `Bearer ${token}` }))).toEqual(forMembers);
  });
});
