/**
 * The sanitizer of src/chapters/body.ts as a writer meets it: what they post
 * in a chapter body or a work summary is stored, and shown, without `style`,
 * `class`, `id` or `on*` attributes — a style could dress a work up as the
 * archive's own notices, a class or id could borrow the page's own rules and
 * anchors, a handler would run script — while the allowed markup stays.
 */
import { beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { postForm, workIdFrom } from '../../test/support/post-form.ts';

/** Every attribute a writer must not get through, on markup that is itself allowed. */
const DRESSED_UP =
  '<p style="position:fixed;top:0" class="forged-notice" id="forged-anchor" onclick="steal()" onmouseover="steal()">' +
  'The <em style="color:red" onmouseover="steal()">tide</em> came in.</p>';
const FORBIDDEN = [/style=/i, /forged-notice/, /forged-anchor/, /on(click|mouseover)=/i, /steal\(\)/];

function expectClean(html: string): void {
  for (const pattern of FORBIDDEN) expect(html).not.toMatch(pattern);
}

forEachDatabase('sanitizing what writers post', (t) => {
  let writer: User;
  let browser: Browser;
  let pseudId: number;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    pseudId = (await findDefaultPseud(t.db, writer.id)).id;
    browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, writer);
  });

  it('strips style, class, id and on* handlers from a posted work’s body and summary', async () => {
    const response = await browser.post('/works/new', postForm(pseudId, { body: DRESSED_UP, summary: DRESSED_UP }));
    const workId = workIdFrom(response);

    const work = await t.db.selectFrom('works').select('summary').where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work.summary).toBe('<p>The <em>tide</em> came in.</p>');
    const [saved] = await t.db.selectFrom('chapters').select('body').where('work_id', '=', workId).execute();
    expect(saved.body).toBe('<p>The <em>tide</em> came in.</p>');

    const page = await browser.page(`/works/${workId}`);
    const content = page.slice(page.indexOf('<main'));
    expect(content).toContain('The <em>tide</em> came in.');
    expectClean(content);
  });

  it('strips them from a chapter added to a work, and from its summary', async () => {
    const workId = await makeWork(t.db, writer);
    const response = await browser.post(`/works/${workId}/chapters/new`, {
      action: 'post',
      chapter_title: 'Second Tide',
      summary: DRESSED_UP,
      notes: '',
      end_notes: '',
      body: DRESSED_UP,
    });
    expect(response.status).toBe(303);
    const added = await t.db
      .selectFrom('chapters')
      .select(['id', 'body', 'summary'])
      .where('work_id', '=', workId)
      .where('position', '=', 2)
      .executeTakeFirstOrThrow();
    expect(added.body).toBe('<p>The <em>tide</em> came in.</p>');
    expect(added.summary).toBe('<p>The <em>tide</em> came in.</p>');

    const page = await browser.page(`/works/${workId}/chapters/${added.id}`);
    const content = page.slice(page.indexOf('<main'));
    expect(content).toContain('The <em>tide</em> came in.');
    expectClean(content);
  });
});
