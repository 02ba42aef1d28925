import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { createSession } from './sessions.ts';

forEachDatabase('preferences', (t) => {
  const preferencesOf = (userId: number) =>
    t.db
      .selectFrom('users')
      .select(['skip_adult_notice', 'hide_warnings', 'hide_freeform'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();

  it('saves the reading checkboxes and shows them ticked', async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    const blank = await browser.page('/preferences');
    expect(blank).toContain('<h1>Preferences</h1>');
    expect(blank).not.toContain('checked');

    const response = await browser.post('/preferences', { skip_adult_notice: '1', hide_freeform: '1' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/preferences');
    expect(await preferencesOf(user.id)).toEqual({ skip_adult_notice: 1, hide_warnings: 0, hide_freeform: 1 });

    const saved = await browser.page('/preferences');
    expect(saved).toContain('Your preferences are saved.');
    expect(saved).toMatch(/name="skip_adult_notice" value="1" checked/);
    expect(saved).not.toMatch(/name="hide_warnings" value="1" checked/);

    // Unticked boxes are absent from the form: everything turns off.
    await browser.post('/preferences', {});
    expect(await preferencesOf(user.id)).toEqual({ skip_adult_notice: 0, hide_warnings: 0, hide_freeform: 0 });
  });

  it('saves the four comment and kudos choices with AO3’s wording, beside the reading ones', async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    const page = await browser.page('/preferences');
    for (const label of [
      'Turn off emails about comments',
      'Turn off emails about kudos',
      'Turn off copies of your own comments',
      'Do not allow guests to reply to my comments',
    ]) {
      expect(page).toContain(label);
    }
    const feedbackOf = () =>
      t.db
        .selectFrom('users')
        .select(['comment_emails_off', 'kudos_emails_off', 'comment_copies_off', 'guest_replies_off', 'hide_warnings'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();

    await browser.post('/preferences', { comment_emails_off: '1', guest_replies_off: '1', hide_warnings: '1' });
    expect(await feedbackOf()).toEqual({
      comment_emails_off: 1,
      kudos_emails_off: 0,
      comment_copies_off: 0,
      guest_replies_off: 1,
      hide_warnings: 1,
    });
    const saved = await browser.page('/preferences');
    expect(saved).toMatch(/name="comment_emails_off" value="1" checked/);
    expect(saved).toMatch(/name="guest_replies_off" value="1" checked/);
    expect(saved).not.toMatch(/name="kudos_emails_off" value="1" checked/);

    await browser.post('/preferences', { kudos_emails_off: '1', comment_copies_off: '1' });
    expect(await feedbackOf()).toEqual({
      comment_emails_off: 0,
      kudos_emails_off: 1,
      comment_copies_off: 1,
      guest_replies_off: 0,
      hide_warnings: 0,
    });
  });

  it('sends guests to log in and changes nothing', async () => {
    const browser = new Browser(makeTestApp(t.db));
    const response = await browser.post('/preferences', { hide_warnings: '1' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/login\?return_to=/);
  });

  it('logs out everywhere else, keeping this session', async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await createSession(t.db, user.id, 'phone');
    await createSession(t.db, user.id, 'library computer');
    await createSession(t.db, other.id, 'someone else');
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
    expect(await browser.page('/preferences')).toContain('You are also logged in on 2 other browsers or devices.');

    const response = await browser.post('/preferences/log-out-others');
    expect(response.status).toBe(303);
    const left = await t.db.selectFrom('sessions').select(['user_id', 'user_agent']).execute();
    expect(left.filter((s) => s.user_id === user.id).map((s) => s.user_agent)).toEqual(['test']);
    expect(left.filter((s) => s.user_id === other.id)).toHaveLength(1);
    const page = await browser.page('/preferences');
    expect(page).toContain('Logged out of 2 other sessions.');
    expect(page).toContain('You are not logged in anywhere else.');
  });
});
