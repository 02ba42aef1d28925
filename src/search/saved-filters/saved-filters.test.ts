import { beforeAll, expect, it } from 'vitest';
import type { User } from '../../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../../test/support/factories.ts';

function mainOf(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

function titles(html: string): string[] {
  return [...mainOf(html).matchAll(/<h2 class="heading"><a href="\/works\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();
}

forEachDatabase('saved filters', (t) => {
  let reader: Browser;
  let readerUser: User;

  beforeAll(async () => {
    const writer = await makeUser(t.db, { username: 'harbourwriter' });
    await makeWork(t.db, writer, { title: 'Gentle Tides', rating: 'General Audiences' });
    await makeWork(t.db, writer, { title: 'Dark Waters', rating: 'Mature' });
    readerUser = await makeUser(t.db);
    reader = new Browser(makeTestApp(t.db));
    await signIn(reader, t.db, readerUser);
  });

  it('saves the current filters under a name, canonical, and offers them in the sidebar', async () => {
    const response = await reader.post('/saved-filters', {
      name: 'Only gentle',
      query: 'rating=general%20audiences&page=3&words_min=',
      return_to: '/works?rating=General+Audiences',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/works?rating=General+Audiences');
    const rows = await t.db.selectFrom('saved_filters').selectAll().where('user_id', '=', readerUser.id).execute();
    expect(rows.map((r) => [r.name, r.query, r.is_default])).toEqual([['Only gentle', 'rating=General+Audiences', 0]]);
    const html = await reader.page('/works');
    expect(mainOf(html)).toContain('Saved your filters as “Only gentle”.');
    expect(mainOf(html)).toContain('href="/works?rating=General+Audiences">Only gentle</a>');
    expect(titles(html)).toEqual(['Dark Waters', 'Gentle Tides']);
  });

  it('applies the default filters to a listing opened without filters, with a way round them', async () => {
    await reader.post('/saved-filters', { name: 'only gentle', query: 'rating=General+Audiences', make_default: '1' });
    const rows = await t.db.selectFrom('saved_filters').selectAll().where('user_id', '=', readerUser.id).execute();
    expect(rows.map((r) => [r.name, r.is_default])).toEqual([['only gentle', 1]]);
    const html = await reader.page('/works');
    expect(titles(html)).toEqual(['Gentle Tides']);
    expect(mainOf(html)).toContain('Your default filters “only gentle” are applied.');
    expect(titles(await reader.page('/works?defaults=off'))).toEqual(['Dark Waters', 'Gentle Tides']);
    expect(titles(await reader.page('/users/harbourwriter/works'))).toEqual(['Gentle Tides']);
    // Filters in the address win over the default.
    expect(titles(await reader.page('/works?rating=Mature'))).toEqual(['Dark Waters']);
    // Other readers are untouched.
    expect(titles(await new Browser(makeTestApp(t.db)).page('/works'))).toEqual(['Dark Waters', 'Gentle Tides']);
  });

  it('lists, un-defaults and deletes saved filters, only for their owner', async () => {
    const [row] = await t.db.selectFrom('saved_filters').select('id').where('user_id', '=', readerUser.id).execute();
    expect(mainOf(await reader.page('/saved-filters'))).toContain('only gentle');
    const stranger = new Browser(makeTestApp(t.db));
    await signIn(stranger, t.db, await makeUser(t.db));
    expect((await stranger.post(`/saved-filters/${row.id}/delete`, {})).status).toBe(404);
    await reader.post(`/saved-filters/${row.id}/default`, { is_default: '0' });
    expect(titles(await reader.page('/works'))).toEqual(['Dark Waters', 'Gentle Tides']);
    expect((await reader.post(`/saved-filters/${row.id}/delete`, {})).status).toBe(303);
    expect(await t.db.selectFrom('saved_filters').select('id').where('user_id', '=', readerUser.id).execute()).toEqual(
      [],
    );
  });

  it('asks for a name', async () => {
    const response = await reader.post('/saved-filters', { name: '  ', query: 'rating=Mature', return_to: '/works' });
    expect(response.status).toBe(303);
    expect(await reader.page('/works')).toContain('Give the filters a name.');
  });
});
