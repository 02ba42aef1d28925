import { expect, it } from 'vitest';
import { runQuire } from '../../test/support/cli.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { verifyPassword } from './passwords.ts';

forEachDatabase('quire user', (t) => {
  const userRow = (username: string) =>
    t.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

  it('creates the first account as an admin with a generated password it prints once', async () => {
    const result = await runQuire(t.test.target, 'user', 'create', 'Archivist', '--email', 'archivist@example.test');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Created user Archivist (admin).');
    const password = /Password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const user = await userRow('Archivist');
    expect(user?.is_admin).toBe(1);
    expect(await verifyPassword(user?.password_hash ?? '', password)).toBe(true);
    const pseuds = await t.db
      .selectFrom('pseuds')
      .select('name')
      .where('user_id', '=', user?.id ?? 0)
      .execute();
    expect(pseuds).toEqual([{ name: 'Archivist' }]);
  });

  it('creates later accounts as plain users unless --admin, with the given password', async () => {
    const plain = await runQuire(
      t.test.target,
      'user',
      'create',
      'plainuser',
      '--email',
      'plain@example.test',
      '--password',
      'a long enough secret',
    );
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe('Created user plainuser.\n');
    expect((await userRow('plainuser'))?.is_admin).toBe(0);
    expect(await verifyPassword((await userRow('plainuser'))?.password_hash ?? '', 'a long enough secret')).toBe(true);

    const admin = await runQuire(
      t.test.target,
      'user',
      'create',
      'second-admin',
      '--email',
      'admin2@example.test',
      '--admin',
    );
    expect(admin.status).toBe(0);
    expect((await userRow('second-admin'))?.is_admin).toBe(1);
  });

  it('refuses a taken name, a bad email and a short password with exit status 1', async () => {
    const taken = await runQuire(t.test.target, 'user', 'create', 'ARCHIVIST', '--email', 'new@example.test');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('username: That username is already taken.');

    const email = await runQuire(t.test.target, 'user', 'create', 'mailless', '--email', 'nope');
    expect(email.status).toBe(1);
    expect(email.stderr).toContain('email: Enter a valid email address');

    const short = await runQuire(
      t.test.target,
      'user',
      'create',
      'shorty',
      '--email',
      's@example.test',
      '--password',
      'short',
    );
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('password: Passwords are at least 8 characters.');
    expect(await userRow('mailless')).toBeUndefined();
    expect(await userRow('shorty')).toBeUndefined();
  });

  it('explains wrong usage with exit status 2, and --help with 0', async () => {
    const missing = await runQuire(t.test.target, 'user', 'create', 'noemail');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('create needs --email EMAIL');
    const unknown = await runQuire(
      t.test.target,
      'user',
      'create',
      'x',
      '--email',
      'x@example.test',
      '--colour',
      'blue',
    );
    expect(unknown.status).toBe(2);
    const help = await runQuire(t.test.target, 'user', 'create', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('quire user create USERNAME --email EMAIL');
    expect((await runQuire(t.test.target, '--help')).stdout).toMatch(/user\s+create accounts/);
  });

  it('grants and revokes roles, and keeps at least one admin', async () => {
    await runQuire(t.test.target, 'user', 'create', 'gardener', '--email', 'gardener@example.test');
    const grant = await runQuire(t.test.target, 'user', 'grant', 'Gardener', 'wrangler');
    expect(grant.status).toBe(0);
    expect(grant.stdout).toBe('Granted wrangler to gardener.\n');
    expect((await userRow('gardener'))?.is_wrangler).toBe(1);

    const again = await runQuire(t.test.target, 'user', 'grant', 'gardener', 'wrangler');
    expect(again.stdout).toBe('gardener is already a wrangler.\n');

    expect((await runQuire(t.test.target, 'user', 'grant', 'gardener', 'moderator')).status).toBe(0);
    expect((await runQuire(t.test.target, 'user', 'revoke', 'gardener', 'moderator')).status).toBe(0);
    expect((await userRow('gardener'))?.is_moderator).toBe(0);

    const badRole = await runQuire(t.test.target, 'user', 'grant', 'gardener', 'wizard');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('unknown role "wizard"');
    const nobody = await runQuire(t.test.target, 'user', 'grant', 'no-such-user', 'admin');
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('there is no user named "no-such-user"');

    // Two admins exist (Archivist, second-admin): one may go, the last may not.
    expect((await runQuire(t.test.target, 'user', 'revoke', 'second-admin', 'admin')).status).toBe(0);
    const last = await runQuire(t.test.target, 'user', 'revoke', 'Archivist', 'admin');
    expect(last.status).toBe(1);
    expect(last.stderr).toContain('Archivist is the only admin');
    expect((await userRow('Archivist'))?.is_admin).toBe(1);
  });
});
