/**
 * A reader's library in a real browser with JavaScript off: they bookmark
 * one work (the plain bookmark form), mark another for later from its blurb,
 * read a chapter of a third; after its writer posts a new chapter, their
 * history offers "Continue reading" at the chapter they stopped at and says
 * "Updated since last visit". The history page gets an axe scan.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapter, makeUser, makeWork, TEST_PASSWORD } from '../test/support/factories.ts';
import { launchChromium, screenshot, watchConsoleErrors } from './support/chromium.ts';
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

async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const flash = (page: Page) => page.locator('.flash').first().innerText();

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(archive.url('/login'));
  await page.fill('[name="login"]', username);
  await page.fill('[name="password"]', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('[name="password"]', 'Enter')]);
}

describe('a reader’s library: bookmarks, marked for later, history', () => {
  it('continues where the reader stopped, and tells them the work was updated', async () => {
    const writer = await makeUser(archive.db, { username: 'quillfern' });
    const reader = await makeUser(archive.db, { username: 'moorlark' });
    const kept = await makeWork(archive.db, writer, { title: 'Harbour Chandler' });
    const later = await makeWork(archive.db, writer, { title: 'Bellfounder’s Daughter' });
    const serial = await makeWork(archive.db, writer, {
      title: 'Lighthouse Ledger',
      chapters: [chapter('<p>The keeper wrote the first entry.</p>'), chapter('<p>The fog came in.</p>')],
    });

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsoleErrors(page);
    await logIn(page, reader.username);

    // A bookmark, with the plain form.
    await page.goto(archive.url(`/works/${kept}`));
    await clickAndWait(page, `a[href="/works/${kept}/bookmarks/new"]`);
    await page.fill('[name="notes"]', 'For a rainy evening.');
    await clickAndWait(page, 'button:has-text("Create bookmark")');
    expect(await page.locator('main').innerText()).toContain('Edit bookmark');
    await page.goto(archive.url(`/users/${reader.username}/bookmarks`));
    expect(await page.locator('main').innerText()).toContain('For a rainy evening.');

    // Marked for later from its blurb on the works listing.
    await page.goto(archive.url('/works'));
    await clickAndWait(page, `#work-${later} form[action="/readings/${later}/later"] button`);
    expect(await flash(page)).toContain('Marked for later.');
    await page.goto(archive.url(`/users/${reader.username}/readings?show=to-read`));
    expect(await page.locator('main').innerText()).toContain('Bellfounder’s Daughter');

    // Reading the second chapter of the serial.
    await page.goto(archive.url(`/works/${serial}`));
    await clickAndWait(page, 'a:has-text("Next chapter")');
    expect(await page.locator('main').innerText()).toContain('The fog came in.');

    // The writer posts a third chapter.
    const writerContext = await browser.newContext({ javaScriptEnabled: false });
    const writing = await writerContext.newPage();
    writing.setDefaultTimeout(10_000);
    await logIn(writing, writer.username);
    await writing.goto(archive.url(`/works/${serial}/chapters/new`));
    await writing.fill('[name="chapter_title"]', 'Clear Night');
    await writing.fill('[name="body"]', 'The lamp was seen from the far shore.');
    await clickAndWait(writing, 'button[name="action"][value="post"]');
    expect(await writing.locator('main').innerText()).toContain('The lamp was seen from the far shore.');

    // The reader's history.
    await page.goto(archive.url(`/users/${reader.username}/readings`));
    const entry = page.locator(`#work-${serial}`);
    expect(await entry.innerText()).toContain('Updated since last visit');
    expect(await entry.innerText()).toContain('Last read: Chapter 2');
    await clickAndWait(page, `#work-${serial} a.continue-reading`);
    expect(await page.locator('main').innerText()).toContain('The fog came in.');
    expect(consoleErrors).toEqual([]);

    // axe on the history page (axe needs script: its own context, with the reader's session).
    const scanContext = await browser.newContext({ storageState: await context.storageState() });
    const scan = await scanContext.newPage();
    await scan.goto(archive.url(`/users/${reader.username}/readings`));
    const results = await new AxeBuilder({ page: scan }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} — ${node.target.join(' ')}`));
    if (serious.length) await screenshot(scan, 'library-history');
    expect(serious).toEqual([]);
    await Promise.all([context.close(), writerContext.close(), scanContext.close()]);
  });
});
