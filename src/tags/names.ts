/**
 * Tag names: how they are compared (case and Unicode normalization do not
 * matter), which characters they may hold, and how they appear in URLs —
 * escaped the way fans' existing AO3 links have them (`*s*` for `/`, …).
 */
import { LIMITS } from '../domain-facts.ts';
import { singleLineProblem } from '../web/single-line.ts';

/** The key two spellings share when they are the same tag: NFKC, lower case, single spaces. */
export function tagNameKey(name: string): string {
  return cleanTagName(name).normalize('NFKC').toLocaleLowerCase('und');
}

/** Trims, folds non-breaking and repeated spaces, and puts the name in NFC. */
export function cleanTagName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

const FORBIDDEN = /[,^*<>{}=`\\%]/;

/** Why a tag name is refused, or null when it is fine. */
export function tagNameProblem(raw: string): string | null {
  const broken = singleLineProblem(raw, 'A tag name');
  if (broken) return broken;
  const name = cleanTagName(raw);
  if (!name) return 'A tag name cannot be empty.';
  if (name.length > LIMITS.tagNameMax) {
    return `"${name.slice(0, 40)}…" is longer than ${LIMITS.tagNameMax} characters.`;
  }
  const bad = name.match(FORBIDDEN);
  if (bad) return `"${name}" contains "${bad[0]}", which tags cannot contain (none of , ^ * < > { } = \` \\ %).`;
  return null;
}

/** Splits a comma-separated field into cleaned names, dropping blanks and repeats. */
export function splitTagList(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of text.split(/[,，、]/)) {
    const name = cleanTagName(part);
    const key = tagNameKey(name);
    if (name && !seen.has(key)) {
      seen.add(key);
      names.push(name);
    }
  }
  return names;
}

const URL_ESCAPES: Array<[string, string]> = [
  ['/', '*s*'],
  ['&', '*a*'],
  ['.', '*d*'],
  ['?', '*q*'],
  ['#', '*h*'],
];

/** The path segment for a tag: `Javert/Jean Valjean` → `Javert*s*Jean%20Valjean`. */
export function tagSlug(name: string): string {
  let slug = name;
  for (const [char, escape] of URL_ESCAPES) slug = slug.split(char).join(escape);
  return encodeURIComponent(slug).replace(/%2A/g, '*');
}

/** The tag name from a (decoded) path segment. */
export function tagNameFromSlug(segment: string): string {
  let name = segment;
  for (const [char, escape] of URL_ESCAPES) name = name.split(escape).join(char);
  return name;
}

export function tagPath(name: string): string {
  return `/tags/${tagSlug(name)}`;
}

export function tagWorksPath(name: string): string {
  return `/tags/${tagSlug(name)}/works`;
}
