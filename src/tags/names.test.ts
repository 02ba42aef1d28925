import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { cleanTagName, splitTagList, tagNameFromSlug, tagNameKey, tagNameProblem, tagSlug } from './names.ts';
import { findOrCreateTags, findTagByName } from './queries.ts';

describe('tag name rules', () => {
  it('refuses empty names, commas, the forbidden characters and names over 150 characters', () => {
    expect(tagNameProblem('   ')).toMatch(/cannot be empty/);
    expect(tagNameProblem('\u00a0')).toMatch(/cannot be empty/);
    for (const bad of ['^', '*', '<', '>', '{', '}', '=', '`', '\\', '%', ',']) {
      expect(tagNameProblem(`Alternate ${bad} Universe`), bad).toContain(`contains "${bad}"`);
    }
    expect(tagNameProblem('x'.repeat(151))).toMatch(/longer than 150/);
    expect(tagNameProblem('x'.repeat(150))).toBeNull();
    expect(tagNameProblem('Javert/Jean Valjean')).toBeNull();
    expect(tagNameProblem('Enjolras & Grantaire')).toBeNull();
    expect(tagNameProblem('林黛玉')).toBeNull();
  });

  it('refuses line breaks and control characters, which would otherwise be folded into spaces unseen', () => {
    for (const bad of ['\n', '\r', '\u2028', '\u2029', '\u0085']) {
      expect(tagNameProblem(`Slow${bad}Burn`)).toBe('A tag name must be on one line: remove the line break in it.');
    }
    expect(tagNameProblem('Slow\tBurn')).toMatch(/invisible control character \(U\+0009\)/);
    expect(tagNameProblem('Slow\u007fBurn')).toMatch(/U\+007F/);
  });

  it('compares names without regard to case, spacing and Unicode normalization', () => {
    const composed = 'Éponine Thénardier';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(tagNameKey(decomposed)).toBe(tagNameKey(composed));
    expect(tagNameKey('ÉPONINE  thénardier')).toBe(tagNameKey(composed));
    expect(tagNameKey(' Jean\u00a0\u00a0Valjean ')).toBe(tagNameKey('jean valjean'));
    // Full-width letters (typed with an East Asian keyboard) are the same tag.
    expect(tagNameKey('ＪＡＶＥＲＴ')).toBe(tagNameKey('Javert'));
    expect(tagNameKey('Javert')).not.toBe(tagNameKey('Javert/Valjean'));
  });

  it('keeps what the writer typed, only tidied', () => {
    expect(cleanTagName('  Alternate   Universe ')).toBe('Alternate Universe');
    expect(splitTagList('Angst, angst, Fluff，Hurt/Comfort')).toEqual(['Angst', 'Fluff', 'Hurt/Comfort']);
  });

  it('round-trips names through AO3-style URL slugs', () => {
    for (const name of ['Javert/Jean Valjean', 'Enjolras & Grantaire', 'Mr. Darcy?', 'C# #1', 'Éponine']) {
      expect(tagNameFromSlug(decodeURIComponent(tagSlug(name)))).toBe(name);
    }
    expect(tagSlug('Javert/Jean Valjean')).toBe('Javert*s*Jean%20Valjean');
  });
});

forEachDatabase('tag creation', (t) => {
  it('creates a free-text tag on first use with the kind of its field, and matches it again whatever the spelling', async () => {
    const [first] = await findOrCreateTags(t.db, ['Éponine Thénardier'], 'character');
    const [again] = await findOrCreateTags(t.db, ['ÉPONINE THÉNARDIER'.normalize('NFD')], 'character');
    expect(again).toBe(first);
    const tag = await findTagByName(t.db, 'éponine thénardier');
    expect(tag).toMatchObject({ id: first, name: 'Éponine Thénardier', kind: 'character', is_canonical: 0 });
    const rows = await t.db
      .selectFrom('tags')
      .select('id')
      .where('name_key', '=', tagNameKey('Éponine Thénardier'))
      .execute();
    expect(rows).toHaveLength(1);
  });
});
