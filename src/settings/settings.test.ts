import { expect, it } from 'vitest';
import { Browser } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { DOWNLOADS_OFF, GUEST_COMMENTS_OFF } from './guards.ts';
import { makeSettingsApp, makeTwoFactorAdmin, setSettings } from './settings.test-helper.ts';
import { SettingsStore } from './store.ts';
import { SIGNUP_CLOSED } from '../accounts/signup-routes.tsx';
import { defaultNewAccountHours } from '../web/site-settings.ts';
import { isYoungAccount, newAccountHours } from '../works/hold-for-review.ts';

const FULL_FORM = {
  account_creation: 'open',
  invites_per_day: '10',
  guest_comments: '1',
  downloads: '1',
  new_account_post_hours: '0',
  new_account_comment_limit: '3',
  archive_name: '',
  description: '',
  tos_text: '',
  privacy_text: '',
  refused_emails: '',
  banner_text: '',
  banner_level: 'notice',
};

forEachDatabase('archive settings', (t) => {
  it('a change saved through one app takes effect in a second app on the same database without a restart', async () => {
    const first = new Browser(makeSettingsApp(t.db));
    // The second app keeps its default one-second cache: it has read the settings before the change.
    const secondStore = new SettingsStore(t.db);
    const { createApp } = await import('../server.ts');
    const { loadConfig } = await import('../config.ts');
    const second = new Browser(
      createApp({
        db: t.db,
        config: loadConfig({ QUIRE_BASE_URL: 'http://localhost:3000', QUIRE_DATA_DIR: '/tmp/quire-unused' }),
        settings: secondStore,
      }),
    );
    expect(await second.page('/')).toContain('<title>');
    const admin = await makeTwoFactorAdmin(t.db);
    await signIn(first, t.db, admin);
    const saved = await first.post('/admin/settings', { ...FULL_FORM, archive_name: 'The Lamplit Stacks' });
    expect(saved.status).toBe(303);
    expect(await first.page('/')).toContain('The Lamplit Stacks');

    // Within its interval the second app answers from memory; once it has passed, one look at the
    // version brings the change in — no restart, no message between the processes.
    expect((await secondStore.current(Date.now())).archiveName).toBeNull();
    expect((await secondStore.current(Date.now() + 1500)).archiveName).toBe('The Lamplit Stacks');
    expect(await second.page('/')).toContain('The Lamplit Stacks');
  });

  it('opens only to admins with two-factor sign-in on, and logs each change with before and after', async () => {
    const browser = new Browser(makeSettingsApp(t.db));
    await signIn(browser, t.db, await makeUser(t.db));
    expect((await browser.get('/admin/settings')).status).toBe(403);

    const bare = new Browser(makeSettingsApp(t.db));
    await signIn(bare, t.db, await makeUser(t.db, { isAdmin: true }));
    const refused = await bare.get('/admin/settings');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('/preferences/two-factor');

    const admin = new Browser(makeSettingsApp(t.db));
    await signIn(admin, t.db, await makeTwoFactorAdmin(t.db));
    expect(await admin.page('/admin/settings')).toContain('Archive settings');
    const wrong = await admin.post('/admin/settings', { ...FULL_FORM, invites_per_day: 'many' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Enter a whole number');

    await admin.post('/admin/settings', { ...FULL_FORM, guest_comments: undefined });
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'settings.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before!)).toMatchObject({ guestComments: true });
    expect(JSON.parse(entry.after!)).toMatchObject({ guestComments: false });
    await setSettings(t.db, { guestComments: true, archiveName: null });
  });

  it('guest comments off: a guest comment is refused, a member still comments', async () => {
    const app = makeSettingsApp(t.db);
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { commentPermission: 'everyone' });
    const comment = { guest_name: 'Passer-by', guest_email: 'passer@example.test', body: 'Lovely lanterns.' };
    expect(await new Browser(app).page(`/works/${workId}`)).toContain('name="guest_name"');
    await setSettings(t.db, { guestComments: false });
    const shown = await new Browser(app).page(`/works/${workId}`);
    expect(shown).not.toContain('name="guest_name"');
    expect(shown).toContain('Log in to comment');
    const guest = await new Browser(app).post(`/works/${workId}/comments`, comment);
    expect(guest.status).toBe(403);
    expect(await guest.text()).toContain(GUEST_COMMENTS_OFF);
    const member = new Browser(app);
    await signIn(member, t.db, await makeUser(t.db));
    expect((await member.post(`/works/${workId}/comments`, { body: 'The harbour scene stayed with me.' })).status).toBe(
      303,
    );
    await setSettings(t.db, { guestComments: true });
    const again = await new Browser(app).post(`/works/${workId}/comments`, comment);
    expect(again.status, await again.clone().text()).toBe(303);
  });

  it('downloads off: every download answers that they are off', async () => {
    const app = makeSettingsApp(t.db);
    const workId = await makeWork(t.db, await makeUser(t.db));
    const page = await new Browser(app).page(`/works/${workId}`);
    const link = page.match(/href="(\/downloads\/[^"]+\.epub)"/)?.[1];
    expect(link).toBeDefined();
    expect((await new Browser(app).get(link!)).status).toBe(200);
    await setSettings(t.db, { downloads: false });
    expect(await new Browser(app).page(`/works/${workId}`)).not.toContain('href="/downloads/');
    const off = await new Browser(app).get(link!);
    expect(off.status).toBe(403);
    expect(await off.text()).toContain(DOWNLOADS_OFF);
    await setSettings(t.db, { downloads: true });
  });

  it('creation closed: the sign-up page and form refuse, and no account is made', async () => {
    const app = makeSettingsApp(t.db);
    await setSettings(t.db, { accountCreation: 'closed' });
    const page = await new Browser(app).get('/signup');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain(SIGNUP_CLOSED);
    const password = 'lantern-harbour-42';
    const posted = await new Browser(app).post('/signup', {
      username: 'Closed_Door',
      email: 'closed@example.test',
      password,
      password_confirmation: password,
    });
    expect(posted.status).toBe(403);
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'Closed_Door').executeTakeFirst()).toBe(
      undefined,
    );
    await setSettings(t.db, { accountCreation: 'open' });
  });

  it('new accounts wait the set hours before posting a work', async () => {
    const app = makeSettingsApp(t.db);
    const member = new Browser(app);
    await signIn(member, t.db, await makeUser(t.db));
    await setSettings(t.db, { newAccountPostHours: 24 });
    const refused = await member.get('/works/new');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('24 hours');
    // The API's post holds to the same wait.
    const { createCredential } = await import('../accounts/credentials.ts');
    const apiUser = await makeUser(t.db);
    const token = (await createCredential(t.db, apiUser.id, 'poster', 'write')).secret;
    const viaApi = await app.request('http://localhost:3000/api/v1/works', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Too Soon',
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['Original Work'],
        chapter: { body: '<p>The ferry had not yet come.</p>' },
      }),
    });
    expect(viaApi.status).toBe(403);
    expect(await viaApi.text()).toContain('24 hours');
    await setSettings(t.db, { newAccountPostHours: 0 });
    expect((await member.get('/works/new')).status).toBe(200);
  });

  it('the same hours decide which young accounts are held for review; the environment only seeds a fresh archive', async () => {
    expect(defaultNewAccountHours({ QUIRE_NEW_ACCOUNT_HOURS: '12' })).toBe(12);
    expect(defaultNewAccountHours({})).toBe(0);
    expect(defaultNewAccountHours({ QUIRE_NEW_ACCOUNT_HOURS: 'soon' })).toBe(0);
    const young = await makeUser(t.db);
    expect(await newAccountHours(t.db)).toBe(0);
    expect(await isYoungAccount(t.db, young.id)).toBe(false);
    await setSettings(t.db, { newAccountPostHours: 6 });
    expect(await newAccountHours(t.db)).toBe(6);
    expect(await isYoungAccount(t.db, young.id)).toBe(true);
    expect(await isYoungAccount(t.db, young.id, new Date(Date.now() + 7 * 3_600_000))).toBe(false);
    await setSettings(t.db, { newAccountPostHours: 0 });
    expect(await isYoungAccount(t.db, young.id)).toBe(false);
  });

  it("the archive's name and description win over the configured ones when set", async () => {
    const app = makeSettingsApp(t.db);
    await setSettings(t.db, { archiveName: 'Harbour Lights', description: 'Stories told by the tide.' });
    const home = await new Browser(app).page('/');
    expect(home).toContain('<title>');
    expect(home).toContain('Harbour Lights');
    expect(home).toContain('<p>Stories told by the tide.</p>');
    await setSettings(t.db, { archiveName: null, description: null });
    expect(await new Browser(app).page('/')).not.toContain('Harbour Lights');
  });

  it('a new Terms of Service version asks every member once; new accounts accept it at sign-up', async () => {
    const app = makeSettingsApp(t.db);
    const member = new Browser(app);
    await signIn(member, t.db, await makeUser(t.db));
    const admin = new Browser(app);
    await signIn(admin, t.db, await makeTwoFactorAdmin(t.db));
    await admin.post('/admin/settings', {
      ...FULL_FORM,
      tos_text: 'Be kind to the lighthouse keepers.',
      new_tos_version: '1',
    });
    // The admin, too, is asked.
    const asked = await member.get('/works?page=1');
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/tos/accept?return_to=%2Fworks%3Fpage%3D1');
    expect(await member.page('/tos/accept?return_to=%2Fworks')).toContain('Be kind to the lighthouse keepers.');
    const accepted = await member.post('/tos/accept', { version: '1', return_to: '/works' });
    expect(accepted.headers.get('location')).toBe('/works');
    expect((await member.get('/works')).status).toBe(200);

    const password = 'lantern-harbour-42';
    const form = {
      username: 'Terms_Reader',
      email: 'terms@example.test',
      password,
      password_confirmation: password,
      old_enough: '1',
    };
    const unaccepted = await new Browser(app).post('/signup', form);
    expect(unaccepted.status).toBe(422);
    expect(await unaccepted.text()).toContain('Accept the Terms of Service');
    expect((await new Browser(app).post('/signup', { ...form, accept_tos: '1' })).status).toBe(200);
    const row = await t.db
      .selectFrom('users')
      .select('tos_version')
      .where('username', '=', 'Terms_Reader')
      .executeTakeFirstOrThrow();
    expect(Number(row.tos_version)).toBe(1);
    await t.db.updateTable('users').set({ tos_version: 1 }).execute();
  });

  it('the banner shows on every page until dismissed, and a new banner shows again', async () => {
    const app = makeSettingsApp(t.db);
    const reader = new Browser(app);
    await setSettings(t.db, {
      bannerText: 'The archive closes for repairs on Sunday.',
      bannerLevel: 'warning',
      bannerId: 1,
    });
    const page = await reader.page('/works');
    expect(page).toContain('The archive closes for repairs on Sunday.');
    expect(page).toContain('banner-warning');
    const dismissed = await reader.post('/banner/dismiss', { return_to: '/works' });
    expect(dismissed.status).toBe(303);
    expect(dismissed.headers.get('location')).toBe('/works');
    expect(await reader.page('/works')).not.toContain('closes for repairs');
    expect(await new Browser(app).page('/works')).toContain('closes for repairs');
    await setSettings(t.db, { bannerText: 'Repairs are done.', bannerId: 2 });
    expect(await reader.page('/works')).toContain('Repairs are done.');
    await setSettings(t.db, { bannerText: null });
  });
});
