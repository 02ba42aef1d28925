/**
 * The archive on a phone (390 px wide, Chromium): the Filters control sits above the first blurb, nothing is
 * wider than the screen on the works listing, a work page, the wrangling dashboard and bins, the front page
 * and the fandom index, and axe (WCAG 2.2 AA, serious and critical) finds nothing there. The favicon loads
 * without a 404.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../src/accounts/sessions.ts';
import { makeUser, makeWork } from '../test/support/factories.ts';
import { tagNamed } from '../test/support/tags.ts';
import { COMMAND_LINE } from '../src/wrangling/command.ts';
import { attachParent } from '../src/wrangling/link-commands.ts';
import { assignFandom, setWranglerRole } from '../src/wrangling/queries.ts';
import { createCanonicalTag } from '../src/wrangling/status-commands.ts';
import { launchChromium, screenshot, watchConsoleErrors } from './support/chromium.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

const FANDOM = 'Lighthouse Keepers - Original Radio Serial';
const BUDGET_MS = 180_000;

let archive: RunningArchive;
let browser: Browser;
let context: BrowserContext;
let workId: number;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
  const db = archive.db;
  const wrangler = await makeUser(db, { username: 'phonewrangler' });
  await setWranglerRole(db, wrangler.id, true);
  await createCanonicalTag(db, COMMAND_LINE, FANDOM, 'fandom');
  await createCanonicalTag(db, COMMAND_LINE, 'Radio', 'media');
  await attachParent(db, COMMAND_LINE, (await tagNamed(db, FANDOM)).id, (await tagNamed(db, 'Radio')).id);
  await assignFandom(db, wrangler.id, (await tagNamed(db, FANDOM)).id);
  for (const title of ['Foghorn at Dusk', 'The Keeper’s Logbook With A Rather Long Title That Wraps']) {
    workId = await makeWork(db, wrangler, {
      title,
      fandoms: [FANDOM],
      relationships: ['Keeper/Relief Keeper With An Unwrangled Very Long Relationship Name'],
      freeforms: ['Storms', 'Night Shifts'],
    });
  }
  const { token } = await createSession(db, wrangler.id, 'e2e');
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: archive.origin }]);
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

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

/** Elements whose right edge passes the viewport, as "tag.class" lines. */
async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      // Inside a box that scrolls on its own (a wide table), overflow is the point.
      let scrolls = false;
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') {
          scrolls = up.getBoundingClientRect().right <= width + 1;
          break;
        }
      }
      if (!scrolls) out.push(`${element.tagName.toLowerCase()}.${element.className} (${Math.round(box.right)}px)`);
    }
    return out;
  });
}

describe('on a phone', () => {
  it(
    'lists, reads and wrangles within 390 px, with Filters above the works, and axe finds nothing serious',
    async () => {
      const page = await context.newPage();
      const consoleErrors = watchConsoleErrors(page);
      const notFound: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 404) notFound.push(response.url());
      });

      await page.goto(archive.url('/works'));
      const filters = await page.locator('a[href="#filter-heading"]').boundingBox();
      const firstBlurb = await page.locator('li.blurb').first().boundingBox();
      expect(filters).not.toBeNull();
      expect(filters!.y).toBeLessThan(firstBlurb!.y);

      const pages = ['/works', `/works/${workId}`, '/wrangling', '/media/Radio/fandoms', '/'];
      const binLink = async () => {
        await page.goto(archive.url('/wrangling'));
        return page.locator('a[href^="/wrangling/bins"]').first().getAttribute('href');
      };
      const bin = await binLink();
      expect(bin, 'a bin link on the dashboard').toBeTruthy();
      pages.push(bin!);
      for (const pathname of pages) {
        const response = await page.goto(archive.url(pathname));
        expect(response?.status(), pathname).toBe(200);
        expect(await tooWide(page), `too wide on ${pathname}`).toEqual([]);
        expect(await seriousViolations(page), `axe on ${pathname}`).toEqual([]);
      }
      await page.goto(archive.url('/works'));
      await screenshot(page, 'works-phone');
      expect(notFound).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
    BUDGET_MS,
  );
});
