/**
 * Filter correctness against a brute-force reference: a small generated
 * corpus (the bench generator and bulk loader, so the real derivation and
 * index), then hundreds of random filter combinations, each answered by the
 * SQL builder and by the in-memory index and compared with the reference on
 * result ids, their order, the exact total and every facet count — then
 * again after works change under a built index (posted, edited, hidden,
 * kudos given, deleted) — on SQLite, and on PostgreSQL when configured.
 */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { CorpusGenerator } from '../../bench/corpus/generate.ts';
import { Draw, seededRandom } from '../../bench/corpus/random.ts';
import { loadCorpus } from '../../bench/corpus/load.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import type { Db } from '../db/database.ts';
import { COMMAND_LINE } from '../wrangling/command.ts';
import { addMetaTag } from '../wrangling/link-commands.ts';
import { createCanonicalTag } from '../wrangling/status-commands.ts';
import { deleteWork, updateWork } from '../works/save-work.ts';
import { blankWorkInput } from '../works/work-input.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { findWorks } from './find-works.ts';
import { parseFilters } from './form.ts';
import { reindexWorks } from '../indexing/indexer.ts';
import { facetSettings } from './memory/facets.ts';
import { orderSettings } from './memory/order.ts';
import { startMemoryIndex } from './memory/work-index.ts';
import type { Blocklist, ListingScope } from './plan.ts';
import { resolveTagNames } from './queries.ts';
import { randomQueries } from './reference-queries.test-helper.ts';
import { answer, takeSnapshot, type Snapshot } from './reference.test-helper.ts';

const COMBINATIONS = 300;
const AFTER_CHANGES = 150;

/**
 * The generated corpus has meta tags one level deep (a fandom's franchise, a freeform's popular meta
 * tag): a wrangler puts a meta tag above one of each, through the real command, so works are filed two
 * and three levels up and a derivation that stopped after one step would be caught.
 */
async function lengthenMetaChains(db: Db): Promise<void> {
  for (const [kind, top] of [
    ['fandom', 'Reference Multiverse (Franchise)'],
    ['freeform', 'Reference Chain Top'],
  ] as const) {
    const link = await db
      .selectFrom('meta_taggings')
      .innerJoin('tags', 'tags.id', 'meta_taggings.meta_tag_id')
      .select(['meta_taggings.meta_tag_id', (eb) => eb.fn.countAll<number>().as('subs')])
      .where('tags.kind', '=', kind)
      .groupBy('meta_taggings.meta_tag_id')
      .orderBy('subs', 'desc')
      .orderBy('meta_taggings.meta_tag_id')
      .executeTakeFirstOrThrow();
    const { tagId } = await createCanonicalTag(db, COMMAND_LINE, top, kind);
    await addMetaTag(db, COMMAND_LINE, link.meta_tag_id, tagId!);
  }
}

/** A second handle on the same database, so one can keep an in-memory index and the other answer from SQL. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

forEachDatabase('finding works matches a brute-force reference', (t) => {
  let snapshot: Snapshot;
  let withIndex: Db;
  /** Readers with a kudos history, for the kudosFrom scope. */
  const kudosGivers: number[] = [];
  /** A collection and its subcollection, for the collectionIds scope. */
  const collectionIds: number[] = [];

  beforeAll(async () => {
    await loadCorpus(t.db, new CorpusGenerator(400, 7), { batchSize: 150 });
    await lengthenMetaChains(t.db);
    // More hidden, anonymous, restricted and deleted works than the corpus's real-world shares, so each rule is exercised.
    const ids = (await t.db.selectFrom('works').select('id').orderBy('id').execute()).map((w) => w.id);
    const every = (n: number, offset: number) => ids.filter((_, i) => i % n === offset);
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', 'in', every(23, 3)).execute();
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', 'in', every(17, 5)).execute();
    await t.db.updateTable('works').set({ is_restricted: 1 }).where('id', 'in', every(11, 1)).execute();
    await t.db.updateTable('works').set({ is_unrevealed: 1 }).where('id', 'in', every(19, 2)).execute();
    // Two collections, one the other's child, over every kind of work; some items still waiting or rejected.
    const created_at = '2026-01-01T00:00:00.000Z';
    for (const [k, name] of ['gathering', 'gathering-sub'].entries()) {
      const { id } = await t.db
        .insertInto('collections')
        .values({ name, title: name, created_at, parent_id: collectionIds[0] ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      collectionIds.push(id);
      const items = ids.filter((_, i) => i % (4 + k) === k);
      await t.db
        .insertInto('collection_items')
        .values(
          items.map((work_id, i) => ({
            collection_id: id,
            work_id,
            status: i % 5 === 0 ? ('awaiting' as const) : i % 7 === 0 ? ('rejected' as const) : ('approved' as const),
            created_at,
            updated_at: created_at,
          })),
        )
        .execute();
    }
    await t.db
      .updateTable('works')
      .set({ deleted_at: '2026-01-01T00:00:00.000Z' })
      .where('id', 'in', every(29, 7))
      .execute();
    // Three readers' kudos histories, over every kind of work (hidden, restricted, deleted ones included).
    for (let i = 0; i < 3; i++) {
      const giver = await makeUser(t.db);
      kudosGivers.push(giver.id);
      const given = ids.filter((_, k) => k % (3 + i) === i);
      const created_at = '2026-01-01T00:00:00.000Z';
      await t.db
        .insertInto('kudos')
        .values(given.map((work_id) => ({ work_id, user_id: giver.id, created_at })))
        .execute();
    }
    await reindexWorks(t.db, ids);
    snapshot = await takeSnapshot(t.db);
    withIndex = t.db.withPlugin(passThrough);
    const index = startMemoryIndex(withIndex)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  }, 120_000);

  it('stores the filter tags the tag graph gives each work (the reference works them out itself)', async () => {
    const stored = new Map<number, Set<number>>();
    for (const r of await t.db.selectFrom('filter_taggings').select(['work_id', 'tag_id']).execute())
      stored.set(r.work_id, (stored.get(r.work_id) ?? new Set()).add(r.tag_id));
    expect(stored).toEqual(snapshot.filterTags);
  });

  async function compare(draw: Draw, combinations: number) {
    const queries = randomQueries(snapshot, draw);
    let nonEmpty = 0;
    for (let n = 0; n < combinations; n++) {
      const query = queries.next();
      const { filters, problems } = parseFilters(new URLSearchParams(query));
      const scope = await randomScope(draw);
      const expected = answer(snapshot, filters, scope);
      for (const [engine, db] of [
        ['sql', t.db],
        ['memory', withIndex],
      ] as const) {
        // Every other time, the in-memory index reads the page off its prebuilt orders even for few matches.
        orderSettings.sortOutright = n % 2 ? 30_000 : 0;
        facetSettings.countWorksUpTo = n % 3 ? 0 : 20_000;
        const found = await findWorks(db, filters, scope, { problems });
        const context = `#${n} ${engine} ${query} scope=${JSON.stringify(scope)}`;
        expect(found.total, context).toBe(expected.total);
        if (expected.isOrdered) expect(found.workIds, context).toEqual(expected.ids);
        else {
          // The reference does not rank by relevance: the page must be a full page of matches.
          expect(found.workIds.length, context).toBe(expected.ids.length);
          expect(expected.allIds, context).toEqual(expect.arrayContaining(found.workIds));
        }
        const facets = found.facets.map((f) => ({
          kind: f.kind,
          tags: f.tags.map(({ tagId, count }) => ({ tagId, count })),
          hasMore: f.hasMore,
        }));
        expect(facets, context).toEqual(expected.facets);
      }
      if (expected.total > 0) nonEmpty++;
    }
    // The combinations must mostly find something, or the comparison proves little.
    expect(nonEmpty).toBeGreaterThan(combinations / 3);
  }

  it(`agrees on ${COMBINATIONS} random filter combinations: ids, order, totals and facet counts, from SQL and from memory`, async () => {
    await compare(new Draw(seededRandom(t.test.dialect === 'sqlite' ? 11 : 12)), COMBINATIONS);
  }, 240_000);

  it(`still agrees on ${AFTER_CHANGES} combinations after works change under the built index`, async () => {
    const draw = new Draw(seededRandom(31));
    const writer = await makeUser(t.db);
    const pseud = await findDefaultPseud(t.db, writer.id);
    const popular = [...snapshot.tags.values()]
      .filter((tag) => tag.is_canonical && tag.kind === 'freeform')
      .slice(0, 5);
    // New works through the real posting path, some with popular tags.
    for (let i = 0; i < 12; i++) {
      await makeWork(t.db, writer, {
        title: `Late Arrival ${i}`,
        freeforms: [draw.pick(popular).name, 'A Brand New Tag'],
        fandoms: [draw.pick([...snapshot.tags.values()].filter((tag) => tag.kind === 'fandom')).name],
        rating: draw.pick(['Mature', 'General Audiences'] as const),
        chapters: [chapter(`<p>${'lighthouse '.repeat(i + 1)}and the tide.</p>`)],
      });
    }
    const ids = snapshot.works.map((w) => w.id);
    // Edited tags and title, a moderator hiding works, kudos and hits arriving, a deletion.
    const edited = ids[7];
    await updateWork(
      t.db,
      edited,
      blankWorkInput({
        title: 'Aaaa Renamed First',
        rating: 'Explicit',
        freeforms: [popular[0].name],
        creatorPseudIds: [pseud.id],
      }),
      writer.id,
    );
    await t.db.updateTable('works').set({ is_hidden: 1 }).where('id', 'in', [ids[10], ids[20]]).execute();
    await t.db
      .updateTable('works')
      .set({ kudos_count: 99_999, hits: 1 })
      .where('id', 'in', [ids[30], ids[31], ids[32]])
      .execute();
    await deleteWork(t.db, ids[40]);
    snapshot = await takeSnapshot(t.db);
    await compare(draw, AFTER_CHANGES);
  }, 240_000);

  async function randomScope(draw: Draw): Promise<ListingScope> {
    const scope: ListingScope = { includeRestricted: draw.chance(0.5), includeUnrevealed: draw.chance(0.2) };
    const roll = draw.random();
    if (roll < 0.15) {
      const fandom = draw.pick([...snapshot.tags.values()].filter((tag) => tag.kind === 'fandom'));
      const { found } = await resolveTagNames(t.db, [fandom.name]);
      scope.tag = found.get(fandom.name);
    } else if (roll < 0.2) {
      scope.rating = draw.pick(['Mature', 'Explicit', 'General Audiences']);
    } else if (roll < 0.3) {
      const pseuds = (await t.db.selectFrom('pseuds').select('id').execute()).map((p) => p.id);
      scope.pseudIds = [draw.pick(pseuds), draw.pick(pseuds)];
      scope.excludeAnonymous = true;
      scope.includeHidden = draw.chance(0.5);
    } else if (roll < 0.38) {
      scope.kudosFrom = draw.pick(kudosGivers);
    } else if (roll < 0.46) {
      scope.collectionIds = draw.chance(0.5) ? [...collectionIds] : [draw.pick(collectionIds)];
    }
    if (draw.chance(0.3)) scope.blocklist = randomBlocklist(draw);
    return scope;
  }

  function randomBlocklist(draw: Draw): Blocklist {
    const tags = [...snapshot.tags.values()].filter((tag) => !['rating', 'warning', 'category'].includes(tag.kind));
    const canonical = tags.filter((tag) => tag.is_canonical);
    const unwrangled = tags.filter((tag) => !tag.is_canonical && tag.synonym_of_id === null);
    // Readers often block a warning (Major Character Death) or a category.
    const fixed = [...snapshot.tags.values()].filter((tag) => ['warning', 'category'].includes(tag.kind));
    const users = [...new Set(snapshot.pseudUsers.values())];
    return {
      tags: [
        ...(draw.chance(0.6) ? [{ tagId: draw.pick(canonical.slice(0, 30)).id, through: 'filter_tags' as const }] : []),
        ...(draw.chance(0.3) ? [{ tagId: draw.pick(unwrangled).id, through: 'taggings' as const }] : []),
        ...(draw.chance(0.3) ? [{ tagId: draw.pick(fixed).id, through: 'filter_tags' as const }] : []),
      ],
      userIds: draw.chance(0.4) ? [draw.pick(users), draw.pick(users)] : [],
      workIds: draw.chance(0.4)
        ? snapshot.works
            .slice(0, 60)
            .filter(() => draw.chance(0.2))
            .map((w) => w.id)
        : [],
      maxTags: draw.chance(0.3) ? draw.int(8, 20) : null,
      staleBefore: draw.chance(0.3) ? draw.pick(['2012-01-01', '2016-06-30', '2020-01-01']) : null,
    };
  }
});
