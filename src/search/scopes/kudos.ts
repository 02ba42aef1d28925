/** A reader's kudos history: the works one account left kudos on (src/kudos). */
import { workIdsWithKudosFrom } from '../memory/queries.ts';
import { hasKudosFrom } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

export const kudosScope = defineScope({
  key: 'kudosFrom',
  condition: (eb, userId: number) => hasKudosFrom(eb, userId),
  // From the database each time: a kudos left a moment ago is in the history at once.
  candidates: async (db, userId) => ({ ids: sortedIds(await workIdsWithKudosFrom(db, userId)) }),
  includes: (s, userId) => (w) => s.kudosGivers.get(w.id)?.has(userId) ?? false,
});
