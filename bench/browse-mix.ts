/**
 * The fixed request mix of bench/browse, chosen from the loaded archive so
 * every request finds works: the most used canonical tags per kind, each
 * big fandom's most used relationship, and search words common enough to
 * match. Each class rotates over several URLs, so no one query stays hot.
 */
import type { Db } from '../src/db/database.ts';
import type { TagKind } from '../src/tags/tags.table.ts';
import { tagSlug } from '../src/tags/names.ts';
import { inventedWord } from './corpus/random.ts';

export interface MixClass {
  name: string;
  paths: string[];
}

async function topTags(db: Db, kind: TagKind, limit: number): Promise<string[]> {
  // Uses the taggings of canonical tags: a cheap stand-in for filter-tag counts when choosing URLs.
  const rows = await db
    .selectFrom('taggings as tg')
    .innerJoin('tags as t', 't.id', 'tg.tag_id')
    .select(['t.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.kind', '=', kind)
    .where('t.is_canonical', '=', 1)
    .where('tg.tag_id', 'in', (eb) =>
      eb
        .selectFrom('tags')
        .select('id')
        .where('kind', '=', kind)
        .where('is_canonical', '=', 1)
        .orderBy('id')
        .limit(200),
    )
    .groupBy(['t.id', 't.name'])
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.name);
}

/** The relationship most used within a fandom's works. */
async function topRelationshipIn(db: Db, fandom: string): Promise<string | null> {
  const row = await db
    .selectFrom('filter_taggings as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .select(['t.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.kind', '=', 'relationship')
    .where('ft.work_id', 'in', (eb) =>
      eb
        .selectFrom('filter_taggings as f')
        .innerJoin('tags as ft2', 'ft2.id', 'f.tag_id')
        .select('f.work_id')
        .where('ft2.name', '=', fandom),
    )
    .groupBy(['t.id', 't.name'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.name ?? null;
}

const q = (text: string) => encodeURIComponent(text);

export async function chooseMix(db: Db): Promise<MixClass[]> {
  const fandoms = await topTags(db, 'fandom', 10);
  const freeforms = await topTags(db, 'freeform', 12);
  const characters = await topTags(db, 'character', 6);
  const relationships = await topTags(db, 'relationship', 6);
  const pairs: string[] = [];
  for (const fandom of fandoms.slice(0, 5)) {
    const relationship = await topRelationshipIn(db, fandom);
    if (relationship) pairs.push(`${q(fandom)},${q(relationship)}`);
  }
  const oneTag = [
    ...fandoms.slice(2, 8),
    ...freeforms.slice(0, 8),
    ...characters.slice(0, 4),
    ...relationships.slice(0, 4),
  ];
  // Two mid-frequency words of the corpus text (see corpus/generate.ts `sentence`), both required: each is in
  // roughly 2-4% of works, like a name or a motif a reader searches for, not a stop word found everywhere.
  const words = Array.from({ length: 12 }, (_, i) =>
    [inventedWord(32 + 800 + i * 97), inventedWord(32 + 1200 + i * 89)].join(' '),
  );
  return [
    { name: 'one-tag listing', paths: oneTag.map((name) => `/tags/${tagSlug(name)}/works`) },
    {
      name: 'fandom+relationship, 2 excludes, complete, words',
      paths: pairs.map(
        (pair, i) =>
          `/works?include=${pair}&exclude=${q(freeforms[(i * 2) % freeforms.length])},${q(freeforms[(i * 2 + 1) % freeforms.length])}&complete=true&words=1000-20000`,
      ),
    },
    {
      name: 'rating + warnings excluded + language',
      paths: ['Mature', 'Explicit', 'Teen And Up Audiences', 'General Audiences'].flatMap((rating) =>
        ['en', 'zh', 'ru'].map(
          (lang) =>
            `/works?rating=${q(rating)}&exclude=${q('Major Character Death')},${q('Graphic Depictions Of Violence')}&lang=${lang}`,
        ),
      ),
    },
    {
      name: 'two words of text within a fandom',
      paths: fandoms.flatMap((fandom, i) => [`/tags/${tagSlug(fandom)}/works?q=${q(words[i % words.length])}`]),
    },
    {
      name: 'deep page (page 200)',
      paths: ['/works?page=200', '/works?sort=kudos&page=200', `/tags/${tagSlug(fandoms[0])}/works?page=200`],
    },
    {
      name: 'facet counts for a broad tag',
      paths: [...fandoms.slice(0, 3), ...freeforms.slice(0, 3)].map(
        (name) => `/works?include=${q(name)}&more=freeform`,
      ),
    },
  ];
}
