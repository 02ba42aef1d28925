import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../server.ts';
import { Browser } from '../../../test/support/app.ts';
import { makeMailingApp } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/factories.ts';
import { decode, fieldError, postForm, workIdFrom } from '../../../test/support/post-form.ts';
import type { User } from '../../accounts/accounts.table.ts';
import { findDefaultPseud } from '../../accounts/queries.ts';
import type { TestSmtpServer } from '../../mail/smtp-test-server.test-helper.ts';
import { makePromptMeme, promptFields, promptIdFrom } from './prompt-memes.test-helper.ts';

forEachDatabase('prompt memes: claims and fills', (t) => {
  let app: App;
  let smtp: TestSmtpServer;
  let owner: User;
  let prompter: User;
  let writer: User;
  let other: User;
  let ownerB: Browser;
  let prompterB: Browser;
  let writerB: Browser;
  let otherB: Browser;
  let guest: Browser;
  let writerPseud: number;

  beforeAll(async () => {
    ({ app, smtp } = await makeMailingApp(t.db));
    [owner, prompter, writer, other] = await Promise.all([1, 2, 3, 4].map(() => makeUser(t.db)));
    [ownerB, prompterB, writerB, otherB, guest] = [1, 2, 3, 4, 5].map(() => new Browser(app));
    await signIn(ownerB, t.db, owner);
    await signIn(prompterB, t.db, prompter);
    await signIn(writerB, t.db, writer);
    await signIn(otherB, t.db, other);
    writerPseud = (await findDefaultPseud(t.db, writer.id)).id;
  });

  afterAll(async () => {
    await smtp.close();
  });

  /** The `prompt.filled` events recorded for a work: each is one notice to its prompters. */
  const fillEvents = async (workId: number) =>
    (await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'event:prompt.filled').execute()).filter(
      (j) => JSON.parse(j.payload).workId === workId,
    ).length;

  async function postedPrompt(name: string, overrides: Record<string, string> = {}) {
    return promptIdFrom(await prompterB.post(`/collections/${name}/prompts/new`, promptFields(overrides)));
  }

  it('claims, fills from a claim, and tells the prompter; the prompt shows its fill and the work its prompt', async () => {
    const { name } = await makePromptMeme(ownerB);
    const promptId = await postedPrompt(name, { title: 'Lamps at low tide' });
    expect((await writerB.post(`/collections/${name}/prompts/${promptId}/claim`)).status).toBe(303);
    expect((await otherB.post(`/collections/${name}/prompts/${promptId}/claim`)).status).toBe(303);
    const claims = await writerB.page(`/users/${writer.username}/claims`);
    expect(claims).toContain('Lamps at low tide');
    expect(claims).toContain(`href="/works/new?prompt=${promptId}"`);
    expect((await otherB.get(`/users/${writer.username}/claims`)).status).toBe(403);
    expect(await guest.page(`/collections/${name}/prompts/${promptId}`)).toContain('2 claims');

    const form = await writerB.page(`/works/new?prompt=${promptId}`);
    expect(form).toContain(`name="in_response_to" type="text" value="${promptId}"`);

    const mark = smtp.messages.length;
    const posted = await writerB.post(
      '/works/new',
      postForm(writerPseud, { title: 'The Lamplighter’s Tide', in_response_to: String(promptId) }),
    );
    const workId = workIdFrom(posted);
    const fill = await t.db
      .selectFrom('prompt_fills')
      .selectAll()
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(fill).toMatchObject({ prompt_id: promptId, user_id: writer.id });
    const item = await t.db
      .selectFrom('collection_items')
      .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
      .select('status')
      .where('collections.name', '=', name)
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('approved');

    const mail = await smtp.nextTo(prompter.email, mark);
    expect(mail.subject).toMatch(/^Your prompt in Lantern Meme \d+ was filled$/);
    expect(mail.text).toContain(`“The Lamplighter’s Tide” by ${writer.username} fills your prompt “Lamps at low tide”`);
    expect(mail.text).toContain(`/works/${workId}`);

    const prompt = decode(await guest.page(`/collections/${name}/prompts/${promptId}`));
    expect(prompt).toContain('1 fill');
    expect(prompt).toContain(`<a href="/works/${workId}">The Lamplighter’s Tide</a>`);
    const work = decode(await guest.page(`/works/${workId}`));
    expect(work).toMatch(
      new RegExp(
        `In response to a <a href="[^"]+">prompt</a> by <span class="prompter">${prompter.username}</span> in <a href="/collections/${name}">Lantern Meme`,
      ),
    );
    expect(await guest.page(`/collections/${name}/prompts?filled=yes`)).toContain('1 prompt<');
    const api = await (await guest.get(`/api/v1/collections/${name}/prompts/${promptId}`)).json();
    expect(api).toMatchObject({
      title: 'Lamps at low tide',
      prompter: { username: prompter.username },
      claims: 2,
      fills: 1,
      filled_by: [{ work_id: workId, title: 'The Lamplighter’s Tide' }],
    });
    expect(api.claimed_by.map((cl: { username: string }) => cl.username)).toEqual([writer.username, other.username]);

    // Editing the work keeps the fill, and tells no one twice.
    const edited = await writerB.post(
      `/works/${workId}/edit`,
      postForm(writerPseud, { action: 'save', title: 'The Lamplighter’s Tide', in_response_to: String(promptId) }),
    );
    expect(edited.status).toBe(303);
    expect(await writerB.page(`/works/${workId}/edit`)).toContain(
      `name="in_response_to" type="text" value="${promptId}"`,
    );
    expect(await fillEvents(workId)).toBe(1);

    // A filled claim stays; an unposted one may be dropped; a maintainer may remove any, logged.
    const own = await t.db
      .selectFrom('prompt_claims')
      .select('id')
      .where('user_id', '=', writer.id)
      .executeTakeFirstOrThrow();
    expect((await writerB.post(`/prompt_claims/${own.id}/delete`)).status).toBe(403);
    const others = await t.db
      .selectFrom('prompt_claims')
      .select('id')
      .where('user_id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect((await writerB.post(`/prompt_claims/${others.id}/delete`)).status).toBe(403);
    expect((await otherB.post(`/prompt_claims/${others.id}/delete`)).status).toBe(303);
    expect((await otherB.post(`/collections/${name}/prompts/${promptId}/claim`)).status).toBe(303);
    const again = await t.db
      .selectFrom('prompt_claims')
      .select('id')
      .where('user_id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect((await ownerB.post(`/prompt_claims/${again.id}/delete`)).status).toBe(303);
    const log = await t.db.selectFrom('audit_log').select('action').where('target_type', '=', 'prompt_claim').execute();
    expect(log.map((l) => l.action)).toEqual(['prompt-claim.remove']);
  });

  it('refuses an "In response to" that names no prompt, keeping the form', async () => {
    const bad = await writerB.post(
      '/works/new',
      postForm(writerPseud, { title: 'Harbour Lights', in_response_to: 'soon' }),
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, 'in_response_to')).toBe(
      'In response to prompt: give the prompt’s number or its address (…/prompts/12).',
    );
    expect(html).toContain('value="Harbour Lights"');
    const missing = await writerB.post('/works/new', postForm(writerPseud, { in_response_to: '999999' }));
    expect(fieldError(await missing.text(), 'in_response_to')).toBe(
      'In response to prompt: there is no prompt 999999.',
    );
  });

  it('tells the prompter of a draft’s fill only when it is posted, and hides a draft fill', async () => {
    const { name } = await makePromptMeme(ownerB, {}, ['moderated']);
    const promptId = await postedPrompt(name);
    const mark = smtp.messages.length;
    const saved = await writerB.post(
      '/works/new',
      postForm(writerPseud, {
        action: 'draft',
        title: 'Ferry Lights',
        in_response_to: `http://localhost:3000/collections/${name}/prompts/${promptId}`,
      }),
    );
    const workId = workIdFrom(saved);
    expect(await prompterB.page(`/collections/${name}/prompts/${promptId}`)).toContain('0 fills');
    expect(await fillEvents(workId)).toBe(0);
    expect((await writerB.post(`/works/${workId}/post`)).status).toBe(303);
    const mail = await smtp.nextTo(prompter.email, mark);
    expect(mail.text).toContain('“Ferry Lights”');
    // A moderated collection: the fill waits for a maintainer, like any work put in it.
    const item = await t.db
      .selectFrom('collection_items')
      .select('status')
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('awaiting');
  });
});
