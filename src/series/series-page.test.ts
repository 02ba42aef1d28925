import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, signIn } from '../../test/support/factories.ts';
import { blurbOrder, makeSeries, putInState } from './series.test-helper.ts';

forEachDatabase('the series page', (t) => {
  let writer: User;
  let other: User;
  let guest: Browser;
  let member: Browser;
  let writerBrowser: Browser;

  beforeAll(async () => {
    writer = await makeUser(t.db);
    other = await makeUser(t.db);
    guest = new Browser(makeTestApp(t.db));
    member = new Browser(makeTestApp(t.db));
    writerBrowser = new Browser(makeTestApp(t.db));
    await signIn(member, t.db, other);
    await signIn(writerBrowser, t.db, writer);
  });

  it('shows the title, creator, dates, stats and the works in series order', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Lantern Road', [
      { title: 'The First Lamp', chapters: [chapter('<p>One two three four.</p>')] },
      { title: 'The Second Lamp', chapters: [chapter('<p>Five six.</p>')] },
      { title: 'The Third Lamp', chapters: [chapter('<p>Seven.</p>')] },
    ]);
    await t.db.updateTable('works').set({ bookmarks_count: 2 }).where('id', '=', workIds[1]).execute();
    const html = await guest.page(`/series/${seriesId}`);
    expect(html).toContain('<h1 class="heading">Lantern Road</h1>');
    expect(html).toContain(`<a rel="author" href="/users/${writer.username}">${writer.username}</a>`);
    expect(html).toMatch(/<dt>Series Begun:<\/dt><dd class="begun">\d{4}-\d\d-\d\d<\/dd>/);
    expect(html).toContain('<dd class="words">7</dd>');
    expect(html).toContain('<dd class="works">3</dd>');
    expect(html).toContain('<dd class="bookmarks">2</dd>');
    expect(html).toContain('<dd class="complete">No</dd>');
    expect(blurbOrder(html)).toEqual(workIds);
    // Each blurb names its place in the series.
    expect(html).toContain(`Part 2 of <a href="/series/${seriesId}">Lantern Road</a>`);
    expect(html).not.toContain('Edit series');
    expect(await writerBrowser.page(`/series/${seriesId}`)).toContain(
      `<a href="/series/${seriesId}/edit">Edit series</a>`,
    );
  });

  it('shows each reader only the works they may see, and counts only those', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Harbour Walls', [
      { title: 'Open Door' },
      { title: 'Members Door' },
      { title: 'Unfinished Door', post: false },
      { title: 'Hidden Door' },
      { title: 'Gone Door' },
    ]);
    const [open, restricted, draft, hidden, deleted] = workIds;
    await putInState(t.db, restricted, 'restricted');
    await putInState(t.db, hidden, 'hidden');
    await putInState(t.db, deleted, 'deleted');

    const asGuest = await guest.page(`/series/${seriesId}`);
    expect(blurbOrder(asGuest)).toEqual([open]);
    expect(asGuest).toContain('<dd class="works">1</dd>');
    expect(asGuest).not.toContain('Members Door');

    const asMember = await member.page(`/series/${seriesId}`);
    expect(blurbOrder(asMember)).toEqual([open, restricted]);
    expect(asMember).toContain('<dd class="works">2</dd>');
    expect(asMember).not.toMatch(/Unfinished Door|Hidden Door|Gone Door/);

    // The writer also sees their own draft and the work a moderator hid, never the deleted one.
    const asWriter = await writerBrowser.page(`/series/${seriesId}`);
    expect(blurbOrder(asWriter)).toEqual([open, restricted, draft, hidden]);
    expect(asWriter).not.toContain('Gone Door');
  });

  it('is not found for a reader who can see none of its works', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Quiet Pier', [{ title: 'Locked Pier' }]);
    await putInState(t.db, workIds[0], 'restricted');
    expect((await guest.get(`/series/${seriesId}`)).status).toBe(404);
    expect((await member.get(`/series/${seriesId}`)).status).toBe(200);
    const drafts = await makeSeries(t.db, writer, 'Draft Pier', [{ title: 'Draft Only', post: false }]);
    expect((await member.get(`/series/${drafts.seriesId}`)).status).toBe(404);
    expect((await writerBrowser.get(`/series/${drafts.seriesId}`)).status).toBe(200);
    expect((await guest.get('/series/999999')).status).toBe(404);
  });

  it("names its works' creators once its owner's account is gone", async () => {
    const { seriesId } = await makeSeries(t.db, writer, 'Orphan Pier', [{ title: 'Left Behind' }]);
    await t.db.updateTable('series').set({ owner_id: null }).where('id', '=', seriesId).execute();
    const html = await guest.page(`/series/${seriesId}`);
    expect(html).toContain(`<dd class="creators"><a rel="author" href="/users/${writer.username}">`);
  });

  it('leaves an anonymous work out for others, and the anonymous work names no series', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Masked Pier', [
      { title: 'Plain' },
      { title: 'Masked' },
    ]);
    await putInState(t.db, workIds[1], 'anonymous');
    // The series names its creator beside its other works: the anonymous one among them would name its creator.
    const html = await member.page(`/series/${seriesId}`);
    expect(html).not.toContain(`/works/${workIds[1]}"`);
    expect(html).toContain(`/works/${workIds[0]}"`);
    expect(await member.page(`/works/${workIds[1]}`)).not.toContain(`/series/${seriesId}`);
    expect(await member.page(`/works/${workIds[0]}`)).not.toContain(`/works/${workIds[1]}"`);
    const own = await writerBrowser.page(`/series/${seriesId}`);
    expect(own).toContain(`<dd class="creators"><a rel="author"`);
    expect(own).toContain(`/works/${workIds[1]}"`);
  });

  it('links a work page to its series, with previous and next skipping works the reader cannot see', async () => {
    const { seriesId, workIds } = await makeSeries(t.db, writer, 'Tide Steps', [
      { title: 'Step One' },
      { title: 'Step Two' },
      { title: 'Step Three' },
      { title: 'Step Four', post: false },
    ]);
    const [one, two, three] = workIds;
    await putInState(t.db, two, 'restricted');
    const line = (html: string) => /<p class="series-line">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';

    const guestOne = line(await guest.page(`/works/${one}`));
    expect(guestOne).toContain(`Part 1 of <a class="series-title" href="/series/${seriesId}">Tide Steps</a>`);
    expect(guestOne).toContain(`<a rel="next" href="/works/${three}">`);
    expect(guestOne).not.toContain('rel="prev"');
    const guestThree = line(await guest.page(`/works/${three}`));
    expect(guestThree).toContain(`<a rel="prev" href="/works/${one}">`);
    expect(guestThree).not.toContain('rel="next"');

    expect(line(await member.page(`/works/${one}`))).toContain(`<a rel="next" href="/works/${two}">`);
    expect(line(await member.page(`/works/${three}`))).toContain(`<a rel="prev" href="/works/${two}">`);
  });
});
