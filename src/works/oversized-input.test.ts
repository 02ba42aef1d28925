/**
 * Input that once ended in a 500 now gets a 4xx that says what is wrong: a
 * body that claims to be a form but is not one (400, for every form route),
 * and more co-creators or gift recipients than a work may have (422 on the
 * form and the API, naming the limit). Name lookups go in batches, so no
 * query's variables grow with what was typed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createCredential } from '../accounts/credentials.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { fieldError, postForm } from '../../test/support/post-form.ts';
import { rowCounts } from '../../test/support/row-counts.ts';
import { findPseudsNamed } from './form-queries.ts';

const names = (count: number, prefix = 'friend') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

forEachDatabase('oversized and malformed input', (t) => {
  let browser: Browser;
  let user: User;
  let pseudId: number;

  beforeAll(async () => {
    user = await makeUser(t.db);
    pseudId = (await findDefaultPseud(t.db, user.id)).id;
    browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
  });

  describe('a body that is not a readable form', () => {
    const broken = (path: string, contentType: string, body: string) =>
      browser.request(path, { method: 'POST', body, headers: { 'content-type': contentType, origin: TEST_ORIGIN } });

    it('is a 400 with a message on POST /works/new, and nothing is written', async () => {
      const before = await rowCounts(t.db);
      const noBoundary = await broken('/works/new', 'multipart/form-data', 'title=x');
      expect(noBoundary.status).toBe(400);
      expect(await noBoundary.text()).toContain('The form could not be read');
      const cutShort = await broken(
        '/works/new',
        'multipart/form-data; boundary=XYZ',
        '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nHalf a tit',
      );
      expect(cutShort.status).toBe(400);
      expect(await rowCounts(t.db)).toEqual(before);
    });

    it('is a 400 on any form route, for guests too', async () => {
      const guest = new Browser(makeTestApp(t.db));
      const response = await guest.request('/login', {
        method: 'POST',
        body: '--nope',
        headers: { 'content-type': 'multipart/form-data; boundary=other', origin: TEST_ORIGIN },
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('send the form again');
    });

    it('still reads a well-formed multipart form', async () => {
      const form = new FormData();
      for (const [key, value] of Object.entries(postForm(pseudId, { title: 'Sent As Multipart' }))) {
        for (const item of [value ?? ''].flat()) form.append(key, item);
      }
      const response = await browser.postMultipart('/works/new', form);
      expect(response.status).toBe(303);
    });
  });

  describe('how many people a work may name', () => {
    it('the form states the limits and refuses 21 gift recipients or co-creators with 422', async () => {
      const page = await browser.page('/works/new');
      expect(page).toContain('(at most 20)');
      const before = await rowCounts(t.db);
      const gifts = await browser.post('/works/new', postForm(pseudId, { gift_to: names(21).join(', ') }));
      expect(gifts.status).toBe(422);
      expect(fieldError(await gifts.text(), 'gift_to')).toBe(
        'A work can be a gift to at most 20 people; 21 are named.',
      );
      const co = await browser.post('/works/new', postForm(pseudId, { co_creators: names(10_000).join(', ') }));
      expect(co.status).toBe(422);
      expect(fieldError(await co.text(), 'co_creators')).toBe(
        'A work can have at most 20 co-creators; 10000 are named.',
      );
      expect(await rowCounts(t.db)).toEqual(before);
    });

    it('the API answers 10,000 gift names with a 422 problem naming the limit', async () => {
      const token = (await createCredential(t.db, user.id, 'poster', 'write')).secret;
      const response = await makeTestApp(t.db).request(`${TEST_ORIGIN}/api/v1/works`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          title: 'Too Many Gifts',
          fandoms: ['Original Work'],
          gift_to: names(10_000),
          chapter: { body: 'A short chapter.' },
        }),
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { errors: Array<{ field: string; detail: string }> };
      expect(problem.errors).toContainEqual({
        field: 'gift_to',
        detail: 'A work can be a gift to at most 20 people; 10000 are named.',
      });
    });

    it('findPseudsNamed looks up 40,000 names in batches (more than SQLite takes in one query)', async () => {
      const own = await findDefaultPseud(t.db, user.id);
      const found = await findPseudsNamed(t.db, [...names(40_000, 'nobody'), own.name.toUpperCase()]);
      expect(found.map((p) => p.id)).toEqual([own.id]);
    });
  });
});
