/**
 * How people name a pseud in a text field (co-creators, gift recipients):
 * `Name`, or `Name (username)` when several people use the same pen name —
 * the way AO3 writes pseuds. Resolves typed names against the pseuds found.
 */
import type { PseudMatch } from './form-queries.ts';

export interface PseudReference {
  typed: string;
  name: string;
  username?: string;
}

/** Splits a comma-separated list of pseud references, dropping blanks and repeats. */
export function parsePseudList(text: string): PseudReference[] {
  const seen = new Set<string>();
  const references: PseudReference[] = [];
  for (const part of text.split(/[,，、]/)) {
    const typed = part
      .normalize('NFC')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim();
    if (!typed || seen.has(typed.toLowerCase())) continue;
    seen.add(typed.toLowerCase());
    const withUser = typed.match(/^(.*?)\s*\(([^()]+)\)$/);
    references.push(
      withUser ? { typed, name: withUser[1].trim(), username: withUser[2].trim() } : { typed, name: typed },
    );
  }
  return references;
}

/** How a pseud is written back into a text field so that it resolves to the same pseud. */
export function pseudReference(name: string, username: string): string {
  return name.toLowerCase() === username.toLowerCase() ? name : `${name} (${username})`;
}

export type Resolution = { kind: 'found'; pseud: PseudMatch } | { kind: 'unknown' } | { kind: 'ambiguous' };

/**
 * The pseud a reference names. A bare name shared by several people means
 * the user of that name's own pseud if there is one, else it is ambiguous.
 */
export function resolvePseud(reference: PseudReference, candidates: readonly PseudMatch[]): Resolution {
  const named = candidates.filter((p) => p.name.toLowerCase() === reference.name.toLowerCase());
  const username = reference.username?.toLowerCase();
  const matches = username ? named.filter((p) => p.username.toLowerCase() === username) : named;
  if (matches.length === 1) return { kind: 'found', pseud: matches[0] };
  if (!matches.length) return { kind: 'unknown' };
  const own = matches.filter((p) => p.username.toLowerCase() === reference.name.toLowerCase());
  return own.length === 1 ? { kind: 'found', pseud: own[0] } : { kind: 'ambiguous' };
}
