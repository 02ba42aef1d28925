/**
 * The SQL form of the visibility rule in work-states.ts: the predicate every
 * listing, count, facet, feed and notice query composes, for any alias the
 * query gives the works table.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { CONCEALING_STATES, statesHiddenFrom, WORK_STATES, type WorkAudience } from './work-states.ts';

/**
 * Works this audience may see, as a condition on `alias` (default `works`). Composes into any
 * query: `.where((eb) => listedWorks(eb, audience, 'w'))`.
 */
export function listedWorks<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  audience: WorkAudience,
  alias = 'works',
): Expression<SqlBool> {
  // The alias is the caller's; the columns are the works table's own, so the loose builder is safe here.
  const loose = eb as unknown as ExpressionBuilder<Record<string, Record<string, unknown>>, string>;
  return loose.and(
    statesHiddenFrom(audience).map((state) => {
      const { column, clearValue } = WORK_STATES[state];
      const ref = `${alias}.${column}`;
      return clearValue === null ? loose(ref, 'is', null) : loose(ref, '=', clearValue);
    }),
  );
}

/** The same predicate as a function of the builder, for `.where(listedWorksWhere(audience))`. */
export function listedWorksWhere(audience: WorkAudience, alias = 'works') {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => listedWorks(eb, audience, alias);
}

/** Works whose creators are shown: a blocklist of creators, or a search by creator, may act on these only. */
export function showsCreators<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  alias = 'works',
): Expression<SqlBool> {
  const loose = eb as unknown as ExpressionBuilder<Record<string, Record<string, unknown>>, string>;
  return loose.and(
    CONCEALING_STATES.map((state) =>
      loose(`${alias}.${WORK_STATES[state].column}`, '=', WORK_STATES[state].clearValue),
    ),
  );
}

/** A creator's drafts, for their own pages only (the caller narrows to their works): never deleted ones. */
export function ownDrafts<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  alias = 'works',
): Expression<SqlBool> {
  const loose = eb as unknown as ExpressionBuilder<Record<string, Record<string, unknown>>, string>;
  const { draft, deleted } = WORK_STATES;
  return loose.and([
    loose(`${alias}.${draft.column}`, '!=', draft.clearValue),
    loose(`${alias}.${deleted.column}`, 'is', null),
  ]);
}
