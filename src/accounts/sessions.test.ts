/**
 * Sessions last 30 days from the log-in and no longer: a cookie older than
 * that is treated as no cookie at all, however it was kept.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import type { Db } from '../db/database.ts';

const DAY = 86_400_000;

/** Moves every session of the user `ms` into the past, as if they had logged in that long ago. */
async function ageSessions(db: Db, userId: number, ms: number): Promise<void> {
  for (const row of await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()) {
    await db
      .updateTable('sessions')
      .set({
        created_at: new Date(Date.parse(row.created_at) - ms).toISOString(),
        expires_at: new Date(Date.parse(row.expires_at) - ms).toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

forEachDatabase('session lifetime', (t) => {
  it('keeps a 29-day-old session and refuses one a minute past 30 days', async () => {
    const app = makeTestApp(t.db);
    const user = await makeUser(t.db);
    const browser = new Browser(app);
    await signIn(browser, t.db, user);

    await ageSessions(t.db, user.id, 29 * DAY);
    expect((await browser.get('/preferences')).status).toBe(200);

    await ageSessions(t.db, user.id, DAY + 60_000);
    const refused = await browser.get('/preferences');
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toMatch(/^\/login/);
    expect(await browser.page('/')).not.toContain('Log out');
  });
});
