/**
 * The one place the two dialects differ: how search text narrows and ranks
 * works. SQLite asks its FTS5 table `work_text` with a MATCH expression;
 * PostgreSQL tests the tsvector columns of `work_search` with
 * `phraseto_tsquery('simple', …)`. Clause text arrives already folded into
 * plain search words (see text.ts), so both see the same words.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../db/schema-helpers.ts';
import type { TextClause, TextField } from './filters.ts';

/** Relevance weights per FTS5 column: title, creators, tags, summary, body. */
const BM25_WEIGHTS = sql.raw('10.0, 4.0, 3.0, 2.0, 1.0');

const FTS5_COLUMNS: Record<TextField, string | null> = { any: null, title: 'title', creator: 'creators', tag: 'tags' };
const TSVECTOR_COLUMNS: Record<TextField, string[]> = {
  any: ['title_tsv', 'creators_tsv', 'tags_tsv', 'summary_tsv', 'body_tsv'],
  title: ['title_tsv'],
  creator: ['creators_tsv'],
  tag: ['tags_tsv'],
};

/** PostgreSQL relevance weights, as for FTS5 above: a match in the title counts most. */
const TS_RANK_WEIGHTS: Array<[string, number]> = [
  ['title_tsv', 10],
  ['creators_tsv', 4],
  ['tags_tsv', 3],
  ['summary_tsv', 2],
  ['body_tsv', 1],
];

function fts5Term(clause: TextClause): string {
  // Quoted, so FTS5 reads the words as a phrase and never as its own operators.
  const phrase = `"${clause.text.replace(/"/g, '""')}"`;
  const column = FTS5_COLUMNS[clause.field];
  return column ? `${column} : ${phrase}` : phrase;
}

/** The FTS5 MATCH expression for the clauses, or null when none must match. */
export function fts5Match(clauses: readonly TextClause[]): string | null {
  const positive = clauses.filter((c) => !c.isExcluded).map(fts5Term);
  const negative = clauses.filter((c) => c.isExcluded).map(fts5Term);
  if (!positive.length) return null;
  const must = positive.join(' AND ');
  return negative.length ? `(${must}) NOT (${negative.join(' OR ')})` : must;
}

/** FTS5 for exclusions alone (FTS5's NOT needs something on its left): works matching any of the clauses. */
export function fts5AnyOf(clauses: readonly TextClause[]): string {
  return clauses.map(fts5Term).join(' OR ');
}

function tsquery(clause: TextClause): RawBuilder<unknown> {
  return sql`phraseto_tsquery('simple', ${clause.text})`;
}

/** One search word, which the combined column finds exactly as the five per-field columns would. */
const ONE_WORD = /^[\p{L}\p{N}]+$/u;

/**
 * PostgreSQL: does the work match the clause? A clause on any field asks the combined `all_tsv` column
 * (one GIN probe; see migration 0009). A phrase found there could run from one field into the next, so
 * a phrase of several words is then confirmed in the fields themselves.
 */
function tsvectorTest(clause: TextClause): RawBuilder<SqlBool> {
  const query = tsquery(clause);
  const inFields = TSVECTOR_COLUMNS[clause.field].map((column) => sql`${sql.ref(`ws.${column}`)} @@ ${query}`);
  const fields = sql<SqlBool>`(${sql.join(inFields, sql` or `)})`;
  if (clause.field !== 'any') return fields;
  const anywhere = sql<SqlBool>`ws.all_tsv @@ ${query}`;
  return ONE_WORD.test(clause.text.trim()) ? anywhere : sql<SqlBool>`(${anywhere} and ${fields})`;
}

/**
 * Conditions on works (aliased `w`, with `work_search` as `ws`) that the
 * search text imposes. With `rankedJoin` on SQLite the positive clauses are
 * already applied by the ranking join (see `relevanceJoin`), so only
 * exclusions-without-positives remain here.
 */
export function textConditions(
  dialect: Dialect,
  clauses: readonly TextClause[],
  rankedJoin: boolean,
): RawBuilder<SqlBool>[] {
  if (!clauses.length) return [];
  if (dialect === 'postgres') {
    return clauses.map((c) => {
      const test = tsvectorTest(c);
      return c.isExcluded ? sql<SqlBool>`not ${test}` : test;
    });
  }
  const match = fts5Match(clauses);
  if (match) {
    return rankedJoin ? [] : [sql<SqlBool>`w.id in (select rowid from work_text where work_text match ${match})`];
  }
  return [sql<SqlBool>`w.id not in (select rowid from work_text where work_text match ${fts5AnyOf(clauses)})`];
}

/** SQLite: the derived table of matching works and their bm25 rank (lower is better), to join as `m`. */
export function relevanceJoin(clauses: readonly TextClause[]) {
  const match = fts5Match(clauses);
  if (!match) return null;
  return sql<{
    work_id: number;
    rank: number;
  }>`(select rowid as work_id, bm25(work_text, ${BM25_WEIGHTS}) as rank from work_text where work_text match ${match})`;
}

/** PostgreSQL: the relevance of a work (higher is better) for the positive clauses. */
export function relevanceRank(clauses: readonly TextClause[]): RawBuilder<number> | null {
  const positive = clauses.filter((c) => !c.isExcluded);
  if (!positive.length) return null;
  // Each field ranked on its own (ts_rank of an AND of clauses is 0 where one clause matched
  // another field, so the clauses are ranked one by one), weighted like bm25's columns above.
  const terms = positive.flatMap((c) =>
    TS_RANK_WEIGHTS.map(
      ([column, weight]) => sql`${sql.lit(weight)} * ts_rank(${sql.ref(`ws.${column}`)}, ${tsquery(c)})`,
    ),
  );
  return sql<number>`(${sql.join(terms, sql` + `)})`;
}
