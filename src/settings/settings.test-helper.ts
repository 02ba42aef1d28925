/**
 * For tests of the admin pages and the settings' effects: an app whose settings store looks at the database
 * on every request (so a change written by another app is seen at once), an admin with two-factor sign-in
 * on (the admin area asks it), and settings saved as the admin page saves them.
 */
import { TEST_ORIGIN } from '../../test/support/app.ts';
import { makeUser } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createApp, type App } from '../server.ts';
import type { SiteSettings } from '../web/site-settings.ts';
import { newSecret } from '../accounts/two-factor/totp.ts';
import { saveSettings, SettingsStore } from './store.ts';

export function makeSettingsApp(db: Db, refreshMs = 0): App {
  const config = loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: '/tmp/quire-unused',
    QUIRE_TRUST_PROXY: '1',
  });
  return createApp({ db, config, settings: new SettingsStore(db, refreshMs) });
}

/** An admin whose two-factor sign-in is on (with a secret the test may compute codes from). */
export async function makeTwoFactorAdmin(db: Db): Promise<User & { secret: string }> {
  const user = await makeUser(db, { isAdmin: true });
  const secret = newSecret();
  await db
    .insertInto('two_factor')
    .values({ user_id: user.id, secret, enabled_at: new Date().toISOString() })
    .execute();
  return { ...user, secret };
}

export async function setSettings(db: Db, changes: Partial<SiteSettings>): Promise<void> {
  await saveSettings(db, new SettingsStore(db), { userId: null, name: 'test' }, changes);
}
