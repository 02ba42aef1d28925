import { beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { fieldError, postForm, workIdFrom } from '../../test/support/post-form.ts';
import { rowCounts } from '../../test/support/row-counts.ts';

forEachDatabase('editing, posting and deleting a work', (t) => {
  let writer: User;
  let pseudId: number;
  let stranger: User;
  let admin: User;
  const as: Record<'writer' | 'stranger' | 'admin' | 'guest', Browser> = {} as never;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    stranger = await makeUser(t.db);
    admin = await makeUser(t.db, { isAdmin: true });
    pseudId = (await findDefaultPseud(t.db, writer.id)).id;
    for (const [name, user] of [
      ['writer', writer],
      ['stranger', stranger],
      ['admin', admin],
      ['guest', null],
    ] as const) {
      as[name] = new Browser(makeTestApp(t.db));
      if (user) await signIn(as[name], t.db, user);
    }
  });

  const editForm = (overrides: Record<string, string | string[]> = {}) => {
    const { chapter_title: _t, body: _b, ...rest } = postForm(pseudId, { action: 'save', ...overrides });
    return rest;
  };

  it('shows the creator the form prefilled with everything saved, without the chapter fields', async () => {
    const friend = await makeUser(t.db);
    const response = await as.writer.post(
      '/works/new',
      postForm(pseudId, {
        co_creators: friend.username,
        series_title: 'Harbour Lights',
        gift_to: 'Captain Wren',
        related_url: 'https://example.org/original',
        published_on: '2020-01-02',
        expected_chapters: '3',
      }),
    );
    const workId = workIdFrom(response);
    const html = await as.writer.page(`/works/${workId}/edit`);
    expect(html).toContain('value="The Cartographer of Small Islands"');
    expect(html).toContain('value="Original Work"');
    expect(html).toContain('value="Ada the Cartographer, The Lighthouse Cat"');
    expect(html).toContain(`value="${pseudId}" checked`);
    expect(html).toContain(`id="co_creators" name="co_creators" type="text" value="${friend.username}"`);
    expect(html).toMatch(/<option value="\d+" selected="">Harbour Lights<\/option>/);
    expect(html).toContain('value="Captain Wren"');
    expect(html).toContain('value="https://example.org/original"');
    expect(html).toContain('value="2020-01-02"');
    expect(html).toContain('value="3"');
    expect(html).toMatch(/<option value="Teen And Up Audiences" selected/);
    expect(html).not.toContain('name="body"');
    expect(html).toMatch(/<button[^>]*value="save"[^>]*>Save changes<\/button>/);
  });

  it('saves changed metadata, keeping the chapters and a pending co-creator pending', async () => {
    const friend = await makeUser(t.db);
    const friendPseud = await findDefaultPseud(t.db, friend.id);
    const workId = workIdFrom(await as.writer.post('/works/new', postForm(pseudId, { co_creators: friend.username })));
    const response = await as.writer.post(
      `/works/${workId}/edit`,
      editForm({
        title: 'The Cartographer, Revised',
        freeforms: 'Maps, Weather',
        co_creators: friend.username,
        rating: 'General Audiences',
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/works/${workId}`);
    const work = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work).toMatchObject({
      title: 'The Cartographer, Revised',
      rating: 'General Audiences',
      posted_chapters: 1,
      word_count: 19,
    });
    const freeforms = await t.db
      .selectFrom('taggings')
      .innerJoin('tags', 'tags.id', 'taggings.tag_id')
      .select('tags.name')
      .where('taggings.work_id', '=', workId)
      .where('taggings.field', '=', 'freeform')
      .orderBy('taggings.position')
      .execute();
    expect(freeforms.map((f) => f.name)).toEqual(['Maps', 'Weather']);
    const invited = await t.db
      .selectFrom('creatorships')
      .select('is_accepted')
      .where('work_id', '=', workId)
      .where('pseud_id', '=', friendPseud.id)
      .executeTakeFirstOrThrow();
    expect(invited.is_accepted).toBe(0);
  });

  it('previews edited metadata without saving it', async () => {
    const workId = await makeWork(t.db, writer, { title: 'Before the Storm' });
    const before = await rowCounts(t.db);
    const response = await as.writer.post(
      `/works/${workId}/edit`,
      editForm({ action: 'preview', title: 'After the Storm', summary: 'Calm <em>seas</em><script>x()</script>.' }),
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<h3 class="title">After the Storm</h3>');
    expect(html).toContain('<p>Calm <em>seas</em>.</p>');
    expect(html).toContain('value="After the Storm"');
    expect(await rowCounts(t.db)).toEqual(before);
    const work = await t.db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work.title).toBe('Before the Storm');
  });

  it('shows edit errors beside the field and changes nothing', async () => {
    const workId = await makeWork(t.db, writer, {
      title: 'Steady Title',
      chapters: [chapter('<p>One.</p>'), chapter('<p>Two.</p>')],
      expectedChapters: 2,
    });
    const before = await rowCounts(t.db);
    const response = await as.writer.post(
      `/works/${workId}/edit`,
      editForm({ title: '', fandoms: '', expected_chapters: '1' }),
    );
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(fieldError(html, 'title')).toBe('Give the work a title.');
    expect(fieldError(html, 'fandoms')).toMatch(/at least one fandom/);
    expect(fieldError(html, 'expected_chapters')).toMatch(/already has 2 chapters/);
    expect(await rowCounts(t.db)).toEqual(before);
    const work = await t.db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work.title).toBe('Steady Title');
  });

  it('lets the importer edit an imported work without becoming its creator', async () => {
    const { createWork } = await import('./save-work.ts');
    const { blankWorkInput } = await import('./work-input.ts');
    const workId = await createWork(
      t.db,
      blankWorkInput({ title: 'Found in a Drawer', fandoms: ['Original Work'], externalCreators: ['Old Quill'] }),
      [chapter('<p>An old story.</p>')],
      { post: true, ownerId: writer.id, importedById: writer.id },
    );
    const response = await as.writer.post(
      `/works/${workId}/edit`,
      editForm({ title: 'Found in a Drawer', pseuds: [] }),
    );
    expect(response.status).toBe(303);
    const creators = await t.db
      .selectFrom('creatorships')
      .select(['pseud_id', 'external_name'])
      .where('work_id', '=', workId)
      .execute();
    expect(creators).toEqual([{ pseud_id: null, external_name: 'Old Quill' }]);
    // A work of one's own still needs one of one's pseuds.
    const own = await makeWork(t.db, writer);
    const refused = await as.writer.post(`/works/${own}/edit`, editForm({ pseuds: [] }));
    expect(refused.status).toBe(422);
    expect(fieldError(await refused.text(), 'pseuds')).toBe('Choose at least one of your pseuds as a creator.');
  });

  it('refuses everyone but the creators: guests log in, others and admins get 403, a missing work 404', async () => {
    const workId = await makeWork(t.db, writer, { title: 'Keep Out' });
    const guest = await as.guest.get(`/works/${workId}/edit`);
    expect(guest.status).toBe(303);
    expect(guest.headers.get('location')).toBe(`/login?return_to=%2Fworks%2F${workId}%2Fedit`);
    const other = await as.stranger.get(`/works/${workId}/edit`);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('Only the creators of this work can change it.');
    expect((await as.admin.get(`/works/${workId}/edit`)).status).toBe(403);
    const before = await rowCounts(t.db);
    expect((await as.stranger.post(`/works/${workId}/edit`, editForm({ title: 'Taken Over' }))).status).toBe(403);
    expect((await as.stranger.post(`/works/${workId}/delete`)).status).toBe(403);
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await as.writer.get('/works/999999/edit')).status).toBe(404);
    // Someone else's draft is not even there.
    const draftId = await makeWork(t.db, writer, { post: false });
    expect((await as.stranger.get(`/works/${draftId}/edit`)).status).toBe(404);
  });

  it('posts a draft from POST /works/:id/post, dating it today', async () => {
    const workId = await makeWork(t.db, writer, { post: false });
    const response = await as.writer.post(`/works/${workId}/post`);
    expect(response.status).toBe(303);
    const work = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work).toMatchObject({
      status: 'posted',
      posted_chapters: 1,
      published_on: new Date().toISOString().slice(0, 10),
    });
    expect(work.word_count).toBeGreaterThan(0);
  });

  it('posts a draft from the edit form’s Post button', async () => {
    const workId = workIdFrom(await as.writer.post('/works/new', postForm(pseudId, { action: 'draft' })));
    const html = await as.writer.page(`/works/${workId}/edit`);
    expect(html).toMatch(/<button[^>]*value="post"[^>]*>Post<\/button>/);
    await as.writer.post(`/works/${workId}/edit`, editForm({ action: 'post' }));
    const work = await t.db
      .selectFrom('works')
      .select(['status', 'posted_chapters'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(work).toEqual({ status: 'posted', posted_chapters: 1 });
  });

  it('deletes after a confirmation page; an admin may delete too', async () => {
    const workId = await makeWork(t.db, writer, { title: 'Ephemeral Charts' });
    const confirm = await as.writer.page(`/works/${workId}/delete`);
    expect(confirm).toContain('Delete “Ephemeral Charts”?');
    expect(confirm).toContain(`action="/works/${workId}/delete"`);
    const response = await as.writer.post(`/works/${workId}/delete`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/users/${writer.username}`);
    // Soft-deleted: the row waits 30 days for the purge, and nobody, its creator included, can open it.
    const deleted = await t.db.selectFrom('works').select('deleted_at').where('id', '=', workId).executeTakeFirst();
    expect(deleted?.deleted_at).toBeTruthy();
    expect((await as.writer.get(`/works/${workId}`)).status).toBe(404);
    expect((await as.writer.get(`/works/${workId}/edit`)).status).toBe(404);
    expect(await as.writer.page(`/users/${writer.username}`)).not.toContain('Ephemeral Charts');

    const another = await makeWork(t.db, writer);
    expect((await as.admin.post(`/works/${another}/delete`)).status).toBe(303);
    expect((await as.admin.get(`/works/${another}`)).status).toBe(404);
  });
});
