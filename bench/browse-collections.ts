/**
 * bench/browse's collection scope (`--scope collection`): the corpus gains
 * 1,000 collections of Zipf-distributed sizes (bench/corpus/collections.ts;
 * the largest holds a fifth of the works, 20,000 at 100,000), and the
 * largest collection's page — its works listing with the filter sidebar's
 * facet counts, as a reader opens it — is measured against the listing of
 * the canonical tag whose size is nearest, with the same sorts, pages and
 * filters, once through the in-memory work index and once on the SQL path
 * alone (QUIRE_SEARCH_MEMORY=0). Prints p50/p95/p99, requests per second,
 * the server's memory and the collection-to-tag ratio of each figure.
 */
import type { Db } from '../src/db/database.ts';
import { tagSlug } from '../src/tags/names.ts';
import type { MixClass } from './browse-mix.ts';
import { ensureCollections, tagOfSize, type BenchCollections } from './corpus/collections.ts';

/** The same listing options on both pages: default order, other sorts, a deeper page, two filters. */
const VARIANTS = [
  '',
  '?sort=kudos',
  '?sort=title',
  '?page=5',
  '?complete=true',
  '?words=1000-20000',
  `?rating=${encodeURIComponent('Teen And Up Audiences')}`,
  `?exclude=${encodeURIComponent('Major Character Death')}`,
];

export interface CollectionScope {
  collections: BenchCollections;
  tag: { name: string; works: number };
  classes: [collection: MixClass, tag: MixClass];
}

export async function chooseCollectionScope(db: Db, works: number, seed: number): Promise<CollectionScope> {
  const collections = await ensureCollections(db, {
    count: Math.min(1000, Math.max(10, Math.round(works / 100))),
    largest: Math.round(works / 5),
    seed,
  });
  const tag = await tagOfSize(db, collections.largest.works);
  const collectionPath = `/collections/${collections.largest.name}`;
  const tagPath = `/tags/${tagSlug(tag.name)}/works`;
  return {
    collections,
    tag,
    classes: [
      {
        name: `largest collection (${collections.largest.works.toLocaleString('en-US')} works)`,
        paths: VARIANTS.map((v) => collectionPath + v),
      },
      {
        name: `tag of that size (${tag.works.toLocaleString('en-US')} works)`,
        paths: VARIANTS.map((v) => tagPath + v),
      },
    ],
  };
}
