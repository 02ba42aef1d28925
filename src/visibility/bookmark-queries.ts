/**
 * Which bookmarked items an audience may see, in the one place that decides
 * who sees what: a bookmarked work when the work is listed for them; a
 * series when at least one of its works is (as its page decides); an
 * external work always (it is only what a fan typed about a work elsewhere).
 * A bookmark whose item is not listed is left out of every listing but its
 * owner's, where the item's title gives way to "This has been deleted, sorry!".
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { listedWorks } from './queries.ts';
import type { WorkAudience } from './work-states.ts';

type Loose = ExpressionBuilder<Record<string, Record<string, unknown>>, string>;

/** A series (its id as `seriesRef`) with at least one work this audience may see. */
export function listedSeries<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  audience: WorkAudience,
  seriesRef: string,
): Expression<SqlBool> {
  const loose = eb as unknown as Loose;
  return loose.exists(
    loose
      .selectFrom('series_works as lsw')
      .innerJoin('works as lsww', 'lsww.id', 'lsw.work_id')
      .select('lsw.work_id')
      .whereRef('lsw.series_id', '=', seriesRef)
      .where((inner) => listedWorks(inner, audience, 'lsww')),
  );
}

/** Bookmarks (as `alias`) whose item this audience may see. */
export function listedBookmarkItems<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  audience: WorkAudience,
  alias = 'b',
): Expression<SqlBool> {
  const loose = eb as unknown as Loose;
  return loose.or([
    loose.exists(
      loose
        .selectFrom('works as lbw')
        .select('lbw.id')
        .whereRef('lbw.id', '=', `${alias}.work_id`)
        .where((inner) => listedWorks(inner, audience, 'lbw')),
    ),
    loose.and([loose(`${alias}.series_id`, 'is not', null), listedSeries(eb, audience, `${alias}.series_id`)]),
    loose(`${alias}.external_work_id`, 'is not', null),
  ]);
}

/**
 * The same rule for a query that has already joined the bookmarked work (as `workAlias`, a left join on the
 * bookmark's `work_id`): the work's columns are read in place. Both databases then page through bookmarks
 * newest first and stop at the page, or join the works once for a count, where a subquery per bookmark made
 * PostgreSQL hash every listed work of the archive first.
 */
export function listedBookmarkItemsJoined<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  audience: WorkAudience,
  alias = 'b',
  workAlias = 'w',
): Expression<SqlBool> {
  const loose = eb as unknown as Loose;
  return loose.or([
    loose.and([loose(`${alias}.work_id`, 'is not', null), listedWorks(eb, audience, workAlias)]),
    loose.and([loose(`${alias}.series_id`, 'is not', null), listedSeries(eb, audience, `${alias}.series_id`)]),
    loose(`${alias}.external_work_id`, 'is not', null),
  ]);
}
