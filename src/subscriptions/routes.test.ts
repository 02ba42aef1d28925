import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { makeSeries, putInState } from '../series/series.test-helper.ts';
import { tagPath } from '../tags/names.ts';
import { findReader, insertSubscription } from './queries.ts';
import { unsubscribeUrl } from './unsubscribe-links.ts';

forEachDatabase('subscribing on the site', (t) => {
  let writer: User;
  let reader: User;
  let other: User;
  let guest: Browser;
  let member: Browser;
  let otherBrowser: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    reader = await makeUser(t.db);
    other = await makeUser(t.db);
    guest = new Browser(makeTestApp(t.db));
    member = new Browser(makeTestApp(t.db));
    otherBrowser = new Browser(makeTestApp(t.db));
    await signIn(member, t.db, reader);
    await signIn(otherBrowser, t.db, other);
  });

  const rows = (userId: number) =>
    t.db.selectFrom('subscriptions').select(['id', 'kind', 'target_id']).where('user_id', '=', userId).execute();

  it('subscribes from the work page and unsubscribes, coming back with a message', async () => {
    const work = await makeWork(t.db, writer, { title: 'Copper Kettle' });
    expect(await guest.page(`/works/${work}`)).not.toContain('action="/subscriptions"');
    const page = await member.page(`/works/${work}`);
    expect(page).toContain('<button type="submit">Subscribe</button>');

    const response = await member.post('/subscriptions', {
      kind: 'work',
      target_id: String(work),
      return_to: `/works/${work}`,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/works/${work}`);
    const [row] = await rows(reader.id);
    expect(row).toMatchObject({ kind: 'work', target_id: work });
    const after = await member.page(`/works/${work}`);
    expect(after).toContain('You are subscribed to this work.');
    expect(after).toContain(`action="/subscriptions/${row.id}/delete"`);

    // Someone else cannot remove it.
    expect((await otherBrowser.post(`/subscriptions/${row.id}/delete`)).status).toBe(404);
    const gone = await member.post(`/subscriptions/${row.id}/delete`, { return_to: `/works/${work}` });
    expect(gone.status).toBe(303);
    expect(await rows(reader.id)).toEqual([]);
    expect(await member.page(`/works/${work}`)).toContain('You are unsubscribed.');
  });

  it('subscribes from the series page and a creator’s page, and not to oneself', async () => {
    const { seriesId } = await makeSeries(t.db, writer, 'Iron Bridge', [{ title: 'Iron Bridge One' }]);
    const series = await member.page(`/series/${seriesId}`);
    expect(series).toContain(`<input type="hidden" name="kind" value="series"/>`);
    expect(await guest.page(`/series/${seriesId}`)).not.toContain('action="/subscriptions"');
    const first = await member.post('/subscriptions', {
      kind: 'series',
      target_id: String(seriesId),
      return_to: `/series/${seriesId}`,
    });
    expect(first.headers.get('location')).toBe(`/series/${seriesId}`);
    await member.post('/subscriptions', {
      kind: 'series',
      target_id: String(seriesId),
      return_to: `/series/${seriesId}`,
    });
    expect(await member.page(`/series/${seriesId}`)).toContain('You were already subscribed to this series.');

    expect(await member.page(`/users/${writer.username}`)).toContain(`name="kind" value="creator"`);
    expect(await member.page(`/users/${reader.username}`)).not.toContain(`name="kind" value="creator"`);
    await member.post('/subscriptions', {
      kind: 'creator',
      target_id: String(writer.id),
      return_to: `/users/${writer.username}`,
    });
    expect(await member.page(tagPath('Original Work'))).toContain(`name="kind" value="tag"`);
    await member.post('/saved-filters', { name: 'Long ones', query: 'words=1000-' });
    expect(await member.page('/saved-filters')).toContain(`name="kind" value="filter"`);
    expect(await guest.page(tagPath('Original Work'))).not.toContain('action="/subscriptions"');
    const kinds = (await rows(reader.id)).map((r) => `${r.kind}:${r.target_id}`);
    expect(kinds).toEqual(expect.arrayContaining([`series:${seriesId}`, `creator:${writer.id}`]));
    for (const r of await rows(reader.id)) await t.db.deleteFrom('subscriptions').where('id', '=', r.id).execute();
  });

  it('refuses guests, works the member may not see, and subscribing to oneself', async () => {
    const work = await makeWork(t.db, writer, { title: 'Tin Whistle' });
    const asGuest = await guest.post('/subscriptions', { kind: 'work', target_id: String(work) });
    expect(asGuest.status).toBe(303);
    expect(asGuest.headers.get('location')).toMatch(/^\/login/);
    await putInState(t.db, work, 'hidden');
    expect((await otherBrowser.post('/subscriptions', { kind: 'work', target_id: String(work) })).status).toBe(404);
    const draft = await makeWork(t.db, writer, { title: 'Unposted', post: false });
    expect((await otherBrowser.post('/subscriptions', { kind: 'work', target_id: String(draft) })).status).toBe(404);
    const self = await otherBrowser.post('/subscriptions', {
      kind: 'creator',
      target_id: String(other.id),
      return_to: '/',
    });
    expect(self.status).toBe(303);
    expect(await rows(other.id)).toEqual([]);
  });

  it('lists a member’s subscriptions to them alone, and saves how often they get mail', async () => {
    const work = await makeWork(t.db, writer, { title: 'Brass Compass' });
    await insertSubscription(t.db, reader.id, 'work', work, new Date());
    await insertSubscription(t.db, reader.id, 'creator', writer.id, new Date());
    const path = `/users/${reader.username}/subscriptions`;
    const html = await member.page(path);
    expect(html).toContain(`<a href="/works/${work}">Brass Compass</a>`);
    expect(html).toContain(`<a href="/users/${writer.username}">${writer.username}</a>`);
    expect(html).toContain('value="hourly" checked');
    expect((await otherBrowser.get(path)).status).toBe(404);
    const asGuest = await guest.get(path);
    expect(asGuest.status).toBe(303);

    const saved = await member.post(`${path}/mail`, { frequency: 'daily' });
    expect(saved.status).toBe(303);
    expect((await findReader(t.db, reader.id))?.frequency).toBe('daily');
    expect(await member.page(path)).toContain('value="daily" checked');
    expect((await otherBrowser.post(`${path}/mail`, { frequency: 'off' })).status).toBe(404);
  });

  it('stops the mail from the link without logging in, and by an RFC 8058 one-click POST', async () => {
    const someone = await makeUser(t.db);
    await insertSubscription(t.db, someone.id, 'creator', writer.id, new Date());
    const url = (await unsubscribeUrl(t.db, TEST_ORIGIN, someone.id)).slice(TEST_ORIGIN.length);
    const page = await guest.page(url);
    expect(page).toContain('Stop these mails');
    expect((await findReader(t.db, someone.id))?.frequency).toBe('hourly'); // a GET changes nothing
    const pressed = await guest.post(url);
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('Subscription mail stopped');
    expect((await findReader(t.db, someone.id))?.frequency).toBe('off');

    // A mail client's one-click POST: no Origin, no cookie.
    const another = await makeUser(t.db);
    await insertSubscription(t.db, another.id, 'creator', writer.id, new Date());
    const link = (await unsubscribeUrl(t.db, TEST_ORIGIN, another.id)).slice(TEST_ORIGIN.length);
    const oneClick = await guest.app.request(`${TEST_ORIGIN}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await findReader(t.db, another.id))?.frequency).toBe('off');
    // Another account's id with this token does nothing.
    const forged = link.replace(`user=${another.id}`, `user=${reader.id}`);
    expect((await guest.post(forged)).status).toBe(404);
  });
});
