/**
 * An axe scan, in Chromium, of the pages people spend the most time on: the
 * post form (empty, and re-shown with errors beside the fields), the adult
 * content notice, and a multi-chapter work page. Serious and critical
 * violations fail the test with axe's own explanation of each.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../src/accounts/sessions.ts';
import { chapter, makeUser, makeWork } from '../test/support/factories.ts';
import { launchChromium, screenshot, watchConsoleErrors } from './support/chromium.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

/** Axe on the long post form takes seconds on a busy two-core CI machine. */
const SCAN_BUDGET_MS = 90_000;

let archive: RunningArchive;
let browser: Browser;
let workId: number;
let writerContext: BrowserContext;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
  const writer = await makeUser(archive.db, { username: 'saltmarsh' });
  workId = await makeWork(archive.db, writer, {
    title: 'Salt and Signal Fires',
    rating: 'Explicit',
    warnings: ['Creator Chose Not To Use Archive Warnings'],
    categories: ['F/F'],
    fandoms: ['Original Work'],
    relationships: ['Ilse/Tamsin'],
    characters: ['Ilse', 'Tamsin'],
    freeforms: ['Coastal Villages', 'Slow Burn'],
    summary: '<p>Two rival ferry captains are stranded on the same island for a week of fog.</p>',
    notes: '<p>Written for a friend who loves boats.</p>',
    expectedChapters: 3,
    chapters: [
      chapter('<p>The fog rolled in before noon, and by one o’clock neither ferry could leave.</p>', {
        title: 'Fog Bank',
      }),
      chapter('<p>On the third day Ilse lit a signal fire on the headland, mostly out of spite.</p>', {
        title: 'Signal',
      }),
    ],
  });
  const { token } = await createSession(archive.db, writer.id, 'e2e');
  writerContext = await browser.newContext();
  await writerContext.addCookies([{ name: SESSION_COOKIE, value: token, url: archive.origin }]);
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

/** Serious and critical violations, one readable line per affected element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(' ')}: ${node.failureSummary}`,
      ),
    );
}

async function open(page: Page, pathname: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(archive.url(pathname));
  expect(response?.status(), `GET ${pathname}`).toBe(expectedStatus);
}

describe('accessibility (axe, serious and critical)', () => {
  it(
    'the post form has no serious violations, empty or showing errors',
    async () => {
      const page = await writerContext.newPage();
      const consoleErrors = watchConsoleErrors(page);
      await open(page, '/works/new');
      expect(await page.locator('h1').first().innerText()).toMatch(/post/i);
      expect(await seriousViolations(page)).toEqual([]);

      // Posting it empty re-shows the form with errors beside the fields.
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.click('button[name="action"][value="post"]'),
      ]);
      expect(response?.status()).toBe(422);
      expect(await page.locator('main').innerText()).toMatch(/fandom/i);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'post-form-errors');
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
    SCAN_BUDGET_MS,
  );

  it(
    'the work page has no serious violations for its creator',
    async () => {
      const page = await writerContext.newPage();
      const consoleErrors = watchConsoleErrors(page);
      await open(page, `/works/${workId}`);
      expect(await page.locator('main').innerText()).toContain('Salt and Signal Fires');
      expect(await seriousViolations(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
    SCAN_BUDGET_MS,
  );

  it(
    'the adult notice and the work page behind it have no serious violations for a guest',
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const consoleErrors = watchConsoleErrors(page);
      await open(page, `/works/${workId}`);
      expect(await page.locator('main').innerText()).toContain('This work could have adult content');
      expect(await seriousViolations(page)).toEqual([]);

      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Yes, continue")')]);
      expect(await page.locator('main').innerText()).toContain('The fog rolled in before noon');
      expect(await seriousViolations(page)).toEqual([]);

      // The same page on a phone, in dark mode: what a reader in bed sees.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'work-page-phone-dark');
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
    SCAN_BUDGET_MS,
  );
});
