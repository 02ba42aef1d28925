/**
 * A member's readings (src/readings): the works in their history, marked
 * for later, or given one reading status — the scope of
 * `/users/:name/readings`, so those lists take every filter of a listing.
 */
import { readingsOrderOf } from '../memory/queries.ts';
import { isInReadings, readingsDateOf } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

/** Which of a member's readings: visited (history), marked for later, or a reading status. */
export type ReadingsList = 'history' | 'to-read' | 'reading' | 'finished' | 'on-hold' | 'dropped';

export interface ReadingsOf {
  userId: number;
  list: ReadingsList;
}

export const readingsScope = defineScope({
  key: 'readingsOf',
  condition: (eb, param: ReadingsOf) => isInReadings(eb, param.userId, param.list),
  // From the database each time: a work opened a moment ago is in the history at once.
  candidates: async (db, param) => {
    const sortKeys = await readingsOrderOf(db, param.userId, param.list);
    return { ids: sortedIds([...sortKeys.keys()]), sortKeys };
  },
  includes: (s, param) => {
    const works = new Set(
      s.readings.filter((r) => r.user_id === param.userId && isOnList(r, param.list)).map((r) => r.work_id),
    );
    return (w) => works.has(w.id);
  },
  // The latest first: the work opened last, marked last, or given its status last.
  sort: { key: 'reading_date', value: (eb, param) => readingsDateOf(eb, param.userId, param.list) },
});

/** The same rule as the SQL (`readingsListCondition`), for the tests' reference. */
function isOnList(
  r: { visited_at: string | null; is_marked_for_later: number; status: string | null },
  list: ReadingsList,
): boolean {
  if (list === 'history') return r.visited_at !== null;
  if (list === 'to-read') return r.is_marked_for_later === 1;
  return r.status === list;
}
