import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { runQuire } from '../../test/support/cli.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { fieldError } from '../../test/support/post-form.ts';
import type { User } from '../accounts/accounts.table.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { rowsTiedTo } from '../orphaning/rows-tied-to.test-helper.ts';
import { makeTwoFactorAdmin } from '../settings/settings.test-helper.ts';

forEachDatabase('an admin deletes an account', (t) => {
  /** A member with a work of their own, a comment and a private bookmark on someone else's work. */
  async function leaverWithThings(username: string) {
    const app = makeTestApp(t.db);
    const leaver = await makeUser(t.db, { username });
    const pseud = await findDefaultPseud(t.db, leaver.id);
    const solo = await makeWork(t.db, leaver, { title: `Lanterns of ${username}` });
    const host = await makeUser(t.db);
    const hostWork = await makeWork(t.db, host);
    const browser = new Browser(app);
    await signIn(browser, t.db, leaver);
    const comment = await browser.post(`/works/${hostWork}/comments`, {
      body: `Note from ${username}.`,
      pseud_id: String(pseud.id),
    });
    expect(comment.status).toBe(303);
    const bookmark = await browser.post(`/works/${hostWork}/bookmarks/new`, {
      notes: 'mine',
      is_private: '1',
      pseud_id: String(pseud.id),
    });
    expect(bookmark.status).toBe(303);
    return { app, leaver, pseudIds: [pseud.id], solo, hostWork };
  }

  async function adminBrowser(app: ReturnType<typeof makeTestApp>): Promise<{ browser: Browser; admin: User }> {
    const admin = await makeTwoFactorAdmin(t.db);
    const browser = new Browser(app);
    await signIn(browser, t.db, admin);
    return { browser, admin };
  }

  const deletions = () =>
    t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.delete').orderBy('id').execute();

  it('deletes from the admin user page with a reason, one audit row, and nothing left tied to the person', async () => {
    const { app, leaver, pseudIds, solo, hostWork } = await leaverWithThings('page-leaver');
    const { browser, admin } = await adminBrowser(app);
    expect(await browser.page('/admin/users/page-leaver')).toContain('href="/admin/users/page-leaver/delete"');
    const form = await browser.page('/admin/users/page-leaver/delete');
    expect(form).toContain('They made 1 work alone');

    const before = (await deletions()).length;
    const noReason = await browser.post('/admin/users/page-leaver/delete', { own_works: 'delete', reason: ' ' });
    expect(noReason.status).toBe(422);
    const html = await noReason.text();
    expect(fieldError(html, 'reason')).toBe('Give a reason: it is kept in the audit log.');
    expect(html).toMatch(/value="delete"[^>]*checked/); // the choice made stays
    expect(await findDefaultPseud(t.db, leaver.id)).toBeDefined();

    const done = await browser.post('/admin/users/page-leaver/delete', {
      own_works: 'orphan',
      reason: 'Asked us by mail to close it',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/log');
    expect(await rowsTiedTo(t.db, leaver.id, pseudIds)).toEqual([]);

    const logged = (await deletions()).slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actor_user_id: admin.id,
      actor_name: admin.username,
      target_type: 'user',
      target_id: leaver.id,
      reason: 'Asked us by mail to close it',
    });
    expect(JSON.stringify(logged)).not.toContain('page-leaver');

    const guest = new Browser(app);
    expect((await guest.get('/users/page-leaver')).status).toBe(404);
    expect(await guest.page(`/works/${solo}`)).toContain('orphan_account');
    const comments = await guest.page(`/works/${hostWork}/comments`);
    expect(comments).toContain('Note from page-leaver.');
    expect(comments).toContain('(Account deleted)');
  });

  it('opens only to admins with two-factor sign-in, and refuses staff accounts', async () => {
    const { app } = await leaverWithThings('guarded-leaver');
    const moderator = await makeUser(t.db, { username: 'mod-not-admin' });
    await t.db.updateTable('users').set({ is_moderator: 1 }).where('id', '=', moderator.id).execute();
    const asModerator = new Browser(app);
    await signIn(asModerator, t.db, moderator);
    expect((await asModerator.get('/admin/users/guarded-leaver/delete')).status).toBe(403);
    expect(
      (await asModerator.post('/admin/users/guarded-leaver/delete', { own_works: 'orphan', reason: 'x' })).status,
    ).toBe(403);
    const plainAdmin = await makeUser(t.db, { isAdmin: true });
    const noTwoFactor = new Browser(app);
    await signIn(noTwoFactor, t.db, plainAdmin);
    expect((await noTwoFactor.get('/admin/users/guarded-leaver/delete')).status).toBe(403);

    const { browser } = await adminBrowser(app);
    const before = (await deletions()).length;
    const refused = await browser.post('/admin/users/mod-not-admin/delete', { own_works: 'orphan', reason: 'Spam' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Staff accounts cannot be deleted');
    expect(await findDefaultPseud(t.db, moderator.id)).toBeDefined();
    expect(await deletions()).toHaveLength(before);
  });

  it('deletes from the command line through the same command: quire user delete NAME --works delete --yes', async () => {
    const { app, leaver, pseudIds, solo, hostWork } = await leaverWithThings('cli-leaver');
    const usage = await runQuire(t.test.target, 'user', 'delete', 'cli-leaver', '--works', 'keep');
    expect(usage.status).toBe(2);
    const unconfirmed = await runQuire(t.test.target, 'user', 'delete', 'cli-leaver', '--works', 'delete');
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(await findDefaultPseud(t.db, leaver.id)).toBeDefined();

    const before = (await deletions()).length;
    const done = await runQuire(t.test.target, 'user', 'delete', 'cli-leaver', '--works', 'delete', '--yes');
    expect(done.status).toBe(0);
    expect(done.stdout).toContain('Deleted cli-leaver');
    expect(await rowsTiedTo(t.db, leaver.id, pseudIds)).toEqual([]);
    const logged = (await deletions()).slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actor_user_id: null,
      actor_name: 'command line',
      target_id: leaver.id,
      reason: 'deleted from the command line',
    });
    const guest = new Browser(app);
    expect((await guest.get(`/works/${solo}`)).status).toBe(404);
    expect(await guest.page(`/works/${hostWork}/comments`)).toContain('(Account deleted)');
    expect((await runQuire(t.test.target, 'user', 'delete', 'cli-leaver', '--works', 'delete', '--yes')).status).toBe(
      1,
    );
  });
});
