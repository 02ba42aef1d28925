/**
 * A collection's settings page and its people: maintainers only, errors
 * beside their fields with the typed values kept, texts cleaned, the works'
 * anonymity following the settings (turning it off is a reveal), every
 * change in the audit log, and a collection never left without an owner.
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { decode, fieldError } from '../../test/support/post-form.ts';

forEachDatabase('collection settings', (t) => {
  let owner: User;
  let helper: User;
  let reader: User;
  let writer: User;
  let ownerB: Browser;
  let helperB: Browser;
  let readerB: Browser;
  let writerB: Browser;
  let adminB: Browser;
  let guest: Browser;
  let n = 0;

  beforeAll(async () => {
    [owner, helper, reader, writer] = await Promise.all([1, 2, 3, 4].map(() => makeUser(t.db)));
    const admin = await makeUser(t.db, { isAdmin: true });
    const app = makeTestApp(t.db);
    [ownerB, helperB, readerB, writerB, adminB, guest] = Array.from({ length: 6 }, () => new Browser(app));
    await signIn(ownerB, t.db, owner);
    await signIn(helperB, t.db, helper);
    await signIn(readerB, t.db, reader);
    await signIn(writerB, t.db, writer);
    await signIn(adminB, t.db, admin);
  });

  async function makeCollection(settings: string[] = []) {
    const name = `quay_${++n}`;
    expect((await ownerB.post('/collections/new', { name, title: `Quay ${n}`, settings })).status).toBe(303);
    return t.db.selectFrom('collections').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  }
  const reload = (id: number) =>
    t.db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const form = (overrides: Record<string, string | string[]> = {}) => ({
    title: 'Quay Renamed',
    description: '<p>Boats <script>alert(1)</script>only.</p>',
    introduction: 'Welcome aboard.',
    rules: '<p>Be kind.</p>',
    faq: '',
    parent: '',
    settings: ['moderated'],
    ...overrides,
  });

  it('only maintainers (and admins) open and save it', async () => {
    const col = await makeCollection();
    expect((await guest.get(`/collections/${col.name}/edit`)).status).toBe(303);
    expect((await readerB.get(`/collections/${col.name}/edit`)).status).toBe(403);
    expect((await readerB.post(`/collections/${col.name}/edit`, form())).status).toBe(403);
    expect((await reload(col.id)).title).toBe(col.title);
    const page = await ownerB.page(`/collections/${col.name}/edit`);
    expect(page).toContain(`value="${col.title}"`);
    expect(page).toContain(`action="/collections/${col.name}/edit"`);
    expect(await ownerB.page(`/collections/${col.name}`)).toContain(`href="/collections/${col.name}/edit"`);
    expect((await adminB.post(`/collections/${col.name}/edit`, form({ title: 'Admin Quay' }))).status).toBe(303);
    expect((await reload(col.id)).title).toBe('Admin Quay');
  });

  it('saves the texts cleaned and the settings, logged with before and after', async () => {
    const col = await makeCollection();
    const res = await ownerB.post(`/collections/${col.name}/edit`, form());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/collections/${col.name}`);
    const saved = await reload(col.id);
    expect(saved).toMatchObject({ title: 'Quay Renamed', is_moderated: 1, is_closed: 0, name: col.name });
    expect(saved.description).toContain('Boats');
    expect(saved.description).not.toContain('script');
    expect(saved.introduction).toContain('Welcome aboard.');
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'collection.edit')
      .where('target_id', '=', col.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(owner.id);
    expect(JSON.parse(entry.before!)).toMatchObject({ is_moderated: 0 });
    expect(JSON.parse(entry.after!)).toMatchObject({ is_moderated: 1, title: 'Quay Renamed' });
    const page = await guest.page(`/collections/${col.name}`);
    expect(page).toContain('Be kind.');
  });

  it('shows each problem beside its field and keeps what was typed', async () => {
    const col = await makeCollection();
    const child = await makeCollection();
    await ownerB.post(`/collections/${child.name}/edit`, form({ title: child.title, parent: col.name }));
    expect((await reload(child.id)).parent_id).toBe(col.id);
    const res = await ownerB.post(
      `/collections/${col.name}/edit`,
      form({ title: '', parent: child.name, rules: 'Kept rules text', settings: ['closed', 'sideways'] }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'title')).toBe('Give the collection a title.');
    expect(fieldError(html, 'parent')).toContain('inside itself or one of its own subcollections');
    expect(fieldError(html, 'settings')).toBe('Choose settings from the list.');
    expect(decode(html)).toContain('Kept rules text');
    expect(html).toContain(`value="${child.name}"`);
    expect((await reload(col.id)).parent_id).toBeNull();
    const unknown = await ownerB.post(`/collections/${col.name}/edit`, form({ parent: 'nowhere_at_all' }));
    expect(fieldError(await unknown.text(), 'parent')).toBe('There is no collection “nowhere_at_all” here.');
  });

  it('anonymity follows the settings; turning secrecy off reveals the works and announces them', async () => {
    const col = await makeCollection();
    const workId = await makeWork(t.db, writer, { title: 'Harbour Ghost' });
    await writerB.post(`/works/${workId}/collections`, { collections: col.name });
    await ownerB.post(
      `/collections/${col.name}/edit`,
      form({ title: col.title, settings: ['anonymous', 'unrevealed'] }),
    );
    const concealed = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
    expect([concealed.is_anonymous, concealed.is_unrevealed]).toEqual([1, 1]);
    expect(await guest.page(`/works/${workId}`)).toContain('Mystery Work');
    await ownerB.post(`/collections/${col.name}/edit`, form({ title: col.title, settings: ['anonymous'] }));
    const revealed = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
    expect([revealed.is_anonymous, revealed.is_unrevealed]).toEqual([1, 0]);
    const events = await t.db.selectFrom('jobs').select('payload').where('kind', 'like', '%works.revealed').execute();
    expect(events.filter((e) => e.payload.includes(String(workId)))).toHaveLength(1);
    const page = await guest.page(`/works/${workId}`);
    expect(page).toContain('Harbour Ghost');
    expect(page).not.toContain(writer.username);
  });

  it('owners name and remove people, never the last owner; moderators may not', async () => {
    const col = await makeCollection();
    const named = await ownerB.post(`/collections/${col.name}/participants`, {
      username: helper.username,
      role: 'moderator',
    });
    expect(named.status).toBe(303);
    const roles = () =>
      t.db
        .selectFrom('collection_participants')
        .select(['user_id', 'role'])
        .where('collection_id', '=', col.id)
        .orderBy('user_id')
        .execute();
    // A moderator edits the settings but sees the people without the forms, and may not change them.
    const helperPage = await helperB.page(`/collections/${col.name}/edit`);
    expect(helperPage).toContain(`${helper.username}</a> (moderator)`);
    expect(helperPage).not.toContain(`action="/collections/${col.name}/participants"`);
    const promoted = await helperB.post(`/collections/${col.name}/participants`, {
      username: helper.username,
      role: 'owner',
    });
    expect(promoted.status).toBe(403);
    expect((await helperB.post(`/collections/${col.name}/people/${owner.id}/remove`)).status).toBe(403);
    expect(await guest.page(`/collections/${col.name}`)).toContain(`>${helper.username}</a>`);
    // The only owner can neither step down nor be removed.
    await ownerB.post(`/collections/${col.name}/participants`, { username: owner.username, role: 'member' });
    expect(await ownerB.page(`/collections/${col.name}/edit`)).toContain('only owner');
    await ownerB.post(`/collections/${col.name}/people/${owner.id}/remove`);
    expect(await roles()).toEqual([
      { user_id: owner.id, role: 'owner' },
      { user_id: helper.id, role: 'moderator' },
    ]);
    await ownerB.post(`/collections/${col.name}/people/${helper.id}/remove`);
    expect(await roles()).toEqual([{ user_id: owner.id, role: 'owner' }]);
    expect((await helperB.get(`/collections/${col.name}/edit`)).status).toBe(403);
    // An admin, not one of its people, may.
    expect(
      (await adminB.post(`/collections/${col.name}/participants`, { username: reader.username, role: 'member' }))
        .status,
    ).toBe(303);
    expect(await roles()).toContainEqual({ user_id: reader.id, role: 'member' });
    const logged = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'collection.participant')
      .where('target_id', '=', col.id)
      .execute();
    expect(logged).toHaveLength(3);
  });
});
