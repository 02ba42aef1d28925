/** /api/v1/me on each database: the token's account, and its pseuds added, changed and deleted as on the pages. */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import { createPseud, findDefaultPseud, listPseuds } from '../accounts/queries.ts';
import { PSEUD_NAME_TAKEN } from '../accounts/schema.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies read freely in tests

forEachDatabase('your account through the API', (t) => {
  let writer: User;
  let other: User;
  let browser: Browser;
  let write: string;
  let read: string;
  beforeAll(async () => {
    writer = await makeUser(t.db, { username: 'me-writer' });
    other = await makeUser(t.db, { username: 'me-other' });
    browser = new Browser(makeTestApp(t.db));
    write = (await createCredential(t.db, writer.id, 'pseuds', 'write')).secret;
    read = (await createCredential(t.db, writer.id, 'look', 'read')).secret;
  });

  const call = (method: string, path: string, secret?: string, body?: unknown) =>
    browser.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const fields = async (response: Response) => ((await response.json()) as Json).errors?.map((e: Json) => e.field);

  it('reads the account with a read token: name, pseuds with description, default and icon, preferences', async () => {
    const main = await findDefaultPseud(t.db, writer.id);
    await t.db
      .updateTable('pseuds')
      .set({ description: 'Sea stories.', icon_file: `${main.id}-0123456789abcdef.webp`, icon_alt: 'A gull' })
      .where('id', '=', main.id)
      .execute();
    await t.db.updateTable('users').set({ hide_warnings: 1 }).where('id', '=', writer.id).execute();
    expect((await call('GET', '/me')).status).toBe(401);
    const response = await call('GET', '/me', read);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('private');
    const me = (await response.json()) as Json;
    expect(me).toMatchObject({ username: 'me-writer', scope: 'read' });
    expect(me.pseuds).toEqual([
      {
        id: main.id,
        name: 'me-writer',
        description: 'Sea stories.',
        is_default: true,
        icon: { url: `http://localhost:3000/pseud-icons/${main.id}-0123456789abcdef.webp`, alt: 'A gull' },
        links: {
          works: 'http://localhost:3000/api/v1/users/me-writer/pseuds/me-writer/works',
          html: 'http://localhost:3000/users/me-writer/pseuds/me-writer/works',
        },
      },
    ]);
    expect(me.preferences).toMatchObject({ hide_warnings: true, skip_adult_notice: false, kudos_emails_off: false });
    expect(JSON.stringify(me)).not.toContain('@'); // no email address, no password hash
  });

  it('refuses every pseud write to a read-only token', async () => {
    const main = await findDefaultPseud(t.db, writer.id);
    for (const [method, path, body] of [
      ['POST', '/me/pseuds', { name: 'Read Only' }],
      ['PATCH', `/me/pseuds/${main.id}`, { description: 'nope' }],
      ['DELETE', `/me/pseuds/${main.id}`, undefined],
    ] as const) {
      const response = await call(method, path, read, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as Json).type).toBe('/api/v1/docs#problem-insufficient-scope');
    }
    expect(await listPseuds(t.db, writer.id)).toHaveLength(1);
  });

  it('adds a pseud by the form’s rules, naming the field at fault', async () => {
    const created = await call('POST', '/me/pseuds', write, { name: '  Harbour   Light ', description: 'Night.' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: 'Harbour Light',
      description: 'Night.',
      is_default: false,
      icon: null,
    });
    const taken = await call('POST', '/me/pseuds', write, { name: 'harbour light' });
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as Json).errors).toEqual([{ field: 'name', detail: PSEUD_NAME_TAKEN }]);
    const bad = await call('POST', '/me/pseuds', write, { name: 'Comma, Name' });
    expect(bad.status).toBe(422);
    expect(await fields(bad)).toEqual(['name']);
    const long = await call('POST', '/me/pseuds', write, { name: 'Fine', description: 'x'.repeat(501) });
    expect(long.status).toBe(422);
    expect(await fields(long)).toEqual(['description']);
    expect(await fields(await call('POST', '/me/pseuds', write, {}))).toEqual(['name']);
  });

  it('changes its own pseuds only, and makes one the default', async () => {
    const second = (await createPseud(t.db, writer.id, { name: 'Second Tide', description: '' }))!;
    const renamed = await call('PATCH', `/me/pseuds/${second.id}`, write, { name: 'Low Tide', is_default: true });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: second.id, name: 'Low Tide', description: '', is_default: true });
    expect((await findDefaultPseud(t.db, writer.id)).id).toBe(second.id);
    const undefault = await call('PATCH', `/me/pseuds/${second.id}`, write, { is_default: false });
    expect(undefault.status).toBe(422);
    expect(await fields(undefault)).toEqual(['is_default']);
    expect(await fields(await call('PATCH', `/me/pseuds/${second.id}`, write, { name: '' }))).toEqual(['name']);

    const theirs = await findDefaultPseud(t.db, other.id);
    const refused = await call('PATCH', `/me/pseuds/${theirs.id}`, write, { description: 'Taken over' });
    expect(refused.status).toBe(404);
    expect((await findDefaultPseud(t.db, other.id)).description).toBe('');
    // Back as it was for the next test.
    const main = (await listPseuds(t.db, writer.id)).find((p) => p.name === 'me-writer')!;
    expect((await call('PATCH', `/me/pseuds/${main.id}`, write, { is_default: true })).status).toBe(200);
  });

  it('deletes a pseud moving or orphaning its works, never the default nor another person’s', async () => {
    const main = await findDefaultPseud(t.db, writer.id);
    const theirs = await findDefaultPseud(t.db, other.id);
    expect((await call('DELETE', `/me/pseuds/${main.id}`, write)).status).toBe(409);
    expect((await call('DELETE', `/me/pseuds/${theirs.id}`, write)).status).toBe(404);

    const mover = (await createPseud(t.db, writer.id, { name: 'Mover', description: '' }))!;
    const moved = await makeWork(t.db, writer, { title: 'Moved Tide', creatorPseudIds: [mover.id] });
    const wrongTarget = await call('DELETE', `/me/pseuds/${mover.id}?works=move&move_to=${theirs.id}`, write);
    expect(wrongTarget.status).toBe(422);
    expect(await fields(wrongTarget)).toEqual(['move_to']);
    expect(await fields(await call('DELETE', `/me/pseuds/${mover.id}?works=keep`, write))).toEqual(['works']);
    expect((await call('DELETE', `/me/pseuds/${mover.id}`, write)).status).toBe(204);
    const credited = await t.db.selectFrom('creatorships').select('pseud_id').where('work_id', '=', moved).execute();
    expect(credited).toEqual([{ pseud_id: main.id }]);

    const leaving = (await createPseud(t.db, writer.id, { name: 'Drifter', description: '' }))!;
    const orphaned = await makeWork(t.db, writer, { title: 'Drifting', creatorPseudIds: [leaving.id] });
    expect((await call('DELETE', `/me/pseuds/${leaving.id}?works=orphan-keep`, write)).status).toBe(204);
    expect(await browser.page(`/works/${orphaned}`)).toContain('orphan_account (Drifter)');
    expect((await listPseuds(t.db, writer.id)).map((p) => p.name)).not.toContain('Drifter');
  });
});
