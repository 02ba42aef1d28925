/**
 * Moderation in a real browser with JavaScript off: a reader reports a work
 * from its page, a moderator opens the queue, hides it with a reason, and the
 * work is gone from the listing the reader came from.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRole } from '../src/accounts/queries.ts';
import { makeUser, makeWork, turnOnTwoFactor } from '../test/support/factories.ts';
import { launchChromium } from './support/chromium.ts';
import { clickAndWait, logInWithoutScript } from './support/journey.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

let archive: RunningArchive;
let browser: Browser;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

const logIn = (username: string, twoFactorSecret?: string) =>
  logInWithoutScript(browser, archive, username, twoFactorSecret);

describe('a report, the queue and hiding, without JavaScript', () => {
  it('takes a reported work out of the listing the reader came from', async () => {
    const writer = await makeUser(archive.db, { username: 'gullcaller' });
    const workId = await makeWork(archive.db, writer, { title: 'Gull Market Bargains' });
    const readerUser = await makeUser(archive.db, { username: 'shorewatcher' });
    const modUser = await makeUser(archive.db, { username: 'harbourmaster' });
    await setRole(archive.db, modUser.id, 'moderator', true);
    // The admin area opens to a moderator only with two-factor sign-in on.
    const modSecret = await turnOnTwoFactor(archive.db, modUser.id);

    const reader = await logIn(readerUser.username);
    await reader.goto(archive.url('/works'));
    expect(await reader.locator('main').innerText()).toContain('Gull Market Bargains');
    await clickAndWait(reader, `a[href="/works/${workId}"]`);
    await clickAndWait(reader, 'a.report-link:has-text("Report this work")');
    await reader.selectOption('[name="category"]', 'spam');
    await reader.fill('[name="description"]', 'Every chapter is an advert for a shop.');
    await clickAndWait(reader, 'button:has-text("Send report")');
    expect(await reader.locator('main').innerText()).not.toContain('There were problems');

    const mod = await logIn(modUser.username, modSecret);
    await mod.goto(archive.url('/admin/reports'));
    await clickAndWait(mod, 'table.report-queue a:has-text("Gull Market Bargains")');
    await mod.check('input[name="resolution"][value="hide"]');
    await mod.fill('#resolve-reason', 'Advertising, not a story.');
    await clickAndWait(mod, 'form.resolve-form button[type="submit"]');
    expect(await mod.locator('.flash').first().innerText()).toContain('Resolved 1 report');

    await reader.goto(archive.url('/works'));
    expect(await reader.locator('main').innerText()).not.toContain('Gull Market Bargains');
    expect((await reader.goto(archive.url(`/works/${workId}`)))?.status()).not.toBe(200);
  });
});
