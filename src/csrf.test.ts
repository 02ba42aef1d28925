/**
 * The CSRF check of src/server.ts: a form is accepted only from the
 * archive's own origin, compared whole — scheme, host and port — so a
 * look-alike host, the same host on another port and the opaque `null`
 * origin (sandboxed frames, some redirects) are all refused before the
 * route runs.
 */
import { beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from './accounts/queries.ts';
import { createSession, SESSION_COOKIE } from './accounts/sessions.ts';
import { loadConfig } from './config.ts';
import { createApp, type App } from './server.ts';
import { formBody } from '../test/support/app.ts';
import { forEachDatabase } from '../test/support/databases.ts';
import { makeUser } from '../test/support/factories.ts';
import { postForm } from '../test/support/post-form.ts';
import { rowCounts } from '../test/support/row-counts.ts';

const ARCHIVE = 'https://archive.example.org';

forEachDatabase('CSRF: forms from another origin', (t) => {
  let app: App;
  let cookie: string;
  let pseudId: number;

  beforeAll(async () => {
    app = createApp({
      db: t.db,
      config: loadConfig({ QUIRE_BASE_URL: ARCHIVE, QUIRE_DATA_DIR: '/tmp/quire-unused' }),
    });
    const user = await makeUser(t.db);
    pseudId = (await findDefaultPseud(t.db, user.id)).id;
    cookie = `${SESSION_COOKIE}=${(await createSession(t.db, user.id, 'test')).token}`;
  });

  const postWork = (origin: string, title: string) =>
    app.request(`${ARCHIVE}/works/new`, {
      method: 'POST',
      body: formBody(postForm(pseudId, { title })),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie },
    });

  it.each([
    ['a look-alike host that starts with the archive', 'https://archive.example.org.evil.example'],
    ['the same host on another port', 'https://archive.example.org:8443'],
    ['the same host over plain http', 'http://archive.example.org'],
    ['the opaque null origin', 'null'],
  ])('refuses a form posted from %s and saves nothing', async (_, origin) => {
    const before = await rowCounts(t.db);
    const response = await postWork(origin, 'Forged From Elsewhere');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This request came from another site, so it was refused.');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('accepts the same form from the archive itself', async () => {
    const response = await postWork(ARCHIVE, 'Posted At Home');
    expect(response.status).toBe(303);
    const saved = await t.db.selectFrom('works').select('id').where('title', '=', 'Posted At Home').execute();
    expect(saved).toHaveLength(1);
  });
});
