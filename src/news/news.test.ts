import { expect, it } from 'vitest';
import { Browser } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { parseAtomFeed, textOf } from '../feeds/atom-check.test-helper.ts';
import { makeSettingsApp, makeTwoFactorAdmin } from '../settings/settings.test-helper.ts';

forEachDatabase('news posts', (t) => {
  it('admins post news, which the list, the post page and the Atom feed show; members comment', async () => {
    const app = makeSettingsApp(t.db);
    const admin = new Browser(app);
    await signIn(admin, t.db, await makeTwoFactorAdmin(t.db));
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

    expect((await new Browser(app).post(`${path}/comments`, { body: 'Guest words' })).status).toBe(303);
    expect((await member.post(`${path}/comments`, { body: 'Lovely news about the lamps.' })).status).toBe(303);
    const withComment = await new Browser(app).page(path);
    expect(withComment).toContain('Lovely news about the lamps.');
    expect(withComment).not.toContain('Guest words');
    expect(withComment).toContain(reader.username);

    const commentId = /action="\/admin_posts\/comments\/(\d+)\/delete"/.exec(await admin.page(path))?.[1];
    expect((await admin.post(`/admin_posts/comments/${commentId}/delete`)).status).toBe(303);
    expect(await new Browser(app).page(path)).not.toContain('Lovely news');

    expect(
      (await admin.post(`${path}/edit`, { title: 'The reading room reopens Monday', body: 'Fresh shelves.' })).status,
    ).toBe(303);
    expect(await new Browser(app).page('/admin_posts/feed.atom')).toContain('The reading room reopens Monday');
    const actions = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'news%').execute();
    expect(actions.map((a) => a.action)).toEqual(['news.post', 'news.post', 'news-comment.delete', 'news.edit']);
    expect((await admin.post(`${path}/delete`)).status).toBe(303);
    expect((await new Browser(app).get(path)).status).toBe(404);
  });
});
