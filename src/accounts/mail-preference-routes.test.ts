/**
 * The one-click mail link on each database: a link signed for the person
 * opens a page that changes nothing until its button is pressed; a forged
 * or borrowed link is refused.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser } from '../../test/support/factories.ts';
import { mailLinkToken, mailPreferencesUrl } from './mail-links.ts';

forEachDatabase('the one-click mail link', (t) => {
  const prefsOf = (userId: number) =>
    t.db
      .selectFrom('users')
      .select(['comment_emails_off', 'comment_copies_off', 'kudos_emails_off'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();

  it('shows the choices on GET without changing anything, and turns one kind of mail off on POST', async () => {
    const user = await makeUser(t.db);
    const url = await mailPreferencesUrl(t.db, 'http://localhost:3000', user.id);
    const path = url.replace('http://localhost:3000', '');
    const browser = new Browser(makeTestApp(t.db)); // not logged in
    const page = await browser.page(path);
    expect(page).toContain('<h1>Email preferences</h1>');
    expect(page).toContain('Turn off emails about comments');
    await browser.page(path); // a mail scanner fetching it twice changes nothing either
    expect(await prefsOf(user.id)).toEqual({ comment_emails_off: 0, comment_copies_off: 0, kudos_emails_off: 0 });

    const token = new URL(url).searchParams.get('token')!;
    const response = await browser.post('/preferences/mail', { user: String(user.id), token, off: 'comments' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(path);
    expect(await prefsOf(user.id)).toEqual({ comment_emails_off: 1, comment_copies_off: 0, kudos_emails_off: 0 });
    const after = await browser.page(path);
    expect(after).toContain('Emails about comments are off.');
    expect(after).toContain('You get no emails about comments.');
    expect(after).toContain('Turn off copies of your own comments');
  });

  it('refuses a forged token, another person’s token, and a missing one', async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const othersToken = await mailLinkToken(t.db, other.id);
    const browser = new Browser(makeTestApp(t.db));
    for (const query of [
      `user=${user.id}&token=${othersToken}`,
      `user=${user.id}&token=${'A'.repeat(othersToken.length)}`,
      `user=${user.id}`,
      `token=${othersToken}`,
    ]) {
      const page = await browser.get(`/preferences/mail?${query}`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('This link does not work');
    }
    const forged = await browser.post('/preferences/mail', {
      user: String(user.id),
      token: othersToken,
      off: 'comments',
    });
    expect(forged.status).toBe(404);
    const unknown = await browser.post('/preferences/mail', {
      user: String(user.id),
      token: await mailLinkToken(t.db, user.id),
      off: 'everything',
    });
    expect(unknown.status).toBe(400);
    expect(await prefsOf(user.id)).toEqual({ comment_emails_off: 0, comment_copies_off: 0, kudos_emails_off: 0 });
  });
});
