/**
 * A reset link is single-use even when two requests spend it at the same
 * moment (a double-clicked button, or a link opened on two devices): both
 * find it usable, but the conditional UPDATE … WHERE used_at IS NULL in
 * `completePasswordReset` lets exactly one of them through. On PostgreSQL
 * the two run on separate connections, so the database itself decides.
 */
import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import type { Db } from '../db/database.ts';
import type { User } from './accounts.table.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { completePasswordReset, createPasswordReset } from './queries.ts';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

async function newResetLink(db: Db, user: User): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await createPasswordReset(db, user.id, sha256(token), new Date(Date.now() + 3_600_000));
  return token;
}

const passwordHashOf = async (db: Db, userId: number) =>
  (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow())
    .password_hash;

forEachDatabase('password reset: two uses at once', (t) => {
  it('lets exactly one of two racing form posts through, and only its password works', async () => {
    const app = makeTestApp(t.db);
    const user = await makeUser(t.db);
    const token = await newResetLink(t.db, user);
    const passwords = ['first of the racing tides', 'second of the racing tides'];
    const [a, b] = [new Browser(app), new Browser(app)];
    const responses = await Promise.all(
      [a, b].map((browser, i) =>
        browser.post(
          '/password/reset',
          { token, password: passwords[i], password_confirmation: passwords[i] },
          { 'x-forwarded-for': `192.0.2.${i + 1}` },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect([...statuses].sort()).toEqual([303, 400]);
    const winner = statuses.indexOf(303);
    const hash = await passwordHashOf(t.db, user.id);
    expect(await verifyPassword(hash, passwords[winner])).toBe(true);
    expect(await verifyPassword(hash, passwords[1 - winner])).toBe(false);
    expect(await verifyPassword(hash, TEST_PASSWORD)).toBe(false);
  });

  it('spends a link once when two transactions complete it concurrently', async () => {
    const user = await makeUser(t.db);
    const token = await newResetLink(t.db, user);
    const hashes = await Promise.all([hashPassword('one racing password'), hashPassword('two racing password')]);
    const outcomes = await Promise.all(hashes.map((hash) => completePasswordReset(t.db, sha256(token), hash)));
    expect(outcomes.filter((o) => o !== undefined)).toEqual([{ id: user.id, username: user.username }]);
    const winner = outcomes.findIndex((o) => o !== undefined);
    expect(await passwordHashOf(t.db, user.id)).toBe(hashes[winner]);
  });
});
