/** A user's or a pseud's works: those with an accepted creatorship by one of the pseuds. */
import { workIdsByPseuds } from '../memory/queries.ts';
import { isByPseuds } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

export const pseudsScope = defineScope({
  key: 'pseudIds',
  condition: (eb, pseudIds: readonly number[]) => isByPseuds(eb, pseudIds),
  candidates: async (db, pseudIds) => ({ ids: sortedIds(await workIdsByPseuds(db, pseudIds)) }),
  includes: (s, pseudIds) => {
    const pseuds = new Set(pseudIds);
    return (w) =>
      (s.creators.get(w.id) ?? []).some((c) => c.is_accepted === 1 && c.pseud_id !== null && pseuds.has(c.pseud_id));
  },
});
