/**
 * A collection's life in a real browser: a maintainer makes an anonymous,
 * moderated collection; a writer posts a work into it from the post form;
 * the maintainer approves it from the queue; a guest sees "Anonymous" on the
 * work and in the collection's listing; after the maintainer's reveal the
 * guest sees the writer's name. Plain forms, JavaScript off, except for the
 * writer, whose post form has its suggestions script running. Then the
 * settings form and the post form's field show their errors beside them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../test/support/factories.ts';
import { launchChromium } from './support/chromium.ts';
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

async function newPage(javaScriptEnabled = false): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

async function logIn(username: string, javaScriptEnabled = false): Promise<Page> {
  const page = await newPage(javaScriptEnabled);
  await page.goto(archive.url('/login'));
  await page.fill('[name="login"]', username);
  await page.fill('[name="password"]', TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('[name="password"]', 'Enter')]);
  return page;
}

const main = (page: Page) => page.locator('main').innerText();

describe('an anonymous, moderated collection from making to reveal', () => {
  it('keeps the writer anonymous to a guest until the maintainer reveals', async () => {
    const maintainerUser = await makeUser(archive.db, { username: 'lampwarden' });
    const writerUser = await makeUser(archive.db, { username: 'quillferry' });

    // The maintainer makes the collection.
    const maintainer = await logIn(maintainerUser.username);
    await maintainer.goto(archive.url('/collections/new'));
    await maintainer.fill('[name="name"]', 'lamplight_exchange');
    await maintainer.fill('[name="title"]', 'Lamplight Exchange');
    await maintainer.fill('[name="description"]', 'Short stories told by lamplight.');
    await maintainer.check('input[name="settings"][value="anonymous"]');
    await maintainer.check('input[name="settings"][value="moderated"]');
    await clickAndWait(maintainer, 'button:has-text("Create collection")');
    expect(new URL(maintainer.url()).pathname).toBe('/collections/lamplight_exchange');
    expect(await maintainer.locator('.flash').first().innerText()).toContain('Your collection is made');
    expect(await main(maintainer)).toContain('Anonymous');

    // The writer posts a work into it from the post form.
    const writer = await logIn(writerUser.username, true);
    await writer.goto(archive.url('/works/new'));
    await writer.fill('[name="title"]', 'The Wick and the Wind');
    await writer.selectOption('select[name="rating"]', 'General Audiences');
    await writer.check('input[name="warnings"][value="No Archive Warnings Apply"]');
    await writer.fill('[name="fandoms"]', 'Original Work');
    await writer.fill('[name="collections"]', 'lamplight_exchange');
    await writer.fill('[name="body"]', 'The wick leaned away from the open door.');
    await clickAndWait(writer, 'button[name="action"][value="post"]');
    const workPath = new URL(writer.url()).pathname;
    expect(workPath).toMatch(/^\/works\/\d+$/);
    expect(await main(writer)).toContain('Lamplight Exchange (awaiting approval)');

    // Not in the listing until a maintainer approves it.
    const guest = await newPage();
    await guest.goto(archive.url('/collections/lamplight_exchange'));
    expect(await main(guest)).not.toContain('The Wick and the Wind');

    await maintainer.goto(archive.url('/collections/lamplight_exchange/items'));
    expect(await main(maintainer)).toContain('The Wick and the Wind');
    await maintainer.check('input[name="item"]');
    await clickAndWait(maintainer, 'button[name="action"][value="approve"]');
    expect(await maintainer.locator('.flash').first().innerText()).toContain('1 item(s) approved');

    // A guest sees the work, by Anonymous, on its page and in the collection's listing.
    await guest.goto(archive.url(workPath));
    const workText = await main(guest);
    expect(workText).toContain('The Wick and the Wind');
    expect(workText).toContain('Anonymous');
    expect(workText).not.toContain(writerUser.username);
    await guest.goto(archive.url('/collections/lamplight_exchange'));
    const blurb = guest.locator('li.blurb', { hasText: 'The Wick and the Wind' });
    expect(await blurb.innerText()).toContain('Anonymous');
    expect(await main(guest)).not.toContain(writerUser.username);

    // The maintainer reveals the collection; the guest now sees the writer.
    await maintainer.goto(archive.url('/collections/lamplight_exchange'));
    await maintainer.selectOption('select[name="what"]', 'both');
    await clickAndWait(maintainer, 'form[action$="/reveal"] button[type="submit"]');
    expect(await maintainer.locator('.flash').first().innerText()).toContain('revealed');

    await guest.goto(archive.url(workPath));
    expect(await main(guest)).toContain(writerUser.username);
    await guest.goto(archive.url('/collections/lamplight_exchange'));
    expect(await guest.locator('li.blurb', { hasText: 'The Wick and the Wind' }).innerText()).toContain(
      writerUser.username,
    );
  });

  it('the settings form and the post form’s field show their errors beside the field', async () => {
    const maintainer = await logIn('lampwarden');
    await maintainer.goto(archive.url('/collections/lamplight_exchange/edit'));
    await maintainer.fill('[name="title"]', '');
    await clickAndWait(maintainer, 'button:has-text("Save settings")');
    expect(await maintainer.locator('.field-error').first().innerText()).toContain('Give the collection a title');
    expect(await maintainer.inputValue('[name="description"]')).toContain('Short stories told by lamplight.');
    await maintainer.goto(archive.url('/works/new'));
    await maintainer.fill('[name="collections"]', 'no_such_exchange');
    await clickAndWait(maintainer, 'button[name="action"][value="post"]');
    expect(await maintainer.locator('#collections-error').innerText()).toContain('no_such_exchange');
  });
});
