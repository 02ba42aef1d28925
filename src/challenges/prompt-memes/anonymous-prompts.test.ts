/**
 * The leak check for anonymous prompts: a prompt posted anonymously, under a
 * pseud of its own, claimed and filled; then every surface that shows a
 * prompt — the listing in each sort and filter, the prompt page, the work
 * page's "In response to", My claims, the edit form, the API's list and
 * detail, the mails queued — fetched as a guest, a reader, the writer who
 * filled it, the prompter and a maintainer. Nothing anyone but the prompter
 * and the maintainers fetch may name the prompter, by username or pseud.
 */
import { beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../../test/support/app.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/factories.ts';
import { postForm, workIdFrom } from '../../../test/support/post-form.ts';
import type { User } from '../../accounts/accounts.table.ts';
import { createCredential } from '../../accounts/credentials.ts';
import { findDefaultPseud } from '../../accounts/queries.ts';
import type { App } from '../../server.ts';
import { queueFillNotices } from './fill-notices.ts';
import { makePromptMeme, promptFields, promptIdFrom } from './prompt-memes.test-helper.ts';

const SECRET_PSEUD = 'Velvet Lighthouse';

forEachDatabase('anonymous prompts never show their prompter', (t) => {
  let app: App;
  let prompter: User;
  const browsers: Record<string, Browser> = {};
  const tokens: Record<string, string | undefined> = {};
  let name: string;
  let promptId: number;
  let openPromptId: number;
  let workId: number;
  let writer: User;

  beforeAll(async () => {
    app = makeTestApp(t.db);
    const owner = await makeUser(t.db);
    prompter = await makeUser(t.db, { username: `quietkeeper${t.test.dialect}` });
    writer = await makeUser(t.db);
    const reader = await makeUser(t.db);
    for (const [role, user] of Object.entries({ owner, prompter, writer, reader })) {
      browsers[role] = new Browser(app);
      await signIn(browsers[role], t.db, user);
      tokens[role] = (await createCredential(t.db, user.id, 'reading', 'read')).secret;
    }
    browsers.guest = new Browser(app);
    tokens.guest = undefined;
    const pseud = await t.db
      .insertInto('pseuds')
      .values({
        user_id: prompter.id,
        name: SECRET_PSEUD,
        is_default: 0,
        created_at: new Date().toISOString(),
        icon_file: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ({ name } = await makePromptMeme(browsers.owner));
    promptId = promptIdFrom(
      await browsers.prompter.post(
        `/collections/${name}/prompts/new`,
        promptFields({ title: 'A lamp in every window', anonymous: '1', pseud_id: String(pseud.id) }),
      ),
    );
    // The same prompter's open prompt: shown with their name, so the page is known to show names at all.
    openPromptId = promptIdFrom(
      await browsers.prompter.post(`/collections/${name}/prompts/new`, promptFields({ title: 'Signed and sealed' })),
    );
    await browsers.writer.post(`/collections/${name}/prompts/${promptId}/claim`);
    const writerPseud = await findDefaultPseud(t.db, writer.id);
    workId = workIdFrom(
      await browsers.writer.post(
        '/works/new',
        postForm(writerPseud.id, { title: 'Every Window Lit', in_response_to: String(promptId) }),
      ),
    );
    await queueFillNotices(t.db, { baseUrl: TEST_ORIGIN, archiveName: 'Quire' }, workId);
  });

  const names = () => [prompter.username, SECRET_PSEUD].map((n) => n.toLowerCase());

  async function surfaces(role: string): Promise<Array<[string, string]>> {
    const b = browsers[role];
    const pages = [
      `/collections/${name}/prompts`,
      `/collections/${name}/prompts?sort=claims`,
      `/collections/${name}/prompts?sort=fills&filled=yes`,
      `/collections/${name}/prompts?claimed=yes&fandom=Lantern+Harbour`,
      `/collections/${name}/prompts/${promptId}`,
      `/works/${workId}`,
      `/collections/${name}`,
    ];
    if (role === 'writer') pages.push(`/users/${writer.username}/claims`, `/works/${workId}/edit`);
    const out: Array<[string, string]> = [];
    for (const path of pages) {
      const res = await b.get(path);
      expect(res.status, `${role} ${path}`).toBe(200);
      out.push([path, await res.text()]);
    }
    const headers: Record<string, string> = tokens[role] ? { authorization: `Bearer ${tokens[role]}` } : {};
    for (const path of [`/collections/${name}/prompts`, `/collections/${name}/prompts/${promptId}`]) {
      const res = await app.request(`${TEST_ORIGIN}/api/v1${path}`, { headers });
      expect(res.status, `${role} API ${path}`).toBe(200);
      out.push([`API ${path}`, await res.text()]);
    }
    return out;
  }

  it('keeps the prompter from the guest, a reader and the writer who filled it, everywhere', async () => {
    for (const role of ['guest', 'reader', 'writer']) {
      for (const [path, body] of await surfaces(role)) {
        const text = body.toLowerCase();
        // The open prompt names the prompter on the listings; the anonymous one's own surfaces never do.
        const ownSurface = !path.includes('/prompts') || path.includes(`/prompts/${promptId}`);
        for (const secret of ownSurface ? names() : [SECRET_PSEUD.toLowerCase()])
          expect(text.includes(secret), `${role} sees “${secret}” on ${path}`).toBe(false);
      }
      const page = await browsers[role].page(`/works/${workId}`);
      expect(page).toContain('by <span class="prompter">Anonymous</span>');
      const api = await (
        await app.request(`${TEST_ORIGIN}/api/v1/collections/${name}/prompts/${promptId}`, {
          headers: tokens[role] ? { authorization: `Bearer ${tokens[role]}` } : {},
        })
      ).json();
      expect(api).toMatchObject({ is_anonymous: true, prompter: null });
    }
    // The open prompt shows its prompter, so a name would be seen if the rule let it through.
    expect(await browsers.guest.page(`/collections/${name}/prompts/${openPromptId}`)).toContain(prompter.username);
  });

  it('shows the prompter to themselves and to the maintainers', async () => {
    for (const role of ['prompter', 'owner']) {
      const page = await browsers[role].page(`/collections/${name}/prompts/${promptId}`);
      expect(page).toContain(SECRET_PSEUD);
      expect(await browsers[role].page(`/works/${workId}`)).toContain(SECRET_PSEUD);
      const api = await (
        await app.request(`${TEST_ORIGIN}/api/v1/collections/${name}/prompts/${promptId}`, {
          headers: { authorization: `Bearer ${tokens[role]}` },
        })
      ).json();
      expect(api.prompter).toEqual({ username: prompter.username, pseud: SECRET_PSEUD });
    }
  });

  it('sends no one but the prompter a mail about the prompt, and that one names no prompter', async () => {
    const mails = await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'mail').execute();
    const messages = mails.map((m) => JSON.parse(m.payload) as { to: string; text: string; subject: string });
    const aboutIt = messages.filter((m) => m.text.includes('A lamp in every window'));
    expect(aboutIt.map((m) => m.to)).toEqual([prompter.email]);
    for (const m of messages.filter((m) => m.to !== prompter.email))
      expect(`${m.subject}\n${m.text}`.toLowerCase()).not.toContain(SECRET_PSEUD.toLowerCase());
  });
});
