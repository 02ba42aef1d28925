import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import { ACCOUNT_DELETED } from './delete-account-routes.tsx';

/** Every row left that names the user's id or one of their pseuds' ids. */
async function rowsTiedTo(db: Db, userId: number, pseudIds: number[]) {
  const byUser = [
    'users',
    'sessions',
    'api_tokens',
    'bookmarks',
    'subscriptions',
    'inbox_items',
    'email_confirmations',
    'former_usernames',
  ] as const;
  const tied: string[] = [];
  for (const table of byUser) {
    const column = table === 'users' ? 'id' : 'user_id';
    const rows = await db.selectFrom(table).select(column).where(column, '=', userId).execute();
    if (rows.length) tied.push(table);
  }
  for (const table of ['comments', 'kudos'] as const) {
    if ((await db.selectFrom(table).select('id').where('user_id', '=', userId).execute()).length) tied.push(table);
  }
  const pseudTables = [
    ['pseuds', 'id'],
    ['creatorships', 'pseud_id'],
    ['series_creators', 'pseud_id'],
    ['comments', 'pseud_id'],
    ['gifts', 'recipient_pseud_id'],
  ] as const;
  for (const [table, column] of pseudTables) {
    const rows = await db.selectFrom(table).select(column).where(column, 'in', pseudIds).execute();
    if (rows.length) tied.push(`${table}.${column}`);
  }
  return tied;
}

forEachDatabase('deleting an account', (t) => {
  for (const ownWorks of ['orphan', 'delete'] as const) {
    it(`deletes an account, its own works ${ownWorks === 'orphan' ? 'orphaned' : 'deleted'}, leaving no row tied to it`, async () => {
      const app = makeTestApp(t.db);
      const leaver = await makeUser(t.db, { username: `leaver-${ownWorks}` });
      const partner = await makeUser(t.db, { username: `partner-${ownWorks}` });
      const mine = await findDefaultPseud(t.db, leaver.id);
      const theirs = await findDefaultPseud(t.db, partner.id);
      const solo = await makeWork(t.db, leaver, { title: `Alone ${ownWorks}` });
      const draft = await makeWork(t.db, leaver, { post: false });
      const shared = await makeWork(t.db, partner, { creatorPseudIds: [theirs.id, mine.id] });
      await t.db.updateTable('creatorships').set({ is_accepted: 1 }).where('work_id', '=', shared).execute();
      const partnersOwn = await makeWork(t.db, partner);
      await createCredential(t.db, leaver.id, 'script', 'write');

      const browser = new Browser(app);
      await signIn(browser, t.db, leaver);
      expect(
        (await browser.post(`/works/${partnersOwn}/comments`, { body: 'Lovely harbour.', pseud_id: String(mine.id) }))
          .status,
      ).toBe(303);
      expect(
        (
          await browser.post(`/works/${partnersOwn}/bookmarks/new`, {
            notes: 'secret',
            is_private: '1',
            pseud_id: String(mine.id),
          })
        ).status,
      ).toBe(303);

      const wrong = await browser.post(`/users/leaver-${ownWorks}/delete`, { own_works: ownWorks, password: 'no' });
      expect(wrong.status).toBe(422);
      const done = await browser.post(`/users/leaver-${ownWorks}/delete`, {
        own_works: ownWorks,
        password: TEST_PASSWORD,
      });
      expect(done.status).toBe(303);
      expect(await browser.page('/')).toContain(ACCOUNT_DELETED);

      expect(await rowsTiedTo(t.db, leaver.id, [mine.id])).toEqual([]);
      const guest = new Browser(app);
      expect((await guest.get(`/users/leaver-${ownWorks}`)).status).toBe(404);
      const soloPage = await guest.get(`/works/${solo}`);
      if (ownWorks === 'orphan') {
        expect(soloPage.status).toBe(200);
        expect(await soloPage.text()).toContain('orphan_account');
      } else {
        expect(soloPage.status).toBe(404);
      }
      const sharedPage = await guest.page(`/works/${shared}`);
      expect(sharedPage).toContain(`partner-${ownWorks}`);
      expect(sharedPage).not.toContain(`leaver-${ownWorks}`);
      const comments = await guest.page(`/works/${partnersOwn}/comments`);
      expect(comments).toContain('Lovely harbour.');
      expect(comments).toContain('(Account deleted)');
      expect(comments).not.toContain(`leaver-${ownWorks}`);
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.delete').execute();
      expect(JSON.stringify(audit)).not.toContain(`leaver-${ownWorks}`);
      expect(draft).toBeGreaterThan(0);
    });
  }
});
