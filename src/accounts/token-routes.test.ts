import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';

const secretOnPage = (html: string) =>
  /id="new-secret"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*id="new-secret"/.exec(html)?.[1];

forEachDatabase('API tokens and app passwords in preferences', (t) => {
  it('asks guests to log in', async () => {
    const response = await new Browser(makeTestApp(t.db)).get('/preferences/tokens');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?return_to=%2Fpreferences%2Ftokens');
  });

  it('creates a token, shows it once, and stores only its hash', async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    const created = await browser.post('/preferences/tokens', { name: 'Backup script', scope: 'write' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    expect(html).toContain('Your new API token');
    const secret = secretOnPage(html)!;
    expect(secret).toMatch(/^qat_[A-Za-z0-9_-]{43}$/);

    const row = await t.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Backup script', scope: 'write', revoked_at: null });
    expect(row.token_hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));

    const later = await browser.page('/preferences/tokens');
    expect(later).toContain('Backup script');
    expect(later).not.toContain(secret);

    const me = await browser.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(await me.json()).toMatchObject({ username: user.username, scope: 'write' });
  });

  it('creates an app password an e-reader keyboard can type', async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    const html = await (await browser.post('/preferences/tokens', { app_name: 'Kobo', scope: 'opds' })).text();
    expect(html).toContain('Your new app password');
    expect(secretOnPage(html)).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
    const row = await t.db
      .selectFrom('api_tokens')
      .select(['name', 'scope'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Kobo', scope: 'opds' });
  });

  it('shows what is wrong beside the field and keeps nothing', async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    const noName = await browser.post('/preferences/tokens', { name: '  ', scope: 'read' });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('Give it a name');
    const badScope = await browser.post('/preferences/tokens', { name: 'x', scope: 'admin' });
    expect(badScope.status).toBe(422);
    expect(await badScope.text()).toContain('Choose what the token may do.');
    expect(await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('revokes the person’s own token, which then stops working, and no one else’s', async () => {
    const owner = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const app = makeTestApp(t.db);
    const browser = new Browser(app);
    await signIn(browser, t.db, owner);
    const secret = secretOnPage(
      await (await browser.post('/preferences/tokens', { name: 'Phone', scope: 'read' })).text(),
    )!;
    const { id } = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', owner.id)
      .executeTakeFirstOrThrow();

    const strangerBrowser = new Browser(app);
    await signIn(strangerBrowser, t.db, stranger);
    await strangerBrowser.post(`/preferences/tokens/${id}/revoke`);
    const untouched = await t.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(untouched.revoked_at).toBeNull();

    const revoked = await browser.post(`/preferences/tokens/${id}/revoke`);
    expect(revoked.status).toBe(303);
    const row = await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    expect(await browser.page('/preferences/tokens')).toContain('Revoked');
    const refused = await browser.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
  });
});
