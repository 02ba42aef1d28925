/**
 * The SQL form of the visibility rule in work-states.ts: the predicate every
 * listing, count, facet, feed and notice query composes, for any alias the
 * query gives the works table; and loading what the reading rules need
 * about one work.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';
import type { WorkAccess } from './reading.ts';
import {
  CONCEALING_STATES,
  statesHiddenFrom,
  statesOf,
  WORK_STATES,
  type WorkAudience,
  type WorkState,
} from './work-states.ts';

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

/**
 * Works in one of the flag states (hidden, held, restricted, anonymous, unrevealed), as a literal condition on
 * `alias`: literal so that a partial index holding only such works (migration 0058's `works_unrevealed`)
 * answers it on both databases. For counting what an audience may not see, e.g. a collection's Mystery Works.
 */
export function inWorkState<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  state: Exclude<WorkState, 'draft' | 'deleted'>,
  alias = 'works',
): Expression<SqlBool> {
  const loose = eb as unknown as ExpressionBuilder<Record<string, Record<string, unknown>>, string>;
  const { column, clearValue } = WORK_STATES[state];
  return loose(sql.ref(`${alias}.${column}`), '!=', sql.lit(clearValue));
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

/** What the reading rules (reading.ts) need about one work, or undefined when there is no such work. */
export async function findWorkAccess(db: Db, workId: number): Promise<WorkAccess | undefined> {
  const work = await db
    .selectFrom('works')
    .select([
      'id',
      'status',
      'is_restricted',
      'is_hidden',
      'is_held',
      'is_anonymous',
      'is_unrevealed',
      'deleted_at',
      'imported_by_id',
    ])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work) return undefined;
  const creators = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('pseuds.user_id')
    .where('creatorships.work_id', '=', workId)
    .where('creatorships.is_accepted', '=', 1)
    .execute();
  const creatorUserIds = [...new Set(creators.map((c) => c.user_id))];
  // An imported work whose creator has no pseud here is looked after by whoever imported it.
  if (work.imported_by_id && !creatorUserIds.length) creatorUserIds.push(work.imported_by_id);
  const states = statesOf(work);
  const concealing = states.filter((state) => CONCEALING_STATES.includes(state));
  if (!concealing.length) return { ...accessOf(work, states), creatorUserIds };
  const insiders = await findConcealingInsiders(db, workId);
  return { ...accessOf(work, states), creatorUserIds, ...insiders };
}

/** Ids looked up per query: well under either database's limit on bound parameters. */
const ACCESS_CHUNK = 1_000;

/**
 * `findWorkAccess` for many works at once, a few queries per thousand works (for jobs that look at a day's
 * postings): the same answer for each work, missing works left out.
 */
export async function findWorkAccesses(db: Db, workIds: readonly number[]): Promise<Map<number, WorkAccess>> {
  const found = new Map<number, WorkAccess>();
  const ids = [...new Set(workIds)];
  for (let i = 0; i < ids.length; i += ACCESS_CHUNK) {
    const chunk = ids.slice(i, i + ACCESS_CHUNK);
    const works = await db
      .selectFrom('works')
      .select([
        'id',
        'status',
        'is_restricted',
        'is_hidden',
        'is_anonymous',
        'is_unrevealed',
        'is_held',
        'deleted_at',
        'imported_by_id',
      ])
      .where('id', 'in', chunk)
      .execute();
    const creators = await db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select(['creatorships.work_id', 'pseuds.user_id'])
      .where('creatorships.work_id', 'in', chunk)
      .where('creatorships.is_accepted', '=', 1)
      .execute();
    const creatorsOf = new Map<number, Set<number>>();
    for (const c of creators) creatorsOf.set(c.work_id, (creatorsOf.get(c.work_id) ?? new Set()).add(c.user_id));
    for (const work of works) {
      const creatorUserIds = [...(creatorsOf.get(work.id) ?? [])];
      if (work.imported_by_id && !creatorUserIds.length) creatorUserIds.push(work.imported_by_id);
      const states = statesOf(work);
      const concealed = states.some((state) => CONCEALING_STATES.includes(state));
      // Concealed works are few: their insiders are looked up one work at a time, as for one work.
      const insiders = concealed ? await findConcealingInsiders(db, work.id) : {};
      found.set(work.id, { ...accessOf(work, states), creatorUserIds, ...insiders });
    }
  }
  return found;
}

function accessOf(
  work: { id: number; status: 'draft' | 'posted'; is_restricted: number; is_hidden: number },
  states: WorkState[],
) {
  return {
    id: work.id,
    status: work.status,
    isRestricted: work.is_restricted === 1,
    isHidden: work.is_hidden === 1,
    states,
  };
}

/** Items that put a work in a collection (and so under its anonymity and secrecy): src/collections derives from the same. */
export const CONCEALING_ITEM_STATUSES = ['awaiting', 'approved'] as const;

/** The maintainers of the anonymous or unrevealed collections the work is in, and the unrevealed ones' titles. */
async function findConcealingInsiders(db: Db, workId: number) {
  const rows = await db
    .selectFrom('collection_items as ci')
    .innerJoin('collections as c', 'c.id', 'ci.collection_id')
    .leftJoin('collection_participants as p', (j) =>
      j.onRef('p.collection_id', '=', 'c.id').on('p.role', 'in', ['owner', 'moderator']),
    )
    .select(['c.title', 'c.is_unrevealed', 'c.is_anonymous', 'p.user_id'])
    .where('ci.work_id', '=', workId)
    .where('ci.status', 'in', [...CONCEALING_ITEM_STATUSES])
    .where((eb) => eb.or([eb('c.is_unrevealed', '=', 1), eb('c.is_anonymous', '=', 1)]))
    .execute();
  const insiderUserIds = [...new Set(rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])))];
  const mysteryCollections = [...new Set(rows.filter((r) => r.is_unrevealed === 1).map((r) => r.title))];
  return { insiderUserIds, mysteryCollections };
}
