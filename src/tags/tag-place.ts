/**
 * A tag's place among other tags — its canonical, synonyms, meta and sub
 * tags, parents and children — and how many works it finds, loaded one way
 * for the tag page, the API's tag and `quire tags show`, so the three agree.
 */
import type { Db } from '../db/database.ts';
import type { Tag } from './tags.table.ts';
import { countFilteredWorks, countTaggedWorks } from './page-queries.ts';
import { findTagById, listChildren, listMetaTags, listParents, listSubTags, listSynonyms } from './queries.ts';
import type { WorkAudience } from '../visibility/index.ts';

export interface TagPlace {
  /** The canonical tag a synonym points at; undefined for any other tag. */
  canonical: Tag | undefined;
  synonyms: Tag[];
  metaTags: Tag[];
  subTags: Tag[];
  parents: Tag[];
  children: Tag[];
  /** A canonical tag counts through filter tags (its synonyms and sub tags too); any other, its own taggings. */
  worksCount: number;
}

export async function loadTagPlace(db: Db, tag: Tag, audience: WorkAudience): Promise<TagPlace> {
  const canonical = tag.synonym_of_id === null ? undefined : await findTagById(db, tag.synonym_of_id);
  const [synonyms, metaTags, subTags, parents, children] = await Promise.all([
    listSynonyms(db, tag.id),
    listMetaTags(db, tag.id),
    listSubTags(db, tag.id),
    listParents(db, tag.id),
    listChildren(db, tag.id),
  ]);
  const worksCount = tag.is_canonical
    ? await countFilteredWorks(db, tag.id, audience)
    : await countTaggedWorks(db, tag.id, audience);
  return { canonical, synonyms, metaTags, subTags, parents, children, worksCount };
}
