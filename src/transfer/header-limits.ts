/**
 * The post form's limits (docs/DOMAIN.md, Works; `LIMITS`) applied to the
 * header lines that hold names rather than fixed values — Title, Work ID,
 * Author and Series — value by value, so a refusal names the line the value
 * is on. Before these checks a 10 MB `Series:` or `Author:` line was stored.
 * Messages quote at most the start of a value (see `quoted`).
 */
import { LIMITS } from '../domain-facts.ts';
import { cleanValue, quoted, splitValues, type HeaderField } from './header-values.ts';

export interface HeaderLine {
  number: number;
  text: string;
}

export interface LimitProblem {
  line: number;
  message: string;
}

const n = (limit: number) => limit.toLocaleString('en');

/** A series value's title: "Part 2 of Harbour Lights" names the series "Harbour Lights". */
export function seriesTitleOf(value: string): { title: string; position?: number } {
  const part = /^part\s+(\d+)\s+of\s+(.+)$/i.exec(value);
  return part ? { title: part[2], position: Number(part[1]) } : { title: value };
}

/** Each value on the lines longer than `max`, or more than `countMax` values over all lines: the first problem. */
function checkNames(
  lines: readonly HeaderLine[],
  rules: { what: string; max: number; countMax: number; countWhat: string; nameOf?: (v: string) => string },
): LimitProblem | null {
  const seen = new Set<string>();
  for (const line of lines) {
    for (const value of splitValues(line.text)) {
      const name = rules.nameOf ? rules.nameOf(value) : value;
      if (name.length > rules.max) {
        return {
          line: line.number,
          message: `${rules.what} ${quoted(name)} is longer than ${n(rules.max)} characters.`,
        };
      }
      seen.add(name.toLowerCase());
      if (seen.size > rules.countMax) {
        return { line: line.number, message: `A work can have at most ${n(rules.countMax)} ${rules.countWhat}.` };
      }
    }
  }
  return null;
}

/** The first limit a Title, Work ID, Author or Series line breaks, or null. */
export function headerLimitProblem(headers: ReadonlyMap<HeaderField, readonly HeaderLine[]>): LimitProblem | null {
  const title = headers.get('title')?.[0];
  if (title && title.text.trim().length > LIMITS.titleMax) {
    return { line: title.number, message: `The title is longer than ${n(LIMITS.titleMax)} characters.` };
  }
  const workId = headers.get('workId')?.[0];
  if (workId && cleanValue(workId.text).length > LIMITS.sourceRefMax) {
    return {
      line: workId.number,
      message: `The Work ID ${quoted(workId.text)} is longer than ${n(LIMITS.sourceRefMax)} characters.`,
    };
  }
  return (
    checkNames(headers.get('authors') ?? [], {
      what: 'The author name',
      max: LIMITS.personNameMax,
      countMax: LIMITS.creatorsMax,
      countWhat: 'creators',
    }) ??
    checkNames(headers.get('series') ?? [], {
      what: 'The series title',
      max: LIMITS.titleMax,
      countMax: LIMITS.seriesPerWorkMax,
      countWhat: 'series',
      nameOf: (value) => seriesTitleOf(value).title,
    })
  );
}
