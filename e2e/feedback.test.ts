/**
 * The feedback loop in a real browser with JavaScript off: a guest leaves
 * kudos and a comment on a moderated work; the creator logs in, approves the
 * comment from their inbox and replies there in place; the reply notice
 * reaches the guest at the address they gave, through the archive's job
 * runner and real SMTP. The inbox page gets an axe scan.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, makeWork, TEST_PASSWORD } from '../test/support/factories.ts';
import { launchChromium, screenshot, watchConsoleErrors } from './support/chromium.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

const GUEST = { name: 'Tamsin', email: 'tamsin@example.test' };
const COMMENT = 'The part where the lamp flickers and she counts the steps again stayed with me.';
const REPLY = 'Thank you, Tamsin. I counted them too while writing it.';

let archive: RunningArchive;
let browser: Browser;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const flash = (page: Page) => page.locator('.flash').first().innerText();

/** Reloads `path` until `selector` is on it: the background runner makes inbox items a moment after posting. */
async function openWhenThere(page: Page, path: string, selector: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(archive.url(path));
    if (await page.locator(selector).count()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${selector} never appeared on ${path}: ${(await page.locator('main').innerText()).slice(0, 300)}`);
}

describe('kudos, a moderated comment, approval and a reply, without JavaScript', () => {
  it('brings the creator’s reply to the guest by mail', async () => {
    const writer = await makeUser(archive.db, { username: 'tidewright', email: 'tidewright@example.test' });
    const workId = await makeWork(archive.db, writer, {
      title: 'Seventy Steps',
      commentPermission: 'everyone',
      moderatedComments: true,
    });

    // The guest: kudos, then a comment that waits for approval.
    const guestContext = await browser.newContext({ javaScriptEnabled: false });
    const guest = await guestContext.newPage();
    guest.setDefaultTimeout(10_000);
    const consoleErrors = watchConsoleErrors(guest);
    await guest.goto(archive.url(`/works/${workId}`));
    await clickAndWait(guest, `form[action="/works/${workId}/kudos"] button[type="submit"]`);
    expect(await flash(guest)).toContain('Thank you for leaving kudos!');
    expect(await guest.locator('.kudos-line').innerText()).toContain('1 guest left kudos on this work!');
    const form = `form.comment-form[action="/works/${workId}/comments"]`;
    await guest.fill(`${form} [name="guest_name"]`, GUEST.name);
    await guest.fill(`${form} [name="guest_email"]`, GUEST.email);
    await guest.fill(`${form} [name="body"]`, COMMENT);
    await clickAndWait(guest, `${form} button[type="submit"]`);
    expect(await flash(guest)).toContain('awaits approval');
    expect(await guest.locator('main').innerText()).not.toContain(COMMENT);

    // The creator: log in, approve from the inbox, reply in place.
    const creatorContext = await browser.newContext({ javaScriptEnabled: false });
    const creator = await creatorContext.newPage();
    creator.setDefaultTimeout(10_000);
    await creator.goto(archive.url('/login'));
    await creator.fill('[name="login"]', writer.username);
    await creator.fill('[name="password"]', TEST_PASSWORD);
    await Promise.all([creator.waitForNavigation(), creator.press('[name="password"]', 'Enter')]);
    const inbox = `/users/${writer.username}/inbox`;
    await openWhenThere(creator, inbox, 'button:has-text("Approve")');
    expect(await creator.locator('main').innerText()).toContain(COMMENT);
    await clickAndWait(creator, 'button:has-text("Approve")');
    expect(await flash(creator)).toContain('The comment is approved and now shows.');
    await creator.click('details.inbox-reply summary');
    await creator.fill('details.inbox-reply textarea[name="body"]', REPLY);
    const sentBefore = archive.smtp.messages.length;
    await clickAndWait(creator, 'details.inbox-reply button[type="submit"]');
    expect(await creator.locator('main').innerText()).not.toContain('There were problems');

    // The guest's notice of the reply, at the address they gave.
    const mail = await archive.smtp.nextTo(GUEST.email, sentBefore);
    expect(mail.text).toContain(REPLY);
    expect(mail.text).toContain('Seventy Steps');

    // The comment and the reply now show to the guest.
    await guest.goto(archive.url(`/works/${workId}`));
    const page = await guest.locator('main').innerText();
    expect(page).toContain(COMMENT);
    expect(page).toContain(REPLY);
    expect(consoleErrors).toEqual([]);

    // axe on the inbox (axe itself needs script, so this one context runs it, with the creator's session).
    const scanContext = await browser.newContext({ storageState: await creatorContext.storageState() });
    const scan = await scanContext.newPage();
    await scan.goto(archive.url(inbox));
    const results = await new AxeBuilder({ page: scan }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} — ${node.target.join(' ')}`));
    if (serious.length) await screenshot(scan, 'feedback-inbox');
    expect(serious).toEqual([]);
    await Promise.all([guestContext.close(), creatorContext.close(), scanContext.close()]);
  });
});
