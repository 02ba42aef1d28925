/** A reader's kudos history: the works one account left kudos on (src/kudos), newest kudos first. */
import { kudosOrderFrom } from '../memory/queries.ts';
import { hasKudosFrom, kudosIdFrom } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

export const kudosScope = defineScope({
  key: 'kudosFrom',
  condition: (eb, userId: number) => hasKudosFrom(eb, userId),
  // From the database each time: a kudos left a moment ago is in the history at once.
  candidates: async (db, userId) => {
    const sortKeys = await kudosOrderFrom(db, userId);
    return { ids: sortedIds([...sortKeys.keys()]), sortKeys };
  },
  includes: (s, userId) => (w) => s.kudosGivers.get(w.id)?.has(userId) ?? false,
  // Kudos ids grow with time: the larger, the more recently the reader left it.
  sort: { key: 'kudos_given', value: (eb, userId: number) => kudosIdFrom(eb, userId) },
});
