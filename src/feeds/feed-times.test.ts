/**
 * Feeds and the OPDS catalog date entries with real times: a work changed
 * today carries the time it changed, not midnight; a work backdated to an
 * earlier day (an import) keeps that day; a catalog is as new as the newest
 * work its reader may list, never a draft's edit.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { parseAtomFeed, textOf, type XmlNode } from './atom-check.test-helper.ts';

const byId = (entries: XmlNode[], path: string) => entries.find((e) => textOf(e.id) === `${TEST_ORIGIN}${path}`)!;
const atomOf = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

forEachDatabase('feed times', (t) => {
  it('dates entries by the time the work changed, and a backdated work by its day', async () => {
    const writer = await makeUser(t.db, { username: 'clockwatcher' });
    const fresh = await makeWork(t.db, writer, { title: 'Fresh Ink' });
    const backdated = await makeWork(t.db, writer, { title: 'Old Letters', publishedOn: '2024-02-01' });
    const revised = async (id: number) =>
      (await t.db.selectFrom('works').select('revised_at').where('id', '=', id).executeTakeFirstOrThrow()).revised_at;
    const browser = new Browser(makeTestApp(t.db));

    const { entries } = parseAtomFeed(await (await browser.get('/users/clockwatcher/works.atom')).text());
    expect(textOf(byId(entries, `/works/${fresh}`).updated)).toBe(atomOf(await revised(fresh)));
    expect(textOf(byId(entries, `/works/${fresh}`).updated)).not.toMatch(/T00:00:00Z$/);
    expect(textOf(byId(entries, `/works/${backdated}`).updated)).toBe('2024-02-01T00:00:00Z');

    const chapters = parseAtomFeed(await (await browser.get(`/works/${fresh}/chapters.atom`)).text());
    expect(textOf(chapters.entries[0]!.updated)).not.toMatch(/T00:00:00Z$/);

    const opds = parseAtomFeed(await (await browser.get('/opds/new')).text());
    expect(textOf(byId(opds.entries, `/works/${fresh}`).updated)).toBe(atomOf(await revised(fresh)));
    expect(textOf(opds.feed.updated)).toBe(atomOf(await revised(fresh)));
  });

  it('dates the catalog by the newest work its reader may list, not by a draft edited later', async () => {
    const writer = await makeUser(t.db);
    const listed = await makeWork(t.db, writer, { title: 'Listed Lamp' });
    const listedAt = (
      await t.db.selectFrom('works').select('revised_at').where('id', '=', listed).executeTakeFirstOrThrow()
    ).revised_at;
    const draft = await makeWork(t.db, writer, { title: 'Secret Lamp', post: false });
    await t.db.updateTable('works').set({ revised_at: '2099-01-01T00:00:00.000Z' }).where('id', '=', draft).execute();
    const root = parseAtomFeed(await (await new Browser(makeTestApp(t.db)).get('/opds')).text());
    expect(textOf(root.feed.updated) >= atomOf(listedAt)).toBe(true);
    expect(textOf(root.feed.updated)).not.toBe('2099-01-01T00:00:00Z');
  });
});
