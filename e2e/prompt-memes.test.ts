/**
 * A prompt meme in a real browser with JavaScript off: a maintainer adds one
 * to their collection, a member posts an anonymous prompt, a writer claims
 * it, follows "Post to fill" from My claims and posts the work; the prompter
 * is mailed, and a guest reads "In response to a prompt by Anonymous" on the
 * work, which is in the collection.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTagsToSet } from '../src/tag-sets/edit-tags.ts';
import { insertTagSet } from '../src/tag-sets/queries.ts';
import { makeUser } from '../test/support/factories.ts';
import { launchChromium } from './support/chromium.ts';
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

const text = (page: Page) => page.locator('main').innerText();

describe('a prompt meme, without JavaScript', () => {
  it('goes from a maintainer’s settings to a filled anonymous prompt', async () => {
    const owner = await makeUser(archive.db, { username: 'lampwarden' });
    const prompterUser = await makeUser(archive.db, { username: 'fogwhistle' });
    const writerUser = await makeUser(archive.db, { username: 'quayscribe' });
    const setId = await insertTagSet(
      archive.db,
      {
        title: 'Lamp Meme Tags',
        description: '',
        isVisible: true,
        isUsable: true,
        areNominationsOpen: false,
        fandomLimit: 0,
        characterLimit: 0,
        relationshipLimit: 0,
      },
      owner.id,
    );
    await addTagsToSet(archive.db, setId, { kind: 'fandom', names: 'Lantern Harbour', fandom: '' });
    await addTagsToSet(archive.db, setId, { kind: 'character', names: 'Wren the Ferrywoman', fandom: '' });

    const maintainer = await logIn(owner.username);
    await maintainer.goto(archive.url('/collections/new'));
    await maintainer.fill('[name="name"]', 'lamp_meme');
    await maintainer.fill('[name="title"]', 'The Lamp Meme');
    await clickAndWait(maintainer, 'button:has-text("Create collection")');
    await clickAndWait(maintainer, 'a:has-text("Add a prompt meme")');
    await maintainer.fill('[name="tag_set_id"]', String(setId));
    await maintainer.fill('[name="time_zone"]', 'Europe/Paris');
    await clickAndWait(maintainer, 'button:has-text("Add the prompt meme")');
    expect(await maintainer.locator('.flash').first().innerText()).toContain('now holds a prompt meme');

    const prompter = await logIn(prompterUser.username);
    await prompter.goto(archive.url('/collections/lamp_meme'));
    expect(await text(prompter)).toContain('Challenge: a prompt meme.');
    await clickAndWait(prompter, 'a:has-text("Its prompts")');
    await clickAndWait(prompter, 'a:has-text("Post a prompt")');
    await clickAndWait(prompter, 'button:has-text("Post prompt")');
    expect(await text(prompter)).toContain('Fandoms: name at least 1 fandom');
    await prompter.fill('[name="fandom"]', 'Lantern Harbour');
    await prompter.fill('[name="character"]', 'Wren the Ferrywoman');
    await prompter.fill('[name="title"]', 'The last ferry');
    await prompter.fill('[name="description"]', 'Wren waits at the quay for a passenger who is late by a year.');
    await prompter.check('[name="anonymous"]');
    await clickAndWait(prompter, 'button:has-text("Post prompt")');
    expect(await text(prompter)).toContain('Prompt by fogwhistle');

    const writer = await logIn(writerUser.username);
    await writer.goto(archive.url('/collections/lamp_meme/prompts'));
    expect(await text(writer)).toContain('The last ferry by Anonymous');
    await clickAndWait(writer, 'a:has-text("The last ferry")');
    await clickAndWait(writer, 'button:has-text("Claim")');
    await writer.goto(archive.url('/users/quayscribe/claims'));
    await clickAndWait(writer, 'a:has-text("Post to fill")');
    expect(await writer.inputValue('[name="in_response_to"]')).toMatch(/^\d+$/);
    await writer.fill('[name="title"]', 'A Passenger, Late');
    await writer.selectOption('select[name="rating"]', 'General Audiences');
    await writer.check('input[name="warnings"][value="No Archive Warnings Apply"]');
    await writer.check('input[name="categories"][value="Gen"]');
    await writer.fill('[name="fandoms"]', 'Lantern Harbour');
    await writer.fill('[name="body"]', 'The ferry horn sounded twice, and then a third time.');
    await clickAndWait(writer, 'button[name="action"][value="post"]');
    const workPath = new URL(writer.url()).pathname;
    expect(workPath).toMatch(/^\/works\/\d+$/);

    const mail = await archive.smtp.waitFor((m) => m.envelopeTo.includes(prompterUser.email));
    expect(mail.text).toContain('“A Passenger, Late” by quayscribe fills your prompt “The last ferry”');

    const guest = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await guest.goto(archive.url(workPath));
    const work = await text(guest);
    expect(work).toContain('In response to a prompt by Anonymous in The Lamp Meme');
    expect(work).toContain('Collections: The Lamp Meme');
    expect(work).not.toContain('fogwhistle');
    await guest.goto(archive.url('/collections/lamp_meme/prompts?filled=yes'));
    expect(await text(guest)).toContain('1 prompt');
  });
});
