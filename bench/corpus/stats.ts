/**
 * `tsx bench/corpus/stats.ts --works N --seed S`: prints how the generated
 * corpus compares with the published AO3 figures it is shaped by, without
 * touching a database.
 */
import { parseArgs } from 'node:util';
import { CorpusGenerator } from './generate.ts';

const { values } = parseArgs({
  options: { works: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } },
});
const generator = new CorpusGenerator(Number(values.works), Number(values.seed));
const uses = new Map<string, number>();
const kindOf = new Map<string, string>();
const perWork: number[] = [];
const languages = new Map<string, number>();
let under25k = 0;
let complete = 0;
let maxFree = 0;
for (let step = generator.next(); step; step = generator.next()) {
  const w = step.work;
  for (const t of step.newTags) kindOf.set(t.name, t.kind);
  const tags = [...w.fandoms, ...w.relationships, ...w.characters, ...w.freeforms];
  for (const t of tags) uses.set(t, (uses.get(t) ?? 0) + 1);
  perWork.push(1 + w.warnings.length + w.categories.length + tags.length);
  languages.set(w.languageCode, (languages.get(w.languageCode) ?? 0) + 1);
  if (w.wordCount < 25_000) under25k++;
  if (w.expectedChapters === w.postedChapters) complete++;
  maxFree = Math.max(maxFree, w.freeforms.length);
}
const n = perWork.length;
perWork.sort((a, b) => a - b);
const counts = new Map<number, number>();
for (const c of perWork) counts.set(c, (counts.get(c) ?? 0) + 1);
const mode = [...counts].sort((a, b) => b[1] - a[1])[0][0];
const pct = (x: number, of = n) => `${((100 * x) / of).toFixed(1)}%`;
console.log(
  `works ${n}; tags per work: mean ${(perWork.reduce((a, b) => a + b, 0) / n).toFixed(1)} (AO3 16.4), median ${perWork[n >> 1]} (14), mode ${mode} (11), most free-text ${maxFree} (≤75)`,
);
const distinct = uses.size;
const rare = [...uses.values()].filter((u) => u < 5).length;
const sorted = [...uses.values()].sort((a, b) => b - a);
const head = sorted.slice(0, Math.ceil(distinct * 0.01)).reduce((a, b) => a + b, 0);
const all = sorted.reduce((a, b) => a + b, 0);
console.log(
  `distinct tags ${distinct}; used fewer than 5 times ${pct(rare, distinct)} (≈89%); top 1% of tags carry ${pct(head, all)} of uses`,
);
const byKind = new Map<string, number>();
for (const name of uses.keys()) byKind.set(kindOf.get(name)!, (byKind.get(kindOf.get(name)!) ?? 0) + 1);
console.log(
  `by kind: ${[...byKind].map(([k, c]) => `${k} ${pct(c, distinct)}`).join(', ')} (freeform 64, relationship 14, character 10, unsorted 10, fandom 1.4)`,
);
console.log(
  `languages: ${[...languages]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, c]) => `${k} ${pct(c)}`)
    .join(', ')} (en 90, zh 4.6, ru 1.9)`,
);
console.log(`under 25,000 words ${pct(under25k)} (94%); complete ${pct(complete)}`);
