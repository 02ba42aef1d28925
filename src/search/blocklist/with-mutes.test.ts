/**
 * Muting someone takes their works out of every listing the muter sees —
 * results, the total, the facet counts — on SQL and in the in-memory index,
 * by the blocklist's creator rule: every pseud of theirs, one made after the
 * mute too, and never their anonymous works. "Show what the blocklist
 * hides" does not bring them back; unmuting does. Other readers see
 * everything.
 */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../../accounts/accounts.table.ts';
import { createCredential } from '../../accounts/credentials.ts';
import { createPseud } from '../../accounts/queries.ts';
import type { Db } from '../../db/database.ts';
import { tagSlug } from '../../tags/names.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../../test/support/factories.ts';
import { rederiveWorkFilterTags } from '../../indexing/filter-tags.ts';
import { startMemoryIndex } from '../memory/work-index.ts';

/** A second handle on the database, so the in-memory index it keeps is this test's own. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

function mainOf(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

function titles(html: string): string[] {
  return [...mainOf(html).matchAll(/<h2 class="heading"><a href="\/works\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();
}

function facetCount(html: string, tag: string): number | null {
  const match = mainOf(html).match(new RegExp(`${tag} <span class="facet-count">\\((\\d+)\\)</span>`));
  return match ? Number(match[1]) : null;
}

forEachDatabase('muted people in listings', (t) => {
  let muted: User;
  let memoryDb: Db;

  beforeAll(async () => {
    muted = await makeUser(t.db, { username: 'driftwoodpen' });
    const other = await makeUser(t.db, { username: 'harbourlight' });
    await makeWork(t.db, muted, { title: 'Gull Weather', freeforms: ['Seaside', 'Kites'] });
    await makeWork(t.db, muted, { title: 'Tidepool Letters', freeforms: ['Seaside'] });
    const unsigned = await makeWork(t.db, muted, { title: 'Unsigned Postcard', freeforms: ['Seaside'] });
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', '=', unsigned).execute();
    await makeWork(t.db, other, { title: 'Lamp Oil', freeforms: ['Seaside', 'Kites'] });
    await makeWork(t.db, other, { title: 'Rope Knots', freeforms: ['Kites'] });
    await t.db.updateTable('tags').set({ is_canonical: 1 }).where('name', 'in', ['Seaside', 'Kites']).execute();
    const works = await t.db.selectFrom('works').select('id').execute();
    await rederiveWorkFilterTags(
      t.db,
      works.map((w) => w.id),
    );
    memoryDb = t.db.withPlugin(passThrough);
    const index = startMemoryIndex(memoryDb)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  });

  const EVERYONE = ['Gull Weather', 'Lamp Oil', 'Rope Knots', 'Tidepool Letters', 'Unsigned Postcard'];
  const UNMUTED = ['Lamp Oil', 'Rope Knots', 'Unsigned Postcard'];

  for (const where of ['SQL', 'the in-memory index'] as const) {
    it(`hides a muted person’s works, counts and facet counts, until unmuted (${where})`, async () => {
      const db = where === 'SQL' ? t.db : memoryDb;
      const reader = new Browser(makeTestApp(db));
      await signIn(reader, db, await makeUser(db));
      const bystander = new Browser(makeTestApp(db));
      await signIn(bystander, db, await makeUser(db));

      const before = await reader.page('/works');
      expect(titles(before)).toEqual(EVERYONE);
      expect(facetCount(before, 'Seaside')).toBe(4);

      expect((await reader.post('/users/driftwoodpen/mute')).status).toBe(303);
      const after = await reader.page('/works');
      expect(titles(after)).toEqual(UNMUTED);
      expect(mainOf(after)).toContain('1 – 3 of 3 Works');
      expect(facetCount(after, 'Seaside')).toBe(2);
      expect(facetCount(after, 'Kites')).toBe(2);
      // Muting is not the blocklist: no "hidden by your blocklist" note, and showing the blocklist keeps them out.
      expect(mainOf(after)).not.toContain('hidden by your blocklist');
      expect(titles(await reader.page('/works?blocked=show'))).toEqual(UNMUTED);

      const tagPage = await reader.page(`/tags/${tagSlug('Seaside')}/works`);
      expect(titles(tagPage)).toEqual(['Lamp Oil', 'Unsigned Postcard']);
      expect(mainOf(tagPage)).toContain('1 – 2 of 2 Works');
      expect(facetCount(tagPage, 'Kites')).toBe(1);
      // Every fixture chapter mentions the harbour.
      const search = await reader.page('/works/search?q=harbour');
      expect(titles(search)).toEqual(UNMUTED);
      expect(mainOf(search)).toContain('1 – 3 of 3 Works');
      expect(titles(await reader.page('/users/driftwoodpen/works'))).toEqual([]);
      // Someone who muted no one still sees it all.
      expect(titles(await bystander.page('/works'))).toEqual(EVERYONE);

      // A pseud made after the mute is theirs too.
      const pseud = (await createPseud(db, muted.id, { name: `Spray${where.length}`, description: '' }))!;
      const late = await makeWork(db, muted, {
        title: 'Late Squall',
        freeforms: ['Seaside'],
        creatorPseudIds: [pseud.id],
      });
      expect(titles(await bystander.page('/works'))).toContain('Late Squall');
      const later = await reader.page('/works');
      expect(titles(later)).toEqual(UNMUTED);
      expect(facetCount(later, 'Seaside')).toBe(2);

      await reader.post('/users/driftwoodpen/unmute');
      const restored = await reader.page('/works');
      expect(titles(restored)).toEqual([...EVERYONE, 'Late Squall'].sort());
      expect(facetCount(restored, 'Seaside')).toBe(5);
      await db.deleteFrom('works').where('id', '=', late).execute();
    });
  }

  it('counts only what the blocklist hid when a reader both blocklists and mutes', async () => {
    const reader = new Browser(makeTestApp(t.db));
    await signIn(reader, t.db, await makeUser(t.db));
    await reader.post('/users/driftwoodpen/mute');
    await reader.post('/blocklist/creators', { name: 'harbourlight' });
    const html = await reader.page('/works');
    expect(titles(html)).toEqual(['Unsigned Postcard']);
    expect(mainOf(html)).toContain('2 works hidden by your blocklist.');
    expect(titles(await reader.page('/works?blocked=show'))).toEqual(UNMUTED);
  });

  it('leaves them out of the reader’s API and OPDS listings too', async () => {
    const readerUser = await makeUser(t.db);
    const reader = new Browser(makeTestApp(t.db));
    await signIn(reader, t.db, readerUser);
    await reader.post('/users/driftwoodpen/mute');
    const app = makeTestApp(t.db);
    const token = (await createCredential(t.db, readerUser.id, 'app', 'read')).secret;
    const api = await app.request(`${TEST_ORIGIN}/api/v1/works`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    const listed = (await api.json()) as { works: Array<{ title: string }>; total: number };
    expect(listed.works.map((w) => w.title).sort()).toEqual(UNMUTED);
    expect(listed.total).toBe(3);
    const guestApi = (await (await app.request(`${TEST_ORIGIN}/api/v1/works`)).json()) as { total: number };
    expect(guestApi.total).toBe(5);

    const password = (await createCredential(t.db, readerUser.id, 'e-reader', 'opds')).secret;
    const basic = `Basic ${Buffer.from(`${readerUser.username}:${password}`).toString('base64')}`;
    const opds = await app.request(`${TEST_ORIGIN}/opds/new`, { headers: { authorization: basic } });
    expect(opds.status).toBe(200);
    const feed = await opds.text();
    expect(feed).toContain('Lamp Oil');
    expect(feed).not.toContain('Gull Weather');
    expect(feed).not.toContain('Tidepool Letters');
  });
});
