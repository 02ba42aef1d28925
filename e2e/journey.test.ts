/**
 * The first journey through Quire in a real browser: a newcomer signs up,
 * posts a two-chapter Explicit work, logs out, reads it as a guest through
 * the adult content notice, turns to chapter 2, logs back in and retitles it.
 * Every step goes through the pages and forms a person uses.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchConsoleErrors } from './support/chromium.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

const WRITER = { username: 'harbourlight', email: 'harbourlight@example.test', password: 'a lantern on the pier' };
const FIRST_TITLE = 'The Keeper of the Tidal Lamp';
const NEW_TITLE = 'What the Tidal Lamp Saw';
const SUMMARY = 'A lighthouse keeper and the one night the lamp nearly went out.';
const CHAPTER_ONE = {
  title: 'Low Water',
  body: 'Maren climbed the seventy steps of the lighthouse every evening, counting them aloud.\n\nThe lamp had not failed in forty winters.',
};
const CHAPTER_TWO = {
  title: 'Spring Tide',
  body: 'When the storm came, it came from the east, and the lamp answered it with a steady amber beam.',
};

let archive: RunningArchive;
let browser: Browser;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

/** Opens a page and fails with what the page said when it is not there. */
async function visit(page: Page, pathname: string): Promise<void> {
  const response = await page.goto(archive.url(pathname));
  const status = response?.status();
  if (status !== 200) {
    const said = (await page.locator('main').innerText()).slice(0, 300);
    throw new Error(`GET ${pathname} answered ${status}: ${said}`);
  }
}

/** Submits the form that holds `field` by pressing Enter in it (a form's default button, as a person would). */
async function submitWith(page: Page, field: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.press(`[name="${field}"]`, 'Enter')]);
}

async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** The header's member menu carries the reader's name and, once opened, Log out. */
async function expectLoggedInAs(page: Page, username: string): Promise<void> {
  const menu = page.locator('header .member-menu');
  expect(await menu.locator('summary').innerText()).toBe(username);
  await menu.locator('summary').click();
  expect(await menu.innerText()).toContain('Log out');
  await menu.locator('summary').click();
}

function text(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

describe('sign up, post, read as a guest, edit', () => {
  it('takes a newcomer from sign-up to a retitled two-chapter work a guest can read', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // A missing field fails in seconds, not after the test's whole budget.
    page.setDefaultTimeout(10_000);
    const consoleErrors = watchConsoleErrors(page);

    // Sign up: "check your email" follows (the same page whether the address was free), then log in.
    await visit(page, '/signup');
    await page.fill('[name="username"]', WRITER.username);
    await page.fill('[name="email"]', WRITER.email);
    await page.fill('[name="password"]', WRITER.password);
    await page.fill('[name="password_confirmation"]', WRITER.password);
    await page.check('[name="accept_tos"]');
    await page.check('[name="old_enough"]');
    await submitWith(page, 'password_confirmation');
    expect(await page.locator('h1').innerText()).toBe('Check your email');
    await clickAndWait(page, 'main a[href="/login"]');
    await page.fill('[name="login"]', WRITER.username);
    await page.fill('[name="password"]', WRITER.password);
    await submitWith(page, 'password');
    await expectLoggedInAs(page, WRITER.username);

    // Post chapter 1 of an Explicit work, expecting two chapters.
    await visit(page, '/works/new');
    await page.fill('[name="title"]', FIRST_TITLE);
    await page.selectOption('select[name="rating"]', 'Explicit');
    await page.check('input[name="warnings"][value="No Archive Warnings Apply"]');
    await page.check('input[name="categories"][value="Gen"]');
    await page.fill('[name="fandoms"]', 'Original Work');
    await page.fill('[name="characters"]', 'Maren');
    await page.fill('[name="freeforms"]', 'Lighthouses, Storms');
    await page.fill('[name="summary"]', SUMMARY);
    await page.fill('[name="expected_chapters"]', '2');
    await page.fill('[name="chapter_title"]', CHAPTER_ONE.title);
    await page.fill('[name="body"]', CHAPTER_ONE.body);
    await clickAndWait(page, 'button[name="action"][value="post"]');
    const workPath = new URL(page.url()).pathname;
    expect(workPath).toMatch(/^\/works\/\d+$/);
    const workId = Number(workPath.split('/')[2]);
    expect(await text(page)).toContain(FIRST_TITLE);
    expect(await text(page)).toContain('seventy steps');

    // Add chapter 2.
    await visit(page, `/works/${workId}/chapters/new`);
    await page.fill('[name="chapter_title"]', CHAPTER_TWO.title);
    await page.fill('[name="body"]', CHAPTER_TWO.body);
    await clickAndWait(page, 'button[name="action"][value="post"]');
    expect(page.url()).toContain(`/works/${workId}`);
    expect(await text(page)).toContain('steady amber beam');

    // Log out from the header.
    await page.click('header .member-menu summary');
    await clickAndWait(page, 'header form[action="/logout"] button');
    expect(await page.locator('header').innerText()).toContain('Log in');

    // As a guest: the adult content notice first, then chapter 1.
    await visit(page, `/works/${workId}`);
    expect(await page.locator('h1, h2').first().innerText()).toMatch(/Adult content/);
    expect(await text(page)).toContain('This work could have adult content');
    expect(await text(page)).not.toContain('seventy steps');
    await clickAndWait(page, 'button:has-text("Yes, continue")');
    expect(new URL(page.url()).pathname).toBe(`/works/${workId}`);
    const guestView = await text(page);
    expect(guestView).toContain(FIRST_TITLE);
    expect(guestView).toContain(WRITER.username);
    expect(guestView).toContain('seventy steps');
    expect(guestView).toContain('Chapters:');
    expect(guestView).toMatch(/2\s*\/\s*2/);
    // The work's summary is the work's, shown once — not copied into chapter 1 as well.
    expect(guestView.split(SUMMARY).length - 1).toBe(1);
    await screenshot(page, 'work-page-guest');

    // Turn to chapter 2 (the notice is remembered for this session).
    const toChapterTwo = page
      .locator(`main a[href^="/works/${workId}/chapters/"]`)
      .filter({ hasText: /Next|Spring Tide/ })
      .first();
    await Promise.all([page.waitForNavigation(), toChapterTwo.click()]);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/works/${workId}/chapters/\\d+$`));
    const chapterTwoView = await text(page);
    expect(chapterTwoView).toContain('steady amber beam');
    expect(chapterTwoView).not.toContain('seventy steps');
    expect(chapterTwoView).not.toContain('This work could have adult content');
    await screenshot(page, 'work-chapter-2-guest');

    // Log back in and retitle the work.
    await clickAndWait(page, 'header a[href^="/login"]');
    await page.fill('[name="login"]', WRITER.username);
    await page.fill('[name="password"]', WRITER.password);
    await submitWith(page, 'password');
    await expectLoggedInAs(page, WRITER.username);
    await visit(page, `/works/${workId}/edit`);
    expect(await page.inputValue('[name="title"]')).toBe(FIRST_TITLE);
    await page.fill('[name="title"]', NEW_TITLE);
    await clickAndWait(page, 'button[name="action"][value="save"]');
    expect(new URL(page.url()).pathname).toBe(`/works/${workId}`);
    expect(await text(page)).toContain(NEW_TITLE);
    expect(await text(page)).not.toContain(FIRST_TITLE);
    expect(await page.title()).toContain(NEW_TITLE);

    // The row changed too.
    const work = await archive.db
      .selectFrom('works')
      .select('title')
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(work.title).toBe(NEW_TITLE);

    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
