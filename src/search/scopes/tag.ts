/** A tag's works page: works carrying the tag (its filter tags when canonical, as typed when unwrangled). */
import { workIdsTypedWith } from '../memory/queries.ts';
import type { TagMatch } from '../queries.ts';
import { hasTag } from './queries.ts';
import { defineScope, sortedIds } from './scope.ts';

export const tagScope = defineScope({
  key: 'tag',
  condition: (eb, tag: Pick<TagMatch, 'tagId' | 'through'>) => hasTag(eb, tag),
  candidates: async (db, tag) =>
    tag.through === 'filter_tags'
      ? { filterTags: [tag.tagId] }
      : { ids: sortedIds(await workIdsTypedWith(db, tag.tagId)) },
  includes: (s, { tagId, through }) => {
    const tags = through === 'filter_tags' ? s.filterTags : s.typedTags;
    return (w) => tags.get(w.id)?.has(tagId) ?? false;
  },
});
