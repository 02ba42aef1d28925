/**
 * The bench's bulk loader computes filter tags and search-index rows from
 * the batch in memory instead of reading them back. These tests hold it to
 * the real write path: the stored filter tags are exactly what the
 * archive's derivation finds from the database, and rebuilding the search
 * index through the indexer changes nothing a search can see.
 */
import { expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findWorks } from '../../src/search/find-works.ts';
import { parseFilters } from '../../src/search/form.ts';
import { rebuildIndex } from '../../src/indexing/indexer.ts';
import { verifyFilterTags } from '../../src/indexing/verify-filter-tags.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { CorpusGenerator } from './generate.ts';
import { loadCorpus } from './load.ts';

const WORKS = 240;

/** Query terms drawn from every part of a work's search document. */
async function termsOf(db: Db): Promise<string[]> {
  const firstWord = (text: string) =>
    text
      .replace(/<[^>]+>/g, ' ')
      .trim()
      .split(/\s+/)[0] ?? '';
  const works = await db.selectFrom('works').select(['title', 'summary']).orderBy('id').limit(12).execute();
  const bodies = await db.selectFrom('chapters').select('body').where('is_posted', '=', 1).limit(8).execute();
  const tags = await db.selectFrom('tags').select('name').where('kind', '!=', 'warning').limit(600).execute();
  const pseuds = await db.selectFrom('pseuds').select('name').limit(5).execute();
  return [
    ...works.map((w) => `title:${firstWord(w.title)}`),
    ...works.map((w) => firstWord(w.summary)),
    ...bodies.map((b) => firstWord(b.body)),
    ...tags.filter((_, i) => i % 40 === 0).map((t) => `tag:"${t.name}"`),
    ...pseuds.map((p) => `creator:${p.name}`),
  ].filter((term) => !term.endsWith(':'));
}

/** What searches and listings can see of the index: the per-work facts and each term's matches. */
async function indexView(db: Db, terms: readonly string[]) {
  const facts = await db
    .selectFrom('work_search')
    .select(['work_id', 'title_sort', 'creator_sort', 'is_crossover', 'tag_count'])
    .orderBy('work_id')
    .execute();
  const matches: Record<string, { total: number; workIds: number[] }> = {};
  for (const term of terms) {
    const { filters } = parseFilters(new URLSearchParams({ q: term, sort: 'posted' }));
    const { total, workIds } = await findWorks(db, filters, { includeRestricted: true });
    matches[term] = { total, workIds };
  }
  return { facts, matches };
}

forEachDatabase('the bench corpus loader', (t) => {
  it('stores the filter tags the archive derives, and an index the indexer would rebuild unchanged', async () => {
    const summary = await loadCorpus(t.db, new CorpusGenerator(WORKS, 3), { batchSize: 70 });
    expect(summary.works).toBe(WORKS);
    const stored = await t.db
      .selectFrom('filter_taggings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeGreaterThan(WORKS * 5);

    const verified = await verifyFilterTags(t.db);
    expect(verified.worksChecked).toBe(WORKS);
    expect(verified.drift).toEqual([]);

    const terms = await termsOf(t.db);
    expect(terms.length).toBeGreaterThan(30);
    const loaded = await indexView(t.db, terms);
    // The terms must find works, or comparing their matches proves little.
    expect(Object.values(loaded.matches).filter((m) => m.total > 0).length).toBeGreaterThan(terms.length * 0.8);
    expect(loaded.facts).toHaveLength(WORKS);

    await rebuildIndex(t.db, undefined, { fresh: true });
    expect(await indexView(t.db, terms)).toEqual(loaded);
  }, 120_000);
});
