/**
 * A writer's account is theirs, in a real browser with JavaScript off: they
 * rename the account, orphan one work keeping their name, export their data
 * (the archive's own background runs the job and mails the link; the
 * download is a zip of their works) and delete the account with the rest of
 * their works. A guest then finds the orphaned work under
 * "orphan_account (NAME)" and nothing else of theirs.
 */
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, makeWork, TEST_PASSWORD } from '../test/support/factories.ts';
import { launchChromium, watchConsoleErrors } from './support/chromium.ts';
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

const logIn = (username: string) => logInWithoutScript(browser, archive, username);

const flash = (page: Page) => page.locator('.flash').first().innerText();

describe("a writer's account, without JavaScript", () => {
  it('renames, orphans a work keeping the name, exports a zip, and deletes the account', async () => {
    const writer = await makeUser(archive.db, { username: 'saltmarsh' });
    const kept = await makeWork(archive.db, writer, { title: 'Reed Boats at Dawn' });
    const gone = await makeWork(archive.db, writer, { title: 'Mudflat Almanac' });
    const draft = await makeWork(archive.db, writer, { title: 'Heron Notes', post: false });

    const page = await logIn(writer.username);
    const errors = watchConsoleErrors(page);

    // Rename the account.
    await page.goto(archive.url('/users/saltmarsh/edit'));
    await page.fill('[name="username"]', 'tidemarsh');
    await page.fill('[name="username_password"]', TEST_PASSWORD);
    await clickAndWait(page, 'button:has-text("Change username")');
    expect(await flash(page)).toContain('tidemarsh');

    // Orphan one work, keeping the pseud's name on it.
    await page.goto(archive.url('/users/tidemarsh/orphan'));
    await page.check(`#work-${kept}`);
    await page.check('#keep_name-1');
    await page.check('#understood');
    await clickAndWait(page, 'button:has-text("Orphan")');
    expect(await page.locator('main').innerText()).not.toContain('There were problems');

    // Export: from the member menu, then the archive's background builds it and mails the link.
    await page.goto(archive.url('/'));
    await page.click('header .member-menu summary');
    await clickAndWait(page, 'header .member-menu a:has-text("Export my data")');
    expect(new URL(page.url()).pathname).toBe('/users/tidemarsh/export');
    await clickAndWait(page, 'main button:has-text("Export my data")');
    expect(await flash(page)).toContain('Your export is being prepared');
    // The rename's notice went to the same address: wait for the export's own mail.
    const mail = await archive.smtp.waitFor(
      (m) => m.envelopeTo.includes(writer.email) && m.subject.includes('ready to download'),
    );
    const link = /http\S+\/download/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    await page.goto(archive.url('/users/tidemarsh/export'));
    expect(await page.locator('a.export-download').getAttribute('href')).toBe(new URL(link!).pathname);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export-download')]);
    const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    const works = JSON.parse(strFromU8(files['works.json'])) as { works: Array<{ id: number }> };
    // The orphaned work is no longer theirs; the other and the draft are, each as EPUB and text.
    expect(works.works.map((w) => w.id).sort((a, b) => a - b)).toEqual([gone, draft].sort((a, b) => a - b));
    expect(Object.keys(files).filter((name) => name.startsWith('works/'))).toHaveLength(4);

    // Delete the account, with the works made alone.
    await page.goto(archive.url('/users/tidemarsh/delete'));
    await page.check('#own_works-delete');
    await page.fill('[name="password"]', TEST_PASSWORD);
    await clickAndWait(page, 'button:has-text("Delete my account")');
    expect(await flash(page)).toContain('Your account is deleted');
    expect(errors).toEqual([]);

    // A guest: the orphaned work under the kept name, and nothing else of theirs.
    const guest = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await guest.goto(archive.url(`/works/${kept}`));
    expect(await guest.locator('main').innerText()).toContain('orphan_account (tidemarsh)');
    for (const path of [`/works/${gone}`, `/works/${draft}`, '/users/tidemarsh', '/users/saltmarsh'])
      expect((await guest.goto(archive.url(path)))?.status(), path).toBe(404);
    await guest.goto(archive.url('/works'));
    const listing = await guest.locator('main').innerText();
    expect(listing).toContain('Reed Boats at Dawn');
    expect(listing).not.toContain('Mudflat Almanac');
    expect((await guest.goto(archive.url(new URL(link!).pathname)))?.status()).toBe(404);
  });
});
