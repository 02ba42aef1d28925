import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn, TEST_PASSWORD } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { ACCOUNT_DELETED } from './delete-account-routes.tsx';
import { rowsTiedTo } from './rows-tied-to.test-helper.ts';
import { insertSubscription } from '../subscriptions/queries.ts';

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
      // Someone else following the leaver as a creator names them by id, with no foreign key to clear it.
      expect(await insertSubscription(t.db, partner.id, 'creator', leaver.id, new Date())).toBe(true);

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
