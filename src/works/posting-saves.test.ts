import { beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { postForm, workIdFrom } from '../../test/support/post-form.ts';

forEachDatabase('saving a posted work', (t) => {
  let browser: Browser;
  let user: User;
  let pseudId: number;

  beforeAll(async () => {
    user = await makeUser(t.db);
    pseudId = (await findDefaultPseud(t.db, user.id)).id;
    browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, user);
  });

  const tagsOf = (workId: number) =>
    t.db
      .selectFrom('taggings')
      .innerJoin('tags', 'tags.id', 'taggings.tag_id')
      .select(['taggings.field', 'tags.name'])
      .where('taggings.work_id', '=', workId)
      .orderBy('taggings.field')
      .orderBy('taggings.position')
      .execute();

  it('posts a work with every part: chapter, taggings, series, related work, gift and creatorships', async () => {
    const friend = await makeUser(t.db, { username: `friend${Date.now()}` });
    const friendPseud = await findDefaultPseud(t.db, friend.id);
    const parentId = await makeWork(t.db, friend, { title: 'The Lighthouse Ledger' });
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, {
        relationships: 'Ada/Marisol, Ada & The Lighthouse Cat',
        co_creators: friend.username,
        series_title: 'Tidal Charts',
        related_url: `http://localhost:3000/works/${parentId}`,
        related_relation: 'sequel',
        gift_to: `${friend.username}, Grandmother Iris`,
        published_on: '2021-03-04',
        expected_chapters: '?',
        restricted: '1',
        comment_permission: 'everyone',
        moderated_comments: '1',
        summary: 'Low tide <script>alert(1)</script><b>islands</b>.',
        notes: 'Thanks to my <a href="javascript:alert(1)">beta</a>.',
      }),
    );
    expect(response.status).toBe(303);
    const workId = workIdFrom(response);
    expect(response.headers.get('set-cookie')).toContain('quire_flash=');

    const work = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work).toMatchObject({
      title: 'The Cartographer of Small Islands',
      rating: 'Teen And Up Audiences',
      status: 'posted',
      expected_chapters: null,
      posted_chapters: 1,
      is_complete: 0,
      is_restricted: 1,
      comment_permission: 'everyone',
      moderated_comments: 1,
      published_on: '2021-03-04',
      summary: '<p>Low tide <b>islands</b>.</p>',
      notes: '<p>Thanks to my <a rel="nofollow noopener">beta</a>.</p>',
    });
    expect(work.word_count).toBe(19);

    const chapters = await t.db.selectFrom('chapters').selectAll().where('work_id', '=', workId).execute();
    expect(chapters).toHaveLength(1);
    expect(chapters[0]).toMatchObject({
      position: 1,
      title: 'Low Tide',
      is_posted: 1,
      published_on: '2021-03-04',
      word_count: 19,
      // The work's summary and notes stay on the work; chapter 1 does not repeat them.
      summary: '',
      notes: '',
    });
    expect(chapters[0].body).toBe(
      '<p>Ada unrolled the chart on the kitchen table.</p>\n<p>The cat sat on the corner that would not stay flat.</p>',
    );

    expect(await tagsOf(workId)).toEqual([
      { field: 'category', name: 'Gen' },
      { field: 'character', name: 'Ada the Cartographer' },
      { field: 'character', name: 'The Lighthouse Cat' },
      { field: 'fandom', name: 'Original Work' },
      { field: 'freeform', name: 'Found Family' },
      { field: 'freeform', name: 'Maps' },
      { field: 'relationship', name: 'Ada/Marisol' },
      { field: 'relationship', name: 'Ada & The Lighthouse Cat' },
      { field: 'warning', name: 'No Archive Warnings Apply' },
    ]);

    const creators = await t.db
      .selectFrom('creatorships')
      .select(['pseud_id', 'is_accepted', 'position'])
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
    expect(creators).toEqual([
      { pseud_id: pseudId, is_accepted: 1, position: 0 },
      { pseud_id: friendPseud.id, is_accepted: 0, position: 1 },
    ]);

    const series = await t.db
      .selectFrom('series_works')
      .innerJoin('series', 'series.id', 'series_works.series_id')
      .select(['series.title', 'series.owner_id', 'series_works.position'])
      .where('series_works.work_id', '=', workId)
      .execute();
    expect(series).toEqual([{ title: 'Tidal Charts', owner_id: user.id, position: 1 }]);

    const related = await t.db.selectFrom('related_works').selectAll().where('work_id', '=', workId).execute();
    expect(related).toMatchObject([{ parent_work_id: parentId, parent_url: null, relation: 'sequel', is_approved: 0 }]);

    const gifts = await t.db
      .selectFrom('gifts')
      .select(['recipient_pseud_id', 'recipient_name'])
      .where('work_id', '=', workId)
      .orderBy('id')
      .execute();
    expect(gifts).toEqual([
      { recipient_pseud_id: friendPseud.id, recipient_name: friend.username },
      { recipient_pseud_id: null, recipient_name: 'Grandmother Iris' },
    ]);
  });

  it('adds a second work to an existing series at the end, and links an external related work', async () => {
    const [series] = await t.db.selectFrom('series').select('id').where('owner_id', '=', user.id).execute();
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, {
        title: 'Spring Tides',
        series_id: String(series.id),
        related_url: 'https://example.org/stories/42',
        related_relation: 'translation',
      }),
    );
    const workId = workIdFrom(response);
    const place = await t.db
      .selectFrom('series_works')
      .selectAll()
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(place).toMatchObject({ series_id: series.id, position: 2 });
    const related = await t.db
      .selectFrom('related_works')
      .selectAll()
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(related).toMatchObject({
      parent_work_id: null,
      parent_url: 'https://example.org/stories/42',
      is_approved: 1,
    });
  });

  it('refuses someone else’s series', async () => {
    const other = await makeUser(t.db);
    const theirs = await t.db
      .insertInto('series')
      .values({ title: 'Not Mine', owner_id: other.id, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await browser.post('/works/new', postForm(pseudId, { series_id: String(theirs.id) }));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Choose one of your own series.');
  });

  it('saves a draft that only its creator can see', async () => {
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, { action: 'draft', title: 'Unfinished Soundings' }),
    );
    const workId = workIdFrom(response);
    const work = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work).toMatchObject({ status: 'draft', posted_chapters: 0, word_count: 0, published_on: null });
    const chapter = await t.db
      .selectFrom('chapters')
      .selectAll()
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    expect(chapter).toMatchObject({ is_posted: 0, published_on: null });
    const guest = new Browser(makeTestApp(t.db));
    expect((await guest.get(`/works/${workId}`)).status).toBe(404);
  });

  it('cleans HTML bodies: no <script>, no onclick, no javascript: links', async () => {
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, {
        body:
          '<p onclick="steal()">The <em>tide</em> turned.</p><script>steal()</script>' +
          '<p><a href="javascript:steal()">map</a> <a href="https://example.org/x">key</a></p>' +
          '<img src="http://example.org/a.png" alt="chart"><img src="https://example.org/b.png" alt="chart">',
      }),
    );
    const chapter = await t.db
      .selectFrom('chapters')
      .select('body')
      .where('work_id', '=', workIdFrom(response))
      .executeTakeFirstOrThrow();
    expect(chapter.body).not.toMatch(/script|onclick|javascript/);
    expect(chapter.body).toContain('<p>The <em>tide</em> turned.</p>');
    expect(chapter.body).toContain('<a href="https://example.org/x" rel="nofollow noopener">key</a>');
    expect(chapter.body).toContain('<img src="https://example.org/b.png" alt="chart" />');
    expect(chapter.body).not.toContain('http://example.org/a.png');
  });

  it('turns plain text into paragraphs, keeping single line breaks', async () => {
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, { body: 'First line\nsecond line\n\n\nA new paragraph & 2 < 3' }),
    );
    const chapter = await t.db
      .selectFrom('chapters')
      .select('body')
      .where('work_id', '=', workIdFrom(response))
      .executeTakeFirstOrThrow();
    expect(chapter.body).toBe('<p>First line<br />second line</p>\n<p>A new paragraph &amp; 2 &lt; 3</p>');
  });

  it('counts Han text per character', async () => {
    // 潮水退了 (4) + 她画地图 (4) + "Ada" (1) = 9 words.
    const response = await browser.post(
      '/works/new',
      postForm(pseudId, { language: 'zh', body: '潮水退了。\n\n她画地图 Ada' }),
    );
    const workId = workIdFrom(response);
    const work = await t.db.selectFrom('works').select('word_count').where('id', '=', workId).executeTakeFirstOrThrow();
    expect(work.word_count).toBe(9);
  });
});
