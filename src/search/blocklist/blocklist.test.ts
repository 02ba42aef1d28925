import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import type { User } from '../../accounts/accounts.table.ts';
import { rederiveWorkFilterTags } from '../../indexing/filter-tags.ts';
import { Browser, makeTestApp } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../../test/support/factories.ts';

function mainOf(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

function titles(html: string): string[] {
  return [...mainOf(html).matchAll(/<h2 class="heading"><a href="\/works\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();
}

async function wrangleAll(db: Db, names: string[]) {
  await db.updateTable('tags').set({ is_canonical: 1 }).where('name', 'in', names).execute();
  const works = await db.selectFrom('works').select('id').execute();
  await rederiveWorkFilterTags(
    db,
    works.map((w) => w.id),
  );
}

forEachDatabase('the personal blocklist', (t) => {
  let reader: Browser;
  let readerUser: User;
  let quillId: number;

  beforeAll(async () => {
    const quill = await makeUser(t.db, { username: 'quillmoth' });
    const other = await makeUser(t.db, { username: 'tidewriter' });
    quillId = await makeWork(t.db, quill, { title: 'Ink and Feathers', freeforms: ['Fluff'] });
    await makeWork(t.db, other, { title: 'Salt Crossing', freeforms: ['Angst'] });
    await makeWork(t.db, other, {
      title: 'Many Tagged',
      freeforms: ['Fluff', 'Angst', 'Tea', 'Rain', 'Boats', 'Lamps', 'Maps', 'Ropes'],
    });
    await makeWork(t.db, other, { title: 'Long Ago Unfinished', expectedChapters: null, publishedOn: '2015-03-01' });
    await wrangleAll(t.db, ['Fluff', 'Angst']);
    readerUser = await makeUser(t.db);
    reader = new Browser(makeTestApp(t.db));
    await signIn(reader, t.db, readerUser);
  });

  it('hides blocked tags from results and counts, and says how many it hid with a way to see them', async () => {
    const before = await reader.page('/works');
    expect(titles(before)).toHaveLength(4);
    const response = await reader.post('/blocklist/tags', { name: 'fluff', return_to: '/works' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/works');
    const after = await reader.page('/works');
    expect(titles(after)).toEqual(['Long Ago Unfinished', 'Salt Crossing']);
    expect(mainOf(after)).toContain('1 – 2 of 2 Works');
    expect(mainOf(after)).toContain('2 works hidden by your blocklist.');
    // The facet counts leave the hidden works out too.
    expect(mainOf(after)).toMatch(/Angst <span class="facet-count">\(1\)<\/span>/);
    const shown = await reader.page('/works?blocked=show');
    expect(titles(shown)).toHaveLength(4);
    expect(mainOf(shown)).toContain('Showing the works your blocklist hides.');
    const rows = await t.db.selectFrom('blocked_tags').select('tag_id').where('user_id', '=', readerUser.id).execute();
    expect(rows).toHaveLength(1);
    await reader.post(`/blocklist/tag/${rows[0].tag_id}/remove`, {});
  });

  it('hides a blocked creator’s works but never unmasks their anonymous ones', async () => {
    const quill = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'quillmoth')
      .executeTakeFirstOrThrow();
    const anonymous = await makeWork(t.db, { id: quill.id } as User, { title: 'Unsigned Letter' });
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', '=', anonymous).execute();
    await reader.post('/blocklist/creators', { name: 'quillmoth' });
    const html = await reader.page('/works');
    expect(titles(html)).not.toContain('Ink and Feathers');
    expect(titles(html)).toContain('Unsigned Letter');
    const pseud = await t.db
      .selectFrom('blocked_creators')
      .select('pseud_id')
      .where('user_id', '=', readerUser.id)
      .executeTakeFirstOrThrow();
    await reader.post(`/blocklist/creator/${pseud.pseud_id}/remove`, {});
    await t.db.deleteFrom('works').where('id', '=', anonymous).execute();
  });

  it('hides single works, works with too many tags and stale works in progress', async () => {
    await reader.post('/blocklist/works', { work: `https://archive.example/works/${quillId}` });
    await reader.post('/blocklist/rules', { max_tags: '5', stale_months: '12' });
    const html = await reader.page('/works');
    expect(titles(html)).toEqual(['Salt Crossing']);
    expect(mainOf(html)).toContain('3 works hidden by your blocklist.');
    const page = await reader.page('/blocklist');
    expect(mainOf(page)).toContain('Ink and Feathers');
    expect(mainOf(page)).toMatch(/name="max_tags" inputmode="numeric" value="5"/);
  });

  it('refuses what it cannot find, and is only for logged-in readers', async () => {
    const response = await reader.post('/blocklist/tags', { name: 'No Such Tag' });
    expect(response.status).toBe(303);
    expect(await reader.page('/blocklist')).toContain('There is no tag named “No Such Tag”.');
    const bad = await reader.post('/blocklist/rules', { max_tags: 'lots' });
    expect(bad.status).toBe(303);
    const guest = new Browser(makeTestApp(t.db));
    const gate = await guest.get('/blocklist');
    expect(gate.status).toBe(303);
    expect(gate.headers.get('location')).toBe('/login?return_to=%2Fblocklist');
  });
});
