import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { findWorks } from '../search/find-works.ts';
import { emptyFilters } from '../search/filters.ts';
import { startMemoryIndex } from '../search/memory/work-index.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import type { Viewer } from '../web/context.ts';
import { findWorkAccess, findWorkAccesses, listedWorks } from './queries.ts';
import { whyCannotReadWork, type WorkAccess } from './reading.ts';
import {
  creatorPageAudience,
  GUEST_AUDIENCE,
  isListedFor,
  listingAudience,
  maintainerAudience,
  statesOf,
  WORK_STATES,
  type WorkAudience,
  type WorkState,
} from './work-states.ts';

const STATES = Object.keys(WORK_STATES) as WorkState[];

/** The rule as the product states it, written out independently of the module. */
function expectedListed(
  audience: 'guest' | 'member' | 'owner' | 'other' | 'maintainer',
  states: Set<WorkState>,
): boolean {
  if (states.has('draft') || states.has('deleted')) return false;
  // A news post's comments' work is the news page's: no listing of any audience has it.
  if (states.has('news')) return false;
  if (states.has('hidden') && audience !== 'owner') return false;
  if (states.has('held') && audience !== 'owner') return false;
  if (states.has('restricted') && audience === 'guest') return false;
  if ((states.has('anonymous') || states.has('unrevealed')) && audience === 'other') return false;
  // A Mystery Work is listed only for its creators and its collection's maintainers.
  if (states.has('unrevealed') && audience !== 'owner' && audience !== 'maintainer') return false;
  return true;
}

const viewerOf = (id: number, roles: Partial<Viewer> = {}): Viewer => ({
  id,
  username: `u${id}`,
  isAdmin: false,
  isWrangler: false,
  isModerator: false,
  skipAdultNotice: false,
  hideWarnings: false,
  hideFreeform: false,
  sessionId: 's',
  ...roles,
});

forEachDatabase('visibility: one rule for listings, SQL and the in-memory index', (t) => {
  it('lists exactly the works each audience may see, in every combination of states, by all three evaluators', async () => {
    const creator = await makeUser(t.db);
    const reader = await makeUser(t.db);
    const combos: Array<{ id: number; states: Set<WorkState> }> = [];
    for (let mask = 0; mask < 1 << STATES.length; mask++) {
      const states = new Set(STATES.filter((_, i) => mask & (1 << i)));
      const id = await makeWork(t.db, creator, { title: `Combination ${mask}`, post: !states.has('draft') });
      await t.db
        .updateTable('works')
        .set({
          is_hidden: states.has('hidden') ? 1 : 0,
          is_held: states.has('held') ? 1 : 0,
          is_restricted: states.has('restricted') ? 1 : 0,
          is_anonymous: states.has('anonymous') ? 1 : 0,
          is_unrevealed: states.has('unrevealed') ? 1 : 0,
          is_news: states.has('news') ? 1 : 0,
          deleted_at: states.has('deleted') ? '2026-11-30T00:00:00.000Z' : null,
        })
        .where('id', '=', id)
        .execute();
      combos.push({ id, states });
    }
    await reindexWorks(
      t.db,
      combos.map((c) => c.id),
    );
    const rows = await t.db.selectFrom('works').selectAll().orderBy('id').execute();
    for (const row of rows) {
      const combo = combos.find((c) => c.id === row.id)!;
      expect(new Set(statesOf(row))).toEqual(combo.states);
    }
    // The batched loader a digest run uses answers as the one-work loader does, for every combination.
    const batched = await findWorkAccesses(t.db, [...combos.map((c) => c.id), -1]);
    expect(batched.size).toBe(combos.length);
    for (const { id } of combos) expect(batched.get(id)).toEqual(await findWorkAccess(t.db, id));

    const withIndex = t.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result });
    const index = startMemoryIndex(withIndex)!;
    await index.build();
    expect(index.isReady).toBe(true);

    const audiences: Array<[name: 'guest' | 'member' | 'owner' | 'other' | 'maintainer', WorkAudience]> = [
      ['maintainer', maintainerAudience(viewerOf(reader.id))],
      ['guest', GUEST_AUDIENCE],
      ['member', listingAudience(viewerOf(reader.id))],
      ['owner', creatorPageAudience(viewerOf(creator.id), creator.id)],
      ['other', creatorPageAudience(viewerOf(reader.id), creator.id)],
    ];
    for (const [name, audience] of audiences) {
      const expected = combos.filter((c) => expectedListed(name, c.states)).map((c) => c.id);
      expect(expected.length, name).toBeGreaterThan(0);
      const byRow = rows.filter((r) => isListedFor(audience, r)).map((r) => r.id);
      expect(byRow, `${name}: per row`).toEqual(expected);
      const bySql = await t.db
        .selectFrom('works')
        .select('id')
        .where((eb) => listedWorks(eb, audience))
        .orderBy('id')
        .execute();
      expect(
        bySql.map((r) => r.id),
        `${name}: SQL`,
      ).toEqual(expected);
      for (const db of [t.db, withIndex]) {
        const found = await findWorks(
          db,
          emptyFilters({ sort: 'title', order: 'asc' }),
          { ...audience },
          { facets: false },
        );
        expect(found.total, `${name}: findWorks`).toBe(expected.length);
      }
    }
  }, 60_000);

  it('lets creators read their drafts and hidden works, moderators hidden ones, nobody a deleted one', () => {
    const access = (states: WorkState[]): WorkAccess => ({
      id: 1,
      status: states.includes('draft') ? 'draft' : 'posted',
      isRestricted: states.includes('restricted'),
      isHidden: states.includes('hidden'),
      states,
      creatorUserIds: [7],
    });
    const creator = viewerOf(7);
    const moderator = viewerOf(8, { isModerator: true });
    const reader = viewerOf(9);
    expect(whyCannotReadWork(creator, access(['draft']))).toBeNull();
    expect(whyCannotReadWork(moderator, access(['draft']))).toBe('not_found');
    expect(whyCannotReadWork(creator, access(['hidden']))).toBeNull();
    expect(whyCannotReadWork(moderator, access(['hidden']))).toBeNull();
    expect(whyCannotReadWork(reader, access(['hidden']))).toBe('hidden');
    expect(whyCannotReadWork(null, access(['restricted']))).toBe('log_in');
    expect(whyCannotReadWork(reader, access(['restricted']))).toBeNull();
    for (const viewer of [creator, moderator, reader, null]) {
      expect(whyCannotReadWork(viewer, access(['deleted']))).toBe('not_found');
    }
  });

  it('makes an unrevealed work a Mystery Work to all but its creators and its collection’s maintainers', () => {
    const access: WorkAccess = {
      id: 1,
      status: 'posted',
      isRestricted: false,
      isHidden: false,
      states: ['unrevealed'],
      creatorUserIds: [7],
      insiderUserIds: [8],
    };
    expect(whyCannotReadWork(viewerOf(7), access)).toBeNull();
    expect(whyCannotReadWork(viewerOf(8), access)).toBeNull();
    expect(whyCannotReadWork(viewerOf(9), access)).toBe('unrevealed');
    expect(whyCannotReadWork(viewerOf(9, { isModerator: true }), access)).toBe('unrevealed');
    expect(whyCannotReadWork(null, access)).toBe('unrevealed');
  });
});
