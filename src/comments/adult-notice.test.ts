/**
 * A work's comment pages pass the adult content notice the work's own pages
 * show: a guest meets it on /works/:id/comments and /comments/:id of an
 * Explicit work, one "Yes, continue" brings them back to the page they
 * asked for, and the creator and readers who turned it off never see it.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signIn } from '../../test/support/factories.ts';
import { makeCommentableWork, makeMember } from './comments.test-helper.ts';
import { postTestComment } from './inbox.test-helper.ts';

forEachDatabase('the adult notice on comment pages', (t) => {
  it('stops a guest before the comments of an Explicit work until they continue, then brings them back', async () => {
    const writer = await makeMember(t.db);
    const reader = await makeMember(t.db);
    const workId = await makeCommentableWork(t.db, writer, { rating: 'Explicit' });
    const commentId = await postTestComment(t.db, { workId, by: reader, body: '<p>The lantern scene, though.</p>' });
    const app = makeTestApp(t.db);
    const guest = new Browser(app);

    for (const path of [`/works/${workId}/comments`, `/comments/${commentId}`]) {
      const notice = await guest.page(path);
      expect(notice).toContain('Adult content');
      expect(notice).toContain('<dd>Explicit</dd>');
      expect(notice).toContain(`action="/works/${workId}/adult-ok"`);
      expect(notice).toContain(`name="return_to" value="${path}"`);
      expect(notice).not.toContain('The lantern scene, though.');
    }

    const confirmed = await guest.post(`/works/${workId}/adult-ok`, { return_to: `/comments/${commentId}` });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/comments/${commentId}`);
    expect(await guest.page(`/comments/${commentId}`)).toContain('The lantern scene, though.');
    expect(await guest.page(`/works/${workId}/comments`)).toContain('The lantern scene, though.');

    // AO3's ?view_adult=true links count as the reader's "continue".
    const linked = await new Browser(app).page(`/works/${workId}/comments?view_adult=true`);
    expect(linked).toContain('The lantern scene, though.');
  });

  it('skips the notice for the creator, for readers who turned it off, and on General Audiences works', async () => {
    const writer = await makeMember(t.db);
    const reader = await makeMember(t.db);
    const adult = await makeCommentableWork(t.db, writer, { rating: 'Mature' });
    const general = await makeCommentableWork(t.db, writer);
    await postTestComment(t.db, { workId: adult, by: reader, body: '<p>A quiet ending.</p>' });
    await postTestComment(t.db, { workId: general, by: reader, body: '<p>A loud ending.</p>' });
    const app = makeTestApp(t.db);

    expect(await new Browser(app).page(`/works/${general}/comments`)).toContain('A loud ending.');
    const member = new Browser(app);
    await signIn(member, t.db, reader);
    expect(await member.page(`/works/${adult}/comments`)).toContain('Adult content');
    await t.db.updateTable('users').set({ skip_adult_notice: 1 }).where('id', '=', reader.id).execute();
    expect(await member.page(`/works/${adult}/comments`)).toContain('A quiet ending.');
    const creator = new Browser(app);
    await signIn(creator, t.db, writer);
    expect(await creator.page(`/works/${adult}/comments`)).toContain('A quiet ending.');
  });
});
