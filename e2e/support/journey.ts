/**
 * The steps browser journeys repeat: clicking a link or button and waiting for the page it opens, and logging in
 * through the form in a fresh context without JavaScript — answering the two-factor code page, as an
 * authenticator app would, when given the account's secret (admins and moderators have one).
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../test/support/factories.ts';
import type { RunningArchive } from './server.ts';

export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

export async function logInWithoutScript(
  browser: Browser,
  archive: RunningArchive,
  username: string,
  twoFactorSecret?: string,
): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(archive.url('/login'));
  await page.fill('[name="login"]', username);
  await page.fill('[name="password"]', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('[name="password"]', 'Enter')]);
  if (twoFactorSecret) {
    const code = new TOTP({ secret: Secret.fromBase32(twoFactorSecret), algorithm: 'SHA1', digits: 6, period: 30 });
    await page.fill('[name="code"]', code.generate());
    await Promise.all([page.waitForNavigation(), page.press('[name="code"]', 'Enter')]);
  }
  return page;
}
