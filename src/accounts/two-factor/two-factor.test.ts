import { TOTP, Secret } from 'otpauth';
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, signIn, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { CODE_WRONG } from './login-routes.tsx';

/** The code an authenticator app shows for this secret, at `timestamp` — computed by otpauth, as apps do. */
const codeOf = (secret: string, timestamp = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp });

const sessionCount = async (db: import('../../db/database.ts').Db, userId: number) =>
  (await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

forEachDatabase('two-factor sign-in', (t) => {
  it('is turned on from the preferences with a QR code and a first code; recovery codes show once, kept hashed', async () => {
    const app = makeTestApp(t.db);
    const user = await makeUser(t.db);
    const member = new Browser(app);
    await signIn(member, t.db, user);
    expect(await member.page('/preferences')).toContain('/preferences/two-factor');
    expect((await member.post('/preferences/two-factor/start')).status).toBe(303);
    const setup = await member.page('/preferences/two-factor');
    expect(setup).toContain('<svg');
    const secret = /class="two-factor-secret">([A-Z2-7]+)</.exec(setup)?.[1];
    expect(secret).toBeDefined();

    const wrong = await member.post('/preferences/two-factor/confirm', {
      code: '000000' === codeOf(secret!) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    const done = await member.post('/preferences/two-factor/confirm', { code: codeOf(secret!) });
    expect(done.status).toBe(200);
    const codes = [...(await done.text()).matchAll(/<code>([0-9a-f-]{19})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const stored = await t.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
    expect(await member.page('/preferences/two-factor')).not.toContain(codes[0]!);
  });

  it('log-in asks for the code after the password: a right code logs in, a wrong or reused one does not', async () => {
    const app = makeTestApp(t.db);
    const user = await makeUser(t.db);
    const member = new Browser(app);
    await signIn(member, t.db, user);
    await member.post('/preferences/two-factor/start');
    const secret = /class="two-factor-secret">([A-Z2-7]+)</.exec(await member.page('/preferences/two-factor'))![1]!;
    // Confirmed with the previous step's code, so the login below may use the current one.
    const confirm = await member.post('/preferences/two-factor/confirm', { code: codeOf(secret, Date.now() - 30_000) });
    expect(confirm.status).toBe(200);
    const recovery = [...(await confirm.text()).matchAll(/<code>([0-9a-f-]{19})<\/code>/g)].map((m) => m[1]!);
    const before = await sessionCount(t.db, user.id);

    const browser = new Browser(app);
    const password = await browser.post('/login', {
      login: user.username,
      password: TEST_PASSWORD,
      return_to: '/works',
    });
    expect(password.status).toBe(303);
    expect(password.headers.get('location')).toBe('/login/two-factor?return_to=%2Fworks');
    expect(browser.cookies.has('quire_session')).toBe(false);
    expect(await sessionCount(t.db, user.id)).toBe(before);
    expect(await browser.page('/login/two-factor?return_to=%2Fworks')).toContain('Enter your code');

    const wrong = await browser.post('/login/two-factor', {
      code: codeOf(secret) === '123456' ? '654321' : '123456',
      return_to: '/works',
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(CODE_WRONG);
    expect(browser.cookies.has('quire_session')).toBe(false);

    const code = codeOf(secret);
    const right = await browser.post('/login/two-factor', { code, return_to: '/works' });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/works');
    expect(browser.cookies.has('quire_session')).toBe(true);

    // The same code a second time (another browser, password again) is refused: each code is good once.
    const replay = new Browser(app);
    await replay.post('/login', { login: user.username, password: TEST_PASSWORD });
    expect((await replay.post('/login/two-factor', { code })).status).toBe(422);

    // A recovery code logs in once; the second time it is refused.
    const lost = new Browser(app);
    await lost.post('/login', { login: user.username, password: TEST_PASSWORD });
    const used = await lost.post('/login/two-factor', { code: recovery[0]! });
    expect(used.status).toBe(303);
    expect(lost.cookies.has('quire_session')).toBe(true);
    const again = new Browser(app);
    await again.post('/login', { login: user.username, password: TEST_PASSWORD });
    expect((await again.post('/login/two-factor', { code: recovery[0]! })).status).toBe(422);
    expect(again.cookies.has('quire_session')).toBe(false);
  });

  it('the code step is rate limited, and a forged pending cookie reaches nothing', async () => {
    const app = makeTestApp(t.db);
    const user = await makeUser(t.db);
    const member = new Browser(app);
    await signIn(member, t.db, user);
    await member.post('/preferences/two-factor/start');
    const secret = /class="two-factor-secret">([A-Z2-7]+)</.exec(await member.page('/preferences/two-factor'))![1]!;
    await member.post('/preferences/two-factor/confirm', { code: codeOf(secret, Date.now() - 30_000) });

    const guesser = new Browser(app);
    await guesser.post('/login', { login: user.username, password: TEST_PASSWORD });
    const right = codeOf(secret);
    const wrongCode = right === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) expect((await guesser.post('/login/two-factor', { code: wrongCode })).status).toBe(422);
    expect((await guesser.post('/login/two-factor', { code: right })).status).toBe(429);

    const forger = new Browser(app);
    forger.cookies.set('quire_two_factor', `${user.id}.${Date.now() + 60_000}.not-a-signature`);
    const forged = await forger.post('/login/two-factor', { code: right });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toMatch(/^\/login\?/);
    expect(forger.cookies.has('quire_session')).toBe(false);
  });
});
