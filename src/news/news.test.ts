import { expect, it } from 'vitest';
import { Browser } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { parseAtomFeed, textOf } from '../feeds/atom-check.test-helper.ts';
import { startNoticeHarness } from '../comments/inbox.test-helper.ts';
import { startMemoryIndex } from '../search/memory/work-index.ts';
import { makeSettingsApp, makeTwoFactorAdmin, setSettings } from '../settings/settings.test-helper.ts';

forEachDatabase('news posts', (t) => {
  it('admins post news, which the list, the post page and the Atom feed show; members and guests comment through the comments module', async () => {
    const app = makeSettingsApp(t.db);
    const admin = new Browser(app);
    const adminUser = await makeTwoFactorAdmin(t.db);
    await signIn(admin, t.db, adminUser);
    const member = new Browser(app);
    const reader = await makeUser(t.db);
    await signIn(member, t.db, reader);

    expect((await member.get('/admin_posts/new')).status).toBe(403);
    expect((await member.post('/admin_posts/new', { title: 'Not mine', body: 'No.' })).status).toBe(403);
    expect((await admin.post('/admin_posts/new', { title: '', body: 'Text' })).status).toBe(422);

    const posted = await admin.post('/admin_posts/new', {
      title: 'The reading room reopens',
      body: 'Fresh shelves.\n\nAnd <script>alert(1)</script> new <em>lamps</em>.',
    });
    expect(posted.status).toBe(303);
    const path = posted.headers.get('location')!;
    expect(path).toMatch(/^\/admin_posts\/\d+$/);
    await admin.post('/admin_posts/new', { title: 'Second notice', body: 'The tide tables are updated.' });

    const list = await new Browser(app).page('/admin_posts');
    expect(list).toContain('The reading room reopens');
    expect(list).toContain('href="/admin_posts/feed.atom"');
    expect(list.indexOf('Second notice')).toBeLessThan(list.indexOf('The reading room reopens'));
    const page = await new Browser(app).page(path);
    expect(page).toContain('<em>lamps</em>');
    expect(page).not.toContain('<script>');

    const feed = await new Browser(app).get('/admin_posts/feed.atom');
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const { entries } = parseAtomFeed(await feed.text());
    expect(entries.map((e) => textOf(e.title))).toEqual(['Second notice', 'The reading room reopens']);
    expect(textOf(entries[1]!.content)).toContain('<em>lamps</em>');

    // Comments are the comments module's, on the post's own work: members and guests comment and reply.
    const postId = Number(path.split('/').pop());
    const workId = (
      await t.db.selectFrom('admin_posts').select('work_id').where('id', '=', postId).executeTakeFirstOrThrow()
    ).work_id!;
    const commented = await member.post(`/works/${workId}/comments`, {
      body: 'Lovely news about the lamps.',
      return_to: path,
    });
    expect(commented.status).toBe(303);
    expect(commented.headers.get('location')).toMatch(/^\/admin_posts\/\d+#comment-\d+$/);
    const guestComment = await new Browser(app).post(`/works/${workId}/comments`, {
      guest_name: 'Passer-by',
      guest_email: 'passer@example.test',
      body: 'Guest words about the shelves.',
      return_to: path,
    });
    expect(guestComment.status).toBe(303);
    const withComment = await new Browser(app).page(path);
    expect(withComment).toContain('Lovely news about the lamps.');
    expect(withComment).toContain('Guest words about the shelves.');
    expect(withComment).toContain(reader.username);
    expect(withComment).toContain('Comments (2)');
    const [first] = await t.db
      .selectFrom('comments')
      .select('id')
      .where('work_id', '=', workId)
      .orderBy('id')
      .execute();
    expect((await member.post(`/comments/${first!.id}/reply`, { body: 'And the shelves.' })).status).toBe(303);
    // The post's author hears of comments on it in their inbox and by mail, as a creator does.
    const harness = await startNoticeHarness(t.db);
    try {
      await harness.deliver();
      expect(
        harness
          .mailsTo(adminUser.email)
          .map((m) => m.text)
          .join('\n'),
      ).toContain('Lovely news about the lamps.');
    } finally {
      await harness.close();
    }
    expect(await admin.page(`/users/${adminUser.username}/inbox`)).toContain('Lovely news about the lamps.');
    expect(await new Browser(app).page('/admin_posts')).toContain('The reading room reopens');
    // The post's work has no page of its own, and no listing, search or feed shows it.
    const workPage = await new Browser(app).get(`/works/${workId}`);
    expect(workPage.status).toBe(303);
    const toPost = await new Browser(app).get(workPage.headers.get('location')!);
    expect(toPost.headers.get('location')).toBe(path);
    const listings = ['/works', '/works/search?q=reading', `/users/${adminUser.username}/works`, '/opds/new'];
    for (const listing of listings) {
      expect(await new Browser(app).page(listing), listing).not.toContain('The reading room reopens');
    }
    // The in-memory index leaves it out too.
    const index = startMemoryIndex(t.db)!;
    await index.build();
    for (const listing of listings) {
      expect(await new Browser(app).page(listing), `${listing} (index)`).not.toContain('The reading room reopens');
    }
    expect(await new Browser(app).page('/works')).toContain('No works found.');
    // With guest comments off, a guest finds no box and no Reply under the post.
    await setSettings(t.db, { guestComments: false });
    const guestView = await new Browser(app).page(path);
    expect(guestView).not.toContain('name="guest_name"');
    expect(guestView).not.toMatch(/>\s*Reply\s*</);
    await setSettings(t.db, { guestComments: true });
    expect(await new Browser(app).page(path)).toContain('name="guest_name"');

    // The admin, its creator, deletes a comment through the comments module (audited: not theirs).
    expect((await admin.post(`/comments/${first!.id}/delete`, { return_to: path })).status).toBe(303);
    expect(await new Browser(app).page(path)).not.toContain('Lovely news');

    expect(
      (await admin.post(`${path}/edit`, { title: 'The reading room reopens Monday', body: 'Fresh shelves.' })).status,
    ).toBe(303);
    expect(await new Browser(app).page('/admin_posts/feed.atom')).toContain('The reading room reopens Monday');
    const actions = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'news%').execute();
    expect(actions.map((a) => a.action)).toEqual(['news.post', 'news.post', 'news.edit']);
    expect((await admin.post(`${path}/delete`)).status).toBe(303);
    expect((await new Browser(app).get(path)).status).toBe(404);
    // Its work and comments went with it.
    expect(await t.db.selectFrom('comments').select('id').where('work_id', '=', workId).execute()).toEqual([]);
  });
});
