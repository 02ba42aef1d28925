/**
 * Filter correctness against a brute-force reference: a small generated
 * corpus (the bench generator and bulk loader, so the real derivation and
 * index), then hundreds of random filter combinations, each compared with
 * the reference on result ids, their order, the exact total and every facet
 * count — on SQLite, and on PostgreSQL when it is configured.
 */
import { beforeAll, expect, it } from 'vitest';
import { CorpusGenerator } from '../../bench/corpus/generate.ts';
import { Draw, seededRandom } from '../../bench/corpus/random.ts';
import { loadCorpus } from '../../bench/corpus/load.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { findWorks } from './find-works.ts';
import { parseFilters } from './form.ts';
import { randomQueries } from './reference-queries.test-helper.ts';
import type { ListingScope } from './plan.ts';
import { resolveTagNames } from './queries.ts';
import { answer, takeSnapshot, type Snapshot } from './reference.test-helper.ts';
import { reindexWorks } from './indexer.ts';

const COMBINATIONS = 300;

forEachDatabase('finding works matches a brute-force reference', (t) => {
  let snapshot: Snapshot;

  beforeAll(async () => {
    await loadCorpus(t.db, new CorpusGenerator(400, 7), { batchSize: 150 });
    // More hidden, anonymous and restricted works than the corpus's real-world shares, so each rule is exercised.
    const ids = (await t.db.selectFrom('works').select('id').orderBy('id').execute()).map((w) => w.id);
    const every = (n: number, offset: number) => ids.filter((_, i) => i % n === offset);
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', 'in', every(23, 3)).execute();
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', 'in', every(17, 5)).execute();
    await t.db.updateTable('works').set({ is_restricted: 1 }).where('id', 'in', every(11, 1)).execute();
    await reindexWorks(t.db, ids);
    snapshot = await takeSnapshot(t.db);
  }, 120_000);

  it(`agrees on ${COMBINATIONS} random filter combinations: ids, order, totals and facet counts`, async () => {
    const draw = new Draw(seededRandom(t.test.dialect === 'sqlite' ? 11 : 12));
    const queries = randomQueries(snapshot, draw);
    let nonEmpty = 0;
    for (let n = 0; n < COMBINATIONS; n++) {
      const query = queries.next();
      const { filters, problems } = parseFilters(new URLSearchParams(query));
      const scope = await randomScope(draw);
      const found = await findWorks(t.db, filters, scope, { problems });
      const expected = answer(snapshot, filters, scope);
      const context = `#${n} ${query} scope=${JSON.stringify(scope)}`;
      expect(found.total, context).toBe(expected.total);
      if (expected.isOrdered) expect(found.workIds, context).toEqual(expected.ids);
      else {
        // Relevance ranks differ by dialect and the reference does not rank: the page must be a full page of matches.
        expect(found.workIds.length, context).toBe(expected.ids.length);
        expect(expected.allIds, context).toEqual(expect.arrayContaining(found.workIds));
      }
      expect(
        found.facets.map((f) => ({
          kind: f.kind,
          tags: f.tags.map(({ tagId, count }) => ({ tagId, count })),
          hasMore: f.hasMore,
        })),
        context,
      ).toEqual(expected.facets);
      if (expected.total > 0) nonEmpty++;
    }
    // The combinations must mostly find something, or the comparison proves little.
    expect(nonEmpty).toBeGreaterThan(COMBINATIONS / 3);
  }, 240_000);

  async function randomScope(draw: Draw): Promise<ListingScope> {
    const scope: ListingScope = { includeRestricted: draw.chance(0.5) };
    const roll = draw.random();
    if (roll < 0.15) {
      const fandom = draw.pick([...snapshot.tags.values()].filter((tag) => tag.kind === 'fandom'));
      const { found } = await resolveTagNames(t.db, [fandom.name]);
      scope.tag = found.get(fandom.name);
    } else if (roll < 0.25) {
      const pseuds = (await t.db.selectFrom('pseuds').select('id').execute()).map((p) => p.id);
      scope.pseudIds = [draw.pick(pseuds), draw.pick(pseuds)];
      scope.excludeAnonymous = true;
      scope.includeHidden = draw.chance(0.5);
    }
    return scope;
  }
});
