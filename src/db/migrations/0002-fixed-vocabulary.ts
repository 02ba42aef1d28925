/**
 * Seeds the domain invariants every archive has: the fixed ratings, archive
 * warnings and categories as canonical tags, and the starting languages.
 */
import type { Kysely } from 'kysely';
import { CATEGORIES, LANGUAGES, RATINGS, WARNINGS } from '../../domain-facts.ts';

/**
 * The name key as tags/names.ts computed it when this migration was written,
 * copied so the migration keeps its meaning (and db/ stays below the domain
 * folders). These fixed names are plain ASCII words, so only the case folds.
 */
function tagNameKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .normalize('NFKC')
    .toLocaleLowerCase('und');
}

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  const fixed = [
    ...RATINGS.map((name) => ({ name, kind: 'rating' })),
    ...WARNINGS.map((name) => ({ name, kind: 'warning' })),
    ...CATEGORIES.map((name) => ({ name, kind: 'category' })),
  ];
  await db
    .insertInto('tags')
    .values(fixed.map((t) => ({ ...t, name_key: tagNameKey(t.name), is_canonical: 1, created_at: now })))
    .execute();
  await db
    .insertInto('languages')
    .values(LANGUAGES.map(([code, name]) => ({ code, name })))
    .execute();
}
