/**
 * Finding works in a real browser, with JavaScript on and off: a reader
 * ticks a tag to exclude and a rating in the sidebar, submits, sees the
 * results and the chips change, removes a chip, and searches the text of
 * works — the sidebar is a plain GET form, so both must behave the same.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rederiveWorkFilterTags } from '../src/indexing/filter-tags.ts';
import { chapter, makeUser, makeWork } from '../test/support/factories.ts';
import { launchChromium, watchConsoleErrors } from './support/chromium.ts';
import { startArchive, type RunningArchive } from './support/server.ts';

let archive: RunningArchive;
let browser: Browser;

beforeAll(async () => {
  [archive, browser] = await Promise.all([startArchive(), launchChromium()]);
  const writer = await makeUser(archive.db, { username: 'tidewriter' });
  await makeWork(archive.db, writer, {
    title: 'The Ferryman’s Lantern',
    rating: 'General Audiences',
    freeforms: ['Found Family'],
    chapters: [chapter('<p>The ferryman kept a lantern lit for travellers who never came.</p>')],
  });
  await makeWork(archive.db, writer, {
    title: 'Undertow',
    rating: 'Mature',
    freeforms: ['Angst'],
    chapters: [chapter('<p>The current pulled at the pilings all winter.</p>')],
  });
  await makeWork(archive.db, writer, {
    title: 'Harbour Lights',
    rating: 'General Audiences',
    freeforms: ['Angst', 'Found Family'],
    chapters: [chapter('<p>Every window on the quay held a candle.</p>')],
  });
  await archive.db
    .updateTable('tags')
    .set({ is_canonical: 1 })
    .where('name', 'in', ['Angst', 'Found Family'])
    .execute();
  const works = await archive.db.selectFrom('works').select('id').execute();
  await rederiveWorkFilterTags(
    archive.db,
    works.map((w) => w.id),
  );
});

afterAll(async () => {
  await browser?.close();
  await archive?.stop();
});

/** Serious and critical accessibility violations, one line per affected element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${violation.help} — ${node.target.join(' ')}`),
    );
}

async function resultTitles(page: Page): Promise<string[]> {
  return (await page.locator('ol.blurbs h2.heading > a:first-child').allInnerTexts()).sort();
}

for (const javaScriptEnabled of [true, false]) {
  describe(`filtering from the sidebar with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await browser.newContext({ javaScriptEnabled });
      page = await context.newPage();
      errors = watchConsoleErrors(page);
    });

    afterAll(async () => {
      await context?.close();
    });

    it('narrows the listing by excluding a tag and choosing a rating, then removes a filter with its chip', async () => {
      await page.goto(archive.url('/works'));
      expect(await resultTitles(page)).toEqual(['Harbour Lights', 'The Ferryman’s Lantern', 'Undertow']);
      await expect(page.locator('aside.filter-sidebar').innerText()).resolves.toContain('Angst (2)');

      await page.check('input[name="exclude"][value="Angst"]');
      await page.check('input[name="rating"][value="General Audiences"]');
      await Promise.all([page.waitForNavigation(), page.click('aside.filter-sidebar button[type="submit"] >> nth=0')]);
      expect(new URL(page.url()).search).toBe('?exclude=Angst&rating=General+Audiences');
      expect(await resultTitles(page)).toEqual(['The Ferryman’s Lantern']);
      await expect(page.locator('main p.listing-count').innerText()).resolves.toBe('1 – 1 of 1 Work');

      await Promise.all([page.waitForNavigation(), page.click('a[aria-label="Remove filter Not: Angst"]')]);
      expect(await resultTitles(page)).toEqual(['Harbour Lights', 'The Ferryman’s Lantern']);
      if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
    });

    it('searches the text of works from the sidebar and shows where it matched', async () => {
      await page.goto(archive.url('/works'));
      await page.fill('#filter-q', 'lantern');
      await Promise.all([page.waitForNavigation(), page.press('#filter-q', 'Enter')]);
      expect(await resultTitles(page)).toEqual(['The Ferryman’s Lantern']);
      await expect(page.locator('.search-snippet mark').first().innerText()).resolves.toBe('lantern');
      expect(errors).toEqual([]);
    });
  });
}
