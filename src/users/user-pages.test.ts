import { beforeAll, expect, it } from 'vitest';
import { findDefaultPseud } from '../accounts/queries.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import {
  hideWork,
  makeCast,
  makeMatrixWorks,
  mainOf,
  ROLES,
  type Cast,
  type MatrixWorks,
} from '../works/reading.test-helper.ts';

forEachDatabase('user pages', (t) => {
  let cast: Cast;
  let works: MatrixWorks;
  let name: string;
  let ferryPseudWork: number;

  beforeAll(async () => {
    cast = await makeCast(t.db);
    name = cast.creatorUser.username;
    works = await makeMatrixWorks(t.db, cast.creatorUser);
    const pseud = await t.db
      .insertInto('pseuds')
      .values({
        user_id: cast.creatorUser.id,
        name: 'Night Ferry',
        description: 'Stories told after dark.',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ferryPseudWork = await makeWork(t.db, cast.creatorUser, {
      title: 'Crossing at Midnight',
      creatorPseudIds: [pseud.id],
    });
  });

  it('answers 404 for a user who does not exist', async () => {
    const response = await cast.guest.get('/users/nobody-by-that-name');
    expect(response.status).toBe(404);
  });

  it("lists the pseuds and each pseud's works", async () => {
    const html = mainOf(await cast.guest.page(`/users/${name}`));
    expect(html).toContain(`<h1>${name}</h1>`);
    expect(html).toContain(`href="/users/${name}/pseuds/Night%20Ferry/works"`);
    expect(html).toContain('Stories told after dark.');
    const defaultSection = html.indexOf(`<a href="/users/${name}/pseuds/${name}/works">${name}</a>`);
    const ferrySection = html.indexOf('<a href="/users/' + name + '/pseuds/Night%20Ferry/works">Night Ferry</a><span');
    expect(defaultSection).toBeGreaterThan(0);
    expect(ferrySection).toBeGreaterThan(defaultSection);
    // Each work sits under the pseud that wrote it.
    expect(html.indexOf(works.posted.title)).toBeGreaterThan(defaultSection);
    expect(html.indexOf(works.posted.title)).toBeLessThan(ferrySection);
    expect(html.indexOf('Crossing at Midnight')).toBeGreaterThan(ferrySection);
  });

  it('shows drafts only to the user, and restricted works only to logged-in readers', async () => {
    for (const role of ROLES) {
      for (const path of [`/users/${name}`, `/users/${name}/works`, `/users/${name}/pseuds/${name}/works`]) {
        const html = mainOf(await cast[role].page(path));
        expect(html, `${role} ${path}`).toContain(works.posted.title);
        if (role === 'guest') expect(html, path).not.toContain(works.restricted.title);
        else expect(html, `${role} ${path}`).toContain(works.restricted.title);
        // Drafts appear on the user's own profile, in a section of their own, and nowhere else.
        const seesDraft = role === 'creator' && path === `/users/${name}`;
        if (seesDraft) expect(html).toContain(works.draft.title);
        else expect(html, `${role} ${path}`).not.toContain(works.draft.title);
      }
    }
    const own = mainOf(await cast.creator.page(`/users/${name}`));
    expect(own).toContain('Only you can see your drafts.');
    expect(own).toContain(`href="/works/${works.draft.id}/edit"`);
  });

  it("lists all of a user's works, and one pseud's", async () => {
    const all = mainOf(await cast.guest.page(`/users/${name}/works`));
    expect(all).toContain(works.posted.title);
    expect(all).toContain('Crossing at Midnight');
    const ferry = mainOf(await cast.guest.page(`/users/${name}/pseuds/Night%20Ferry/works`));
    expect(ferry).toContain(`<a href="/works/${ferryPseudWork}">Crossing at Midnight</a>`);
    expect(ferry).not.toContain(works.posted.title);
    expect(ferry).toContain(`Works by <a href="/users/${name}">Night Ferry (${name})</a>`);
    expect(mainOf(await cast.guest.page(`/users/${name}/pseuds/night%20ferry/works`))).toContain(
      'Crossing at Midnight',
    );
    await cast.guest.page(`/users/${name}/pseuds/No%20Such%20Pseud/works`, 404);
  });

  it("lists a hidden work only on its creator's own page, marked as hidden", async () => {
    const hidden = await makeWork(t.db, cast.creatorUser, { title: 'Hidden Under the Pier' });
    await hideWork(t.db, hidden);
    for (const role of ['guest', 'other', 'admin'] as const) {
      expect(mainOf(await cast[role].page(`/users/${name}`)), role).not.toContain('Hidden Under the Pier');
    }
    const own = mainOf(await cast.creator.page(`/users/${name}/works`));
    expect(own).toContain('Hidden Under the Pier');
    expect(own).toContain('Hidden by a moderator');
  });

  it('leaves out a work until an invited co-creator accepts', async () => {
    const invitee = await makeUser(t.db);
    const inviteePseud = await findDefaultPseud(t.db, invitee.id);
    const id = await makeWork(t.db, cast.creatorUser, {
      title: 'Written in Two Hands',
      coCreatorPseudIds: [inviteePseud.id],
    });
    expect(mainOf(await cast.guest.page(`/users/${invitee.username}`))).not.toContain('Written in Two Hands');
    await t.db
      .updateTable('creatorships')
      .set({ is_accepted: 1 })
      .where('work_id', '=', id)
      .where('pseud_id', '=', inviteePseud.id)
      .execute();
    expect(mainOf(await cast.guest.page(`/users/${invitee.username}`))).toContain('Written in Two Hands');
    expect(mainOf(await cast.guest.page(`/works/${id}`))).toContain(`>${invitee.username}</a>`);
  });

  it('leaves the pseud management pages to accounts', async () => {
    const response = await cast.creator.get(`/users/${name}/pseuds`);
    expect(response.status).toBe(200);
    expect(mainOf(await response.text())).not.toContain('Works by');
  });

  it('shows at most five works per pseud on the profile, with a link to the rest', async () => {
    const prolific = await makeUser(t.db);
    for (let i = 0; i < 7; i++) await makeWork(t.db, prolific, { title: `Harbour Note ${i}` });
    const html = mainOf(await cast.guest.page(`/users/${prolific.username}`));
    expect([...html.matchAll(/<li class="blurb"/g)]).toHaveLength(5);
    expect(html).toContain(`All 7 works by ${prolific.username}`);
  });
});
