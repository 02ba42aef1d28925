/** A rating's works page: ratings are a column of the work, not filter tags. */
import { hasRating } from './queries.ts';
import { defineScope } from './scope.ts';

export const ratingScope = defineScope({
  key: 'rating',
  condition: (eb, rating: string) => hasRating(eb, rating),
  candidates: async (_db, rating) => ({ ratings: [rating] }),
  includes: (_s, rating) => (w) => w.rating === rating,
});
