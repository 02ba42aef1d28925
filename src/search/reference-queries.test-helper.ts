/**
 * Random listing query strings for the reference comparison, drawn from the
 * archive's own vocabulary: popular and rare tags, synonyms, unwrangled and
 * unknown names, every sort, ranges that split the corpus, and search text
 * made of words that occur in it (phrases, exclusions, field prefixes) — and
 * meta tags that works only inherit.
 */
import type { Draw } from '../../bench/corpus/random.ts';
import { CATEGORIES, RATINGS, WARNINGS } from '../domain-facts.ts';
import { SORT_KEYS } from './filters.ts';
import type { Snapshot } from './reference.test-helper.ts';

export function randomQueries(s: Snapshot, draw: Draw): { next(): string } {
  const uses = new Map<number, number>();
  for (const set of s.typedTags.values()) for (const id of set) uses.set(id, (uses.get(id) ?? 0) + 1);
  const used = [...s.tags.values()].filter(
    (t) => uses.has(t.id) && !['warning', 'category', 'rating'].includes(t.kind),
  );
  used.sort((a, b) => uses.get(b.id)! - uses.get(a.id)! || a.id - b.id);
  const popular = used.slice(0, 40);
  const fandoms = used.filter((t) => t.kind === 'fandom');
  // Tags only inherited — a franchise, the meta tag above a meta tag — which readers filter on too.
  const inherited = new Set([...s.filterTags.values()].flatMap((set) => [...set]));
  const onlyInherited = [...s.tags.values()].filter((t) => inherited.has(t.id) && !uses.has(t.id));
  const docs = [...s.docs.values()];
  const someWords = (column: 'body' | 'title' | 'tags' | 'summary' | 'creators', length: number) => {
    const words = draw.pick(docs)[column].filter(Boolean);
    if (!words.length) return 'lantern';
    const start = draw.int(0, Math.max(0, words.length - length));
    return words.slice(start, start + length).join(' ');
  };
  const tagName = () => {
    const roll = draw.random();
    if (roll < 0.1 && onlyInherited.length) return draw.pick(onlyInherited).name;
    if (roll < 0.6) return draw.pick(popular).name;
    if (roll < 0.9) return draw.pick(used).name.toUpperCase(); // any spelling of the name
    return 'No Such Tag Anywhere';
  };
  const searchText = () => {
    const parts: string[] = [];
    const clauses = draw.int(1, 3);
    for (let i = 0; i < clauses; i++) {
      const roll = draw.random();
      if (roll < 0.35) parts.push(someWords('body', 1));
      else if (roll < 0.5) parts.push(`"${someWords('body', 2)}"`);
      else if (roll < 0.6) parts.push(`-${someWords('body', 1)}`);
      else if (roll < 0.7) parts.push(`title:${someWords('title', 1)}`);
      else if (roll < 0.78) parts.push(`tag:"${someWords('tags', 2)}"`);
      else if (roll < 0.84) parts.push(`creator:${someWords('creators', 1)}`);
      else if (roll < 0.9)
        parts.push(
          `${draw.pick(['words', 'kudos', 'chapters', 'hits'])}${draw.pick(['>', '>=', '<', '<='])}${draw.pick([2, 5, 50, 1000, 3000])}`,
        );
      else if (roll < 0.95) parts.push(`sort:${draw.pick(SORT_KEYS)}`);
      else parts.push(draw.pick(['"unclosed', 'words>lots', 'summary']));
    }
    return parts.join(' ');
  };

  return {
    next() {
      const params = new URLSearchParams();
      const maybe = (p: number, add: () => void) => draw.chance(p) && add();
      maybe(0.45, () => params.append('include', tagName()));
      maybe(0.15, () => params.append('include', tagName()));
      maybe(0.3, () => params.append('exclude', `${tagName()},${tagName()}`));
      maybe(0.25, () => params.set('rating', draw.pick(RATINGS)));
      maybe(0.1, () => params.append('rating', draw.pick(RATINGS)));
      maybe(0.2, () => params.set('warning', draw.pick(WARNINGS)));
      maybe(0.15, () => params.set('category', draw.pick(CATEGORIES)));
      // The commonest AO3 filter of all: leaving out a warning (or a category) by name.
      maybe(0.2, () => params.append('exclude', draw.pick([...WARNINGS, ...CATEGORIES])));
      maybe(0.05, () => params.append('include', draw.pick([...WARNINGS, ...CATEGORIES, ...RATINGS])));
      maybe(0.2, () => params.set('fandom', draw.pick(fandoms).name));
      maybe(0.2, () => params.set('crossover', draw.pick(['include', 'exclude', 'only'])));
      maybe(0.25, () => params.set('complete', draw.pick(['true', 'false'])));
      maybe(0.25, () => params.set('words', draw.pick(['-2000', '1000-8000', '5000-', '0-100000'])));
      maybe(0.2, () => params.set('updated', draw.pick(['2015-01-01..', '..2014-06-30', '2012-01-01..2018-12-31'])));
      maybe(0.2, () => params.set('lang', draw.pick(['en', 'zh', 'ru', 'EN', 'xx'])));
      maybe(0.35, () => params.set('q', searchText()));
      maybe(0.7, () => params.set('sort', draw.pick(SORT_KEYS)));
      maybe(0.3, () => params.set('order', draw.pick(['asc', 'desc'])));
      maybe(0.3, () => params.set('page', String(draw.int(2, 4))));
      return params.toString();
    },
  };
}
