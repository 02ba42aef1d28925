import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { makeCast } from './reading.test-helper.ts';

forEachDatabase('adult content notice', (t) => {
  const body = (rating: string) => `The lamp keeper's ${rating} evening went on quietly.`;
  const makeRated = async (
    rating: 'General Audiences' | 'Teen And Up Audiences' | 'Mature' | 'Explicit' | 'Not Rated',
  ) => {
    const writer = await makeUser(t.db);
    return makeWork(t.db, writer, { rating, chapters: [chapter(`<p>${body(rating)}</p>`)] });
  };

  it('guards Explicit, Mature and Not Rated works, but not General or Teen', async () => {
    const guest = new Browser(makeTestApp(t.db));
    for (const rating of ['Explicit', 'Mature', 'Not Rated'] as const) {
      const id = await makeRated(rating);
      const html = await guest.page(`/works/${id}`);
      expect(html, rating).toContain('Adult content');
      expect(html).toContain('This work could have adult content');
      expect(html).toContain(`action="/works/${id}/adult-ok"`);
      expect(html).toContain('Yes, continue');
      expect(html).not.toContain(body(rating));
    }
    for (const rating of ['General Audiences', 'Teen And Up Audiences'] as const) {
      const id = await makeRated(rating);
      const html = await guest.page(`/works/${id}`);
      expect(html).not.toContain('This work could have adult content');
      expect(html).toContain(body(rating));
    }
  });

  it('remembers "continue" for the browser session, for every work, and only in that browser', async () => {
    const app = makeTestApp(t.db);
    const reader = new Browser(app);
    const first = await makeRated('Explicit');
    const second = await makeRated('Mature');
    const chapterId = (
      await t.db.selectFrom('chapters').select('id').where('work_id', '=', first).executeTakeFirstOrThrow()
    ).id;
    expect(await reader.page(`/works/${first}/chapters/${chapterId}`)).toContain('This work could have adult content');

    const response = await reader.post(`/works/${first}/adult-ok`, {
      return_to: `/works/${first}/chapters/${chapterId}`,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/works/${first}/chapters/${chapterId}`);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('quire_adult_ok=1'));
    expect(cookie).toBeDefined();
    // A session cookie: no expiry, so it ends when the browser closes.
    expect(cookie).not.toMatch(/expires|max-age/i);
    expect(reader.cookies.get('quire_adult_ok')).toBe('1');

    expect(await reader.page(`/works/${first}`)).toContain(body('Explicit'));
    expect(await reader.page(`/works/${second}`)).toContain(body('Mature'));
    expect(await new Browser(app).page(`/works/${first}`)).toContain('This work could have adult content');
  });

  it('sends "continue" only to paths on this archive', async () => {
    const reader = new Browser(makeTestApp(t.db));
    const id = await makeRated('Explicit');
    for (const returnTo of ['https://elsewhere.example/', '//elsewhere.example/', '/\\elsewhere.example']) {
      const response = await reader.post(`/works/${id}/adult-ok`, { return_to: returnTo });
      expect(response.headers.get('location')).toBe(`/works/${id}`);
    }
  });

  it('accepts ?view_adult=true links as "continue"', async () => {
    const reader = new Browser(makeTestApp(t.db));
    const id = await makeRated('Explicit');
    expect(await reader.page(`/works/${id}?view_adult=true`)).toContain(body('Explicit'));
    expect(reader.cookies.get('quire_adult_ok')).toBe('1');
  });

  it("is skipped for readers who turned it off and for the work's creator", async () => {
    const { other, creator, otherUser, creatorUser } = await makeCast(t.db);
    const id = await makeWork(t.db, creatorUser, {
      rating: 'Explicit',
      chapters: [chapter(`<p>${body('Explicit')}</p>`)],
    });
    expect(await creator.page(`/works/${id}`)).toContain(body('Explicit'));
    expect(await other.page(`/works/${id}`)).toContain('This work could have adult content');
    await t.db.updateTable('users').set({ skip_adult_notice: 1 }).where('id', '=', otherUser.id).execute();
    expect(await other.page(`/works/${id}`)).toContain(body('Explicit'));
  });
});
