/**
 * Debian's Chromium driven by playwright-core (never `npx playwright
 * install`: nothing is downloaded here). A missing browser is a failure with
 * the command that fixes it, not a skip — locally and in CI alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where tests leave screenshots for a person to look at (not committed). */
export const SCREENSHOT_DIR = path.join(os.tmpdir(), 'quire-e2e');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium fonts-dejavu-core`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Collects what the browser console reports as errors — a blocked inline
 * style or script (the CSP forbids both) shows up here, and so does a
 * stylesheet or image that fails to load. The favicon request is left out:
 * the archive has none, and its 404 is no fault of a page.
 */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    // The page's own 4xx (a 422 form with errors) is asserted by the tests themselves.
    if (source.endsWith('/favicon.ico') || source === page.url()) return;
    errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
