import { expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeWork } from '../../test/support/factories.ts';
import { countingQueries } from '../../test/support/query-count.ts';
import { makeCast, mainOf } from './reading.test-helper.ts';

forEachDatabase('reading a work', (t) => {
  it('shows the meta block in the fixed order, then title, creators, summary, notes, text and end notes', async () => {
    const { guest, creatorUser } = await makeCast(t.db);
    const id = await makeWork(t.db, creatorUser, {
      title: 'Salt on the Lighthouse Stair',
      rating: 'Teen And Up Audiences',
      warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
      categories: ['F/M', 'Gen'],
      fandoms: ['Harbour Tales'],
      relationships: ['Ada/Bea'],
      characters: ['Ada', 'Bea'],
      freeforms: ['Found Family', 'Storms'],
      languageCode: 'fr',
      series: [{ newTitle: 'Tide Tables' }],
      expectedChapters: 3,
      summary: '<p>Summary: the keeper counts the steps.</p>',
      notes: '<p>Notes: written on a ferry.</p>',
      endNotes: '<p>End notes: thank you for reading.</p>',
      chapters: [chapter('<p>First chapter: the stair was wet.</p>'), chapter('<p>Second chapter: the lamp.</p>')],
    });
    const html = mainOf(await guest.page(`/works/${id}`));
    const landmarks = [
      '>Rating:</dt>',
      '>Archive Warnings:</dt>',
      '>Categories:</dt>',
      '>Fandom:</dt>',
      '>Relationship:</dt>',
      '>Characters:</dt>',
      '>Additional Tags:</dt>',
      '>Language:</dt>',
      '>Series:</dt>',
      '>Stats:</dt>',
      '>Published:</dt>',
      '>Updated:</dt>',
      '>Words:</dt>',
      '>Chapters:</dt>',
      '>Comments:</dt>',
      '>Kudos:</dt>',
      '>Bookmarks:</dt>',
      '>Hits:</dt>',
      '<h1 class="title">Salt on the Lighthouse Stair</h1>',
      `>${creatorUser.username}</a>`,
      'Summary: the keeper counts the steps.',
      'Notes: written on a ferry.',
      'First chapter: the stair was wet.',
    ];
    const positions = landmarks.map((text) => html.indexOf(text));
    landmarks.forEach((text, i) => expect(positions[i], text).toBeGreaterThan(i ? positions[i - 1] : -1));
    expect(html).toContain('<dd>2/3</dd>');
    expect(html).toContain('Français');
    expect(html).toContain('href="/tags/Ada*s*Bea/works"');
    expect(html).toContain('href="/tags/Teen%20And%20Up%20Audiences/works"');
    expect(html).toMatch(/Part 1 of <a class="series-title" href="\/series\/\d+">Tide Tables<\/a>/);
    // Chapter 1 of a multi-chapter work: no chapter 2 text, and end notes wait for the last chapter.
    expect(html).not.toContain('Second chapter: the lamp.');
    expect(html).not.toContain('End notes: thank you for reading.');

    const full = mainOf(await guest.page(`/works/${id}?view_full_work=true`));
    const order = [
      'First chapter: the stair was wet.',
      'Second chapter: the lamp.',
      'End notes: thank you for reading.',
    ];
    expect(order.map((s) => full.indexOf(s))).toEqual([...order.map((s) => full.indexOf(s))].sort((a, b) => a - b));
    expect(full.indexOf(order[0])).toBeGreaterThan(0);
  });

  it('says "Completed" for a finished multi-chapter work and leaves it out for a one-shot', async () => {
    const { guest, creatorUser } = await makeCast(t.db);
    const done = await makeWork(t.db, creatorUser, {
      expectedChapters: 2,
      chapters: [chapter('<p>One.</p>'), chapter('<p>Two.</p>')],
    });
    const oneShot = await makeWork(t.db, creatorUser);
    const doneHtml = await guest.page(`/works/${done}`);
    expect(doneHtml).toContain('>Completed:</dt>');
    expect(doneHtml).not.toContain('>Updated:</dt>');
    const oneShotHtml = await guest.page(`/works/${oneShot}`);
    expect(oneShotHtml).not.toContain('>Completed:</dt>');
    expect(oneShotHtml).not.toContain('>Updated:</dt>');
    expect(oneShotHtml).toContain('<dd>1/1</dd>');
  });

  it('shows "?" for an unknown chapter total and "No fandom" for a work without one', async () => {
    const { guest, creatorUser } = await makeCast(t.db);
    const id = await makeWork(t.db, creatorUser, { expectedChapters: null, fandoms: [] });
    const html = await guest.page(`/works/${id}`);
    expect(html).toContain('<dd>1/?</dd>');
    expect(html).toContain('No fandom');
  });

  it('offers downloads of a posted work, and none of a draft', async () => {
    const { guest, creator, creatorUser } = await makeCast(t.db);
    const id = await makeWork(t.db, creatorUser, { title: 'Harbour Lights' });
    const html = await guest.page(`/works/${id}`);
    expect(html).toContain(`href="/downloads/${id}/Harbour_Lights.epub"`);
    expect(html).toContain(`href="/downloads/${id}/Harbour_Lights.pdf"`);
    const draftId = await makeWork(t.db, creatorUser, { title: 'Harbour Fog', post: false });
    expect(await creator.page(`/works/${draftId}`)).not.toContain('/downloads/');
  });

  it('escapes titles and tags, and shows stored chapter HTML as HTML', async () => {
    const { guest, creatorUser } = await makeCast(t.db);
    const id = await makeWork(t.db, creatorUser, {
      title: '<script>alert(1)</script> & friends',
      freeforms: ['<b>bold</b> tag'],
      chapters: [chapter('<p>Safe <em>emphasis</em> here.</p>')],
    });
    const html = await guest.page(`/works/${id}`);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; tag');
    expect(html).toContain('<p>Safe <em>emphasis</em> here.</p>');
  });

  it('shows creators tools, the draft banner, and links to pseud pages', async () => {
    const { creator, other, admin, creatorUser } = await makeCast(t.db);
    const draft = await makeWork(t.db, creatorUser, { post: false });
    const draftHtml = await creator.page(`/works/${draft}`);
    expect(draftHtml).toContain('This is a draft');
    expect(draftHtml).toContain(`href="/works/${draft}/edit"`);
    expect(draftHtml).toContain(`action="/works/${draft}/post"`);

    const posted = await makeWork(t.db, creatorUser);
    const mine = await creator.page(`/works/${posted}`);
    expect(mine).toContain(`href="/works/${posted}/edit"`);
    expect(mine).toContain(`href="/works/${posted}/chapters/new"`);
    expect(mine).toContain(`href="/works/${posted}/delete"`);
    expect(mine).not.toContain('This is a draft');
    expect(mine).toContain(`href="/users/${creatorUser.username}"`);

    const theirs = await other.page(`/works/${posted}`);
    expect(theirs).not.toContain(`href="/works/${posted}/edit"`);
    expect(theirs).not.toContain(`href="/works/${posted}/delete"`);
    const admins = await admin.page(`/works/${posted}`);
    expect(admins).not.toContain(`href="/works/${posted}/edit"`);
    expect(admins).toContain(`href="/works/${posted}/delete"`);
  });

  it('names a non-default pseud with its user, and gift recipients who did not refuse', async () => {
    const { guest, creatorUser, otherUser } = await makeCast(t.db);
    const pseud = await t.db
      .insertInto('pseuds')
      .values({ user_id: creatorUser.id, name: 'Night Ferry', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const recipient = await findDefaultPseud(t.db, otherUser.id);
    const id = await makeWork(t.db, creatorUser, {
      creatorPseudIds: [pseud.id],
      gifts: [{ recipientPseudId: recipient.id, recipientName: otherUser.username }, { recipientName: 'Marguerite' }],
    });
    const html = await guest.page(`/works/${id}`);
    expect(html).toContain(
      `href="/users/${creatorUser.username}/pseuds/Night%20Ferry/works">Night Ferry (${creatorUser.username})</a>`,
    );
    expect(html).toContain(`href="/users/${otherUser.username}">${otherUser.username}</a>`);
    expect(html).toContain('Marguerite');
    await t.db.updateTable('gifts').set({ is_refused: 1 }).where('recipient_name', '=', 'Marguerite').execute();
    expect(await guest.page(`/works/${id}`)).not.toContain('Marguerite');
  });

  it('puts warnings and additional tags behind "Show …" for readers who chose to hide them', async () => {
    const { other, otherUser, creatorUser } = await makeCast(t.db);
    const id = await makeWork(t.db, creatorUser, {
      warnings: ['Major Character Death'],
      freeforms: ['Bittersweet Ending'],
    });
    const plain = mainOf(await other.page(`/works/${id}`));
    expect(plain).not.toContain('<details class="spoiler"');
    expect(plain).toContain('Major Character Death');

    await t.db
      .updateTable('users')
      .set({ hide_warnings: 1, hide_freeform: 1 })
      .where('id', '=', otherUser.id)
      .execute();
    const hidden = mainOf(await other.page(`/works/${id}`));
    expect(hidden).toMatch(
      /<dd class="warnings"><details class="spoiler"><summary>Show warnings<\/summary><ul class="tags"><li><a class="tag" href="[^"]+">Major Character Death<\/a>/,
    );
    expect(hidden).toMatch(
      /<dd class="freeforms"><details class="spoiler"><summary>Show additional tags<\/summary><ul class="tags"><li><a class="tag" href="[^"]+">Bittersweet Ending<\/a>/,
    );
  });

  it('loads a work page in the same number of queries however many chapters, tags and creators it has', async () => {
    const { creatorUser } = await makeCast(t.db);
    const counting = countingQueries(t.db);
    // The work page's own queries: the guest page cache would add its change-log reads to each guest's miss.
    const guest = new Browser(makeTestApp(counting.db, { pageCache: false }));
    const small = await makeWork(t.db, creatorUser);
    const large = await makeWork(t.db, creatorUser, {
      fandoms: ['Harbour Tales', 'Canal Songs', 'Lock Keepers'],
      characters: ['Ada', 'Bea', 'Cass', 'Dov'],
      freeforms: ['Rain', 'Bridges', 'Ferries'],
      gifts: [{ recipientName: 'Marguerite' }, { recipientName: 'Odile' }],
      expectedChapters: 5,
      chapters: [1, 2, 3, 4, 5].map((n) => chapter(`<p>Crossing number ${n}.</p>`)),
    });
    counting.queries = 0;
    await guest.page(`/works/${small}`);
    const forSmall = counting.queries;
    counting.queries = 0;
    await guest.page(`/works/${large}?view_full_work=true`);
    expect(counting.queries).toBe(forSmall);
  });

  it('links series neighbours and related works, showing a child on its parent only once approved', async () => {
    const { guest, creatorUser } = await makeCast(t.db);
    const first = await makeWork(t.db, creatorUser, { title: 'Tides One', series: [{ newTitle: 'The Tide Cycle' }] });
    const series = await t.db
      .selectFrom('series_works')
      .select('series_id')
      .where('work_id', '=', first)
      .executeTakeFirstOrThrow();
    const second = await makeWork(t.db, creatorUser, {
      title: 'Tides Two',
      series: [{ seriesId: series.series_id }],
      related: [
        { relation: 'inspired_by', parentWorkId: first },
        { relation: 'remix', url: 'https://example.org/works/9', title: 'Far Shore', creator: 'Elsewhere' },
      ],
    });
    const secondHtml = mainOf(await guest.page(`/works/${second}`));
    expect(secondHtml).toMatch(/Part 2 of <a class="series-title" href="\/series\/\d+">The Tide Cycle<\/a>/);
    expect(secondHtml).toContain(`<a rel="prev" href="/works/${first}">`);
    expect(secondHtml).toContain(`Inspired by <a href="/works/${first}">Tides One</a>`);
    expect(secondHtml).toContain('href="https://example.org/works/9"');
    expect(secondHtml).toContain('by Elsewhere');

    const firstHtml = mainOf(await guest.page(`/works/${first}`));
    expect(firstHtml).toContain(`<a rel="next" href="/works/${second}">`);
    expect(firstHtml).not.toContain('Works inspired by this one');
    await t.db.updateTable('related_works').set({ is_approved: 1 }).where('parent_work_id', '=', first).execute();
    const approved = mainOf(await guest.page(`/works/${first}`));
    expect(approved).toContain('Works inspired by this one');
    expect(approved).toContain(`<a href="/works/${second}">Tides Two</a>`);
  });

  it('does not show guests the title or creators of a restricted parent work', async () => {
    const { guest, other, creatorUser, otherUser } = await makeCast(t.db);
    const parent = await makeWork(t.db, otherUser, { title: 'The Locked Lighthouse', isRestricted: true });
    const child = await makeWork(t.db, creatorUser, {
      title: 'An Open Harbour',
      related: [{ relation: 'inspired_by', parentWorkId: parent }],
    });
    const asGuest = mainOf(await guest.page(`/works/${child}`));
    expect(asGuest).toContain(`Inspired by <a href="/works/${parent}">a work restricted to logged-in readers</a>`);
    expect(asGuest).not.toContain('The Locked Lighthouse');
    expect(asGuest).not.toContain(otherUser.username);
    const asReader = mainOf(await other.page(`/works/${child}`));
    expect(asReader).toContain(`Inspired by <a href="/works/${parent}">The Locked Lighthouse</a> by `);
    expect(asReader).toContain(otherUser.username);
  });
});
