/**
 * Wrangling in a real browser: a wrangler logs in, opens their fandom's
 * relationship bin from the dashboard, picks an unwrangled spelling, lets
 * the autocomplete offer the canonical relationship, makes it a synonym —
 * and the canonical's works page, empty before, now lists the work, while
 * the synonym's works page leads there.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, makeWork, TEST_PASSWORD } from '../test/support/factories.ts';
import { tagNamed } from '../test/support/tags.ts';
import { tagPath, tagWorksPath } from '../src/tags/names.ts';
import { COMMAND_LINE } from '../src/wrangling/command.ts';
import { attachParent } from '../src/wrangling/link-commands.ts';
import { assignFandom, setWranglerRole } from '../src/wrangling/queries.ts';
import { createCanonicalTag } from '../src/wrangling/status-commands.ts';
import { launchChromium, screenshot, watchConsoleErrors } from './support/chromium.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

const FANDOM = 'Les Misérables - Victor Hugo';
const CANONICAL = 'Javert/Jean Valjean';
const TYPED = 'valjean/javert';
const WORK_TITLE = 'The Bridge at Midnight';
/** The journey and its five axe scans, each of which takes seconds on a busy two-core CI machine. */
const JOURNEY_BUDGET_MS = 180_000;

let archive: RunningArchive;
let browser: Browser;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
  const db = archive.db;
  const wrangler = await makeUser(db, { username: 'binwrangler' });
  await setWranglerRole(db, wrangler.id, true);
  await createCanonicalTag(db, COMMAND_LINE, FANDOM, 'fandom');
  await createCanonicalTag(db, COMMAND_LINE, CANONICAL, 'relationship');
  await attachParent(db, COMMAND_LINE, (await tagNamed(db, CANONICAL)).id, (await tagNamed(db, FANDOM)).id);
  await assignFandom(db, wrangler.id, (await tagNamed(db, FANDOM)).id);
  const writer = await makeUser(db, { username: 'riverwriter' });
  await makeWork(db, writer, { title: WORK_TITLE, fandoms: [FANDOM], relationships: [TYPED] });
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

async function visit(page: Page, pathname: string): Promise<void> {
  const response = await page.goto(archive.url(pathname));
  if (response?.status() !== 200) {
    throw new Error(
      `GET ${pathname} answered ${response?.status()}: ${(await page.locator('main').innerText()).slice(0, 300)}`,
    );
  }
}

async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const mainText = (page: Page) => page.locator('main').innerText();

describe('wrangling from the bin', () => {
  it(
    'makes an unwrangled relationship a synonym and the works page follows',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const consoleErrors = watchConsoleErrors(page);

      await visit(page, tagWorksPath(CANONICAL));
      expect(await mainText(page)).toContain('No works found.');
      expect(await mainText(page)).not.toContain(WORK_TITLE);

      await visit(page, '/login');
      await page.fill('[name="login"]', 'binwrangler');
      await page.fill('[name="password"]', TEST_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.press('[name="password"]', 'Enter')]);
      expect(await page.locator('header').innerText()).toContain('Wrangling');

      await clickAndWait(page, 'header a[href="/wrangling"]');
      await clickAndWait(page, `a[aria-label="1 unwrangled Relationships in ${FANDOM}"]`);
      expect(await page.locator('h1').innerText()).toBe(`Unwrangled Relationships in ${FANDOM}`);
      expect(await mainText(page)).toContain(TYPED);

      await page.check(`input[aria-label="Select ${TYPED}"]`);
      // The autocomplete offers the canonical tag as the wrangler types.
      await page.type('[name="synonym_of"]', 'javert/j', { delay: 20 });
      const suggestion = page.locator('datalist option').first();
      await expect.poll(() => suggestion.getAttribute('value'), { timeout: 5000 }).toBe(CANONICAL);
      await page.fill('[name="synonym_of"]', CANONICAL);
      await screenshot(page, 'wrangling-bin');
      await clickAndWait(page, 'button[name="action"][value="synonym"]');
      expect(await mainText(page)).toContain(`1 tag(s) changed: "${TYPED}" is now a synonym of "${CANONICAL}".`);
      expect(await mainText(page)).toContain('Well wrangled!');

      await visit(page, tagWorksPath(CANONICAL));
      expect(await mainText(page)).toContain(WORK_TITLE);
      await visit(page, tagWorksPath(TYPED));
      expect(new URL(page.url()).pathname).toBe(tagWorksPath(CANONICAL));
      await visit(page, tagWorksPath(FANDOM));
      expect(await mainText(page)).toContain(WORK_TITLE);

      // The wrangling pages pass an axe scan (serious and critical), as the reading pages do.
      for (const pathname of [
        '/wrangling',
        '/wrangling/bins?kind=character',
        tagPath(CANONICAL),
        '/media',
        '/wrangling/search?q=jav',
      ]) {
        await visit(page, pathname);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${pathname}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
      }
      await visit(page, tagPath(CANONICAL));
      await screenshot(page, 'tag-page-wrangler');

      expect(consoleErrors).toEqual([]);
      await context.close();
    },
    JOURNEY_BUDGET_MS,
  );
});
