import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { TEST_ORIGIN } from '../../test/support/app.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { loadConfig } from '../config.ts';
import type { User } from '../accounts/accounts.table.ts';
import { createApp } from '../server.ts';
import { RateLimiter, RULES } from '../web/rate-limit.ts';
import { createCredential } from '../accounts/credentials.ts';
import { revokeToken } from '../accounts/token-queries.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

const NEW_WORK = {
  title: 'The Tollkeeper’s Bridge',
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  fandoms: ['Original Work'],
  freeforms: ['Bridges', 'Toll Roads'],
  summary: 'A bridge, a toll, a <b>stranger</b>.',
  chapter: {
    title: 'Crossing',
    body: '<p>The tollkeeper counted coins.</p><script>alert(1)</script><p onclick="x()">The river counted nothing.</p>',
  },
};

forEachDatabase('API writes', (t) => {
  let writer: User;
  let other: User;
  let writeToken: string;
  let readToken: string;
  let otherWriteToken: string;
  let limiter: RateLimiter;
  let app: ReturnType<typeof createApp>;
  let call: (method: string, path: string, body?: unknown, token?: string) => Promise<Response>;

  beforeAll(async () => {
    writer = await makeUser(t.db, { username: `apiposter${process.pid}` });
    other = await makeUser(t.db, { username: `apibystander${process.pid}` });
    writeToken = (await createCredential(t.db, writer.id, 'poster', 'write')).secret;
    readToken = (await createCredential(t.db, writer.id, 'reader', 'read')).secret;
    otherWriteToken = (await createCredential(t.db, other.id, 'theirs', 'write')).secret;
    limiter = new RateLimiter(t.db);
    const config = loadConfig({
      QUIRE_BASE_URL: TEST_ORIGIN,
      QUIRE_DATA_DIR: '/tmp/quire-unused',
      QUIRE_TRUST_PROXY: '1',
    });
    app = createApp({ db: t.db, config, rateLimiter: limiter });
    call = async (method, path, body, token = writeToken) =>
      app.request(`${TEST_ORIGIN}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
  });

  describe('authorization', () => {
    it('needs a token with the write scope', async () => {
      const guest = await call('POST', '/works', NEW_WORK, '');
      expect(guest.status).toBe(401);
      const readOnly = await call('POST', '/works', NEW_WORK, readToken);
      expect(readOnly.status).toBe(403);
      expect(readOnly.headers.get('www-authenticate')).toContain('insufficient_scope');
      expect(((await readOnly.json()) as Json).type).toBe('/api/v1/docs#problem-insufficient-scope');
      const revoked = await createCredential(t.db, writer.id, 'old', 'write');
      await revokeToken(t.db, writer.id, revoked.id);
      expect((await call('POST', '/works', NEW_WORK, revoked.secret)).status).toBe(401);
      const works = await t.db.selectFrom('works').select('id').where('title', '=', NEW_WORK.title).execute();
      expect(works).toEqual([]);
    });

    it('lets no one change another person’s work: 403 for a posted one, 404 for a draft', async () => {
      const posted = await makeWork(t.db, writer, { title: 'Not Theirs' });
      const draft = await makeWork(t.db, writer, { title: 'Not Theirs Either', post: false });
      expect((await call('PATCH', `/works/${posted}`, { title: 'Taken' }, otherWriteToken)).status).toBe(403);
      expect((await call('DELETE', `/works/${posted}`, undefined, otherWriteToken)).status).toBe(403);
      expect((await call('PATCH', `/works/${draft}`, { title: 'Taken' }, otherWriteToken)).status).toBe(404);
      expect((await call('POST', `/works/${posted}/chapters`, { body: 'Mine now.' }, otherWriteToken)).status).toBe(
        403,
      );
      const titles = await t.db
        .selectFrom('works')
        .select('title')
        .where('id', 'in', [posted, draft])
        .orderBy('id')
        .execute();
      expect(titles.map((r) => r.title)).toEqual(['Not Theirs', 'Not Theirs Either']);
    });
  });

  describe('works', () => {
    it('posts a draft by default, cleaned as the form cleans it, visible only to its creator', async () => {
      const response = await call('POST', '/works', NEW_WORK);
      expect(response.status).toBe(201);
      const work = (await response.json()) as Json;
      expect(response.headers.get('location')).toBe(`/api/v1/works/${work.id}`);
      expect(work).toMatchObject({ title: NEW_WORK.title, status: 'draft', freeforms: ['Bridges', 'Toll Roads'] });
      expect(work.creators).toEqual([
        { name: writer.username, username: writer.username, pseud_id: expect.any(Number) },
      ]);
      const row = await t.db
        .selectFrom('chapters')
        .select(['body', 'is_posted'])
        .where('work_id', '=', work.id)
        .executeTakeFirstOrThrow();
      expect(row.body).toContain('<p>The tollkeeper counted coins.</p>');
      expect(row.body).toContain('<p>The river counted nothing.</p>');
      expect(row.body).not.toMatch(/script|onclick/);
      expect(row.is_posted).toBe(0);
      expect((await call('GET', `/works/${work.id}`, undefined, '')).status).toBe(404);
      expect((await call('GET', `/works/${work.id}`, undefined, readToken)).status).toBe(200);
    });

    it('refuses bad input with problem details naming each field, in the form’s words', async () => {
      const empty = await call('POST', '/works', {});
      expect(empty.status).toBe(422);
      expect(empty.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await empty.json()) as Json;
      expect(problem).toMatchObject({
        type: '/api/v1/docs#problem-invalid-input',
        status: 422,
        title: expect.any(String),
      });
      const byField = Object.fromEntries(problem.errors.map((e: Json) => [e.field, e.detail]));
      expect(byField).toMatchObject({
        title: 'Give the work a title.',
        rating: 'Choose a rating.',
        fandoms: expect.stringContaining('Add at least one fandom'),
        'chapter.body': 'Write the chapter text: it cannot be empty.',
      });
      expect(byField.warnings).toContain('archive warning');

      const wrongType = (await (await call('POST', '/works', { ...NEW_WORK, title: 5, rating: 'PG' })).json()) as Json;
      expect(wrongType.errors.map((e: Json) => e.field).sort()).toEqual(['rating', 'title']);
      const notMine = (await (await call('POST', '/works', { ...NEW_WORK, pseud_ids: [999999] })).json()) as Json;
      expect(notMine.errors).toEqual([{ field: 'pseud_ids', detail: 'Choose creators among your own pseuds.' }]);
      const badTag = (await (await call('POST', '/works', { ...NEW_WORK, freeforms: ['a*b'] })).json()) as Json;
      expect(badTag.errors[0]).toMatchObject({ field: 'freeforms', detail: expect.stringContaining('"*"') });
      const garbled = await call('POST', '/works', '{"title": ');
      expect(garbled.status).toBe(400);
      expect(garbled.headers.get('content-type')).toBe('application/problem+json');
      const notJson = await app.request(`${TEST_ORIGIN}/api/v1/works`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writeToken}`, 'content-type': 'text/plain' },
        body: JSON.stringify(NEW_WORK),
      });
      // Not refused as a cross-site form: the API reads no cookies, so there is nothing to forge.
      expect(notJson.status).toBe(415);
      expect(notJson.headers.get('content-type')).toBe('application/problem+json');
    });

    it('edits only the fields named, posts a draft, and deletes', async () => {
      const created = (await (await call('POST', '/works', { ...NEW_WORK, title: 'Edit Me' })).json()) as Json;
      const edited = await call('PATCH', `/works/${created.id}`, { title: 'Edited', post: true });
      expect(edited.status).toBe(200);
      const work = (await edited.json()) as Json;
      expect(work).toMatchObject({
        title: 'Edited',
        status: 'posted',
        freeforms: ['Bridges', 'Toll Roads'],
        summary: created.summary,
      });
      const chapters = await t.db
        .selectFrom('chapters')
        .select('is_posted')
        .where('work_id', '=', created.id)
        .execute();
      expect(chapters).toEqual([{ is_posted: 1 }]);
      const tooFew = (await (await call('PATCH', `/works/${created.id}`, { expected_chapters: 0 })).json()) as Json;
      expect(tooFew.errors[0].field).toBe('expected_chapters');

      expect((await call('DELETE', `/works/${created.id}`)).status).toBe(204);
      // Kept 30 days for reports and the audit log, and gone for readers at once.
      const row = await t.db.selectFrom('works').select('deleted_at').where('id', '=', created.id).executeTakeFirst();
      expect(row?.deleted_at).toBeTruthy();
      expect((await call('GET', `/works/${created.id}`)).status).toBe(404);
      expect((await call('DELETE', `/works/${created.id}`)).status).toBe(404);
    });

    it('shares the post form’s rate limit', async () => {
      const poster = await makeUser(t.db);
      const token = (await createCredential(t.db, poster.id, 'busy', 'write')).secret;
      for (let i = 0; i < RULES.posting.limit; i++) await limiter.hit(`posting:${poster.id}`, RULES.posting);
      const response = await call('POST', '/works', NEW_WORK, token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBeTruthy();
    });
  });

  describe('chapters', () => {
    it('adds, edits and deletes chapters with the chapter form’s checks', async () => {
      const workId = await makeWork(t.db, writer, { title: 'Growing Work', expectedChapters: null });
      const added = await call('POST', `/works/${workId}/chapters`, {
        title: 'Second',
        body: '<p>More road.</p>',
        post: true,
      });
      expect(added.status).toBe(201);
      const chapter = (await added.json()) as Json;
      expect(chapter).toMatchObject({ title: 'Second', position: 2, is_posted: true, body: '<p>More road.</p>' });

      const edited = (await (
        await call('PATCH', `/works/${workId}/chapters/${chapter.id}`, { title: 'Second, revised' })
      ).json()) as Json;
      expect(edited).toMatchObject({ title: 'Second, revised', body: '<p>More road.</p>' });

      const empty = (await (await call('POST', `/works/${workId}/chapters`, { body: '  ' })).json()) as Json;
      expect(empty).toMatchObject({
        status: 422,
        errors: [{ field: 'body', detail: 'Write the chapter text: it cannot be empty.' }],
      });
      const long = (await (
        await call('POST', `/works/${workId}/chapters`, { body: 'x', title: 'T'.repeat(300) })
      ).json()) as Json;
      expect(long.errors[0].field).toBe('title');

      expect((await call('DELETE', `/works/${workId}/chapters/${chapter.id}`)).status).toBe(204);
      const [only] = await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).execute();
      const refused = await call('DELETE', `/works/${workId}/chapters/${only.id}`);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as Json).detail).toContain('only chapter');
      expect((await call('PATCH', `/works/${workId}/chapters/999999`, { title: 'x' })).status).toBe(404);
    });
  });
});
