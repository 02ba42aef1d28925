/**
 * The first account on an empty archive becomes its admin — exactly one,
 * even when the first sign-ups are saved at the same moment.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser } from './queries.ts';
import { registerAccount } from './register.ts';

forEachDatabase('the first account', (t) => {
  const admins = () => t.db.selectFrom('users').select('username').where('is_admin', '=', 1).execute();

  it('makes exactly one admin when the first accounts are saved at once', async () => {
    // Each of these looked at an empty archive before saving, as simultaneous sign-ups do.
    const names = ['heron', 'egret', 'bittern', 'crane'];
    await Promise.all(
      names.map((name) =>
        createUser(t.db, { username: name, email: `${name}@example.test`, passwordHash: 'x', adminIfFirst: true }),
      ),
    );
    const made = await admins();
    expect(made).toHaveLength(1);
    expect(names).toContain(made[0].username);
  });

  it('does not make a later sign-up an admin', async () => {
    const later = await registerAccount(t.db, {
      username: 'curlew',
      email: 'curlew@example.test',
      password: 'a long enough passphrase',
    });
    expect(later.ok).toBe(true);
    expect(await admins()).toHaveLength(1);
  });
});
