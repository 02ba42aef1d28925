/**
 * The sign-up summary moderators read before matching (and AO3 shows
 * participants): for each tag, how many requests and how many offers name it,
 * so a fandom requested by many and offered by none stands out.
 */
import { PROMPT_TAG_KINDS, tagsOf, type Prompt, type PromptTagKind, type SignUp } from './settings.ts';

export interface TagDemand {
  kind: PromptTagKind;
  tag: string;
  requested: number;
  offered: number;
}

function key(kind: PromptTagKind, tag: string): string {
  return `${kind}\u0000${tag}`;
}

/** Counts prompts, not people: a participant naming a fandom in two requests counts twice, as AO3 counts. */
export function summarizeSignUps(signUps: readonly SignUp[]): TagDemand[] {
  const rows = new Map<string, TagDemand>();
  const count = (prompts: readonly Prompt[], field: 'requested' | 'offered') => {
    for (const prompt of prompts) {
      for (const kind of PROMPT_TAG_KINDS) {
        for (const tag of new Set(tagsOf(prompt, kind))) {
          const row = rows.get(key(kind, tag)) ?? { kind, tag, requested: 0, offered: 0 };
          row[field]++;
          rows.set(key(kind, tag), row);
        }
      }
    }
  };
  for (const signUp of signUps) {
    count(signUp.requests, 'requested');
    count(signUp.offers, 'offered');
  }
  // Most wanted first; then by kind in the form's order and by name, so the listing is stable.
  return [...rows.values()].sort(
    (a, b) =>
      b.requested - a.requested ||
      PROMPT_TAG_KINDS.indexOf(a.kind) - PROMPT_TAG_KINDS.indexOf(b.kind) ||
      a.tag.localeCompare(b.tag),
  );
}

/** The summary as a lookup: (kind, tag) → counts, zero for a tag nobody named. */
export function demandLookup(summary: readonly TagDemand[]): (kind: PromptTagKind, tag: string) => TagDemand {
  const byKey = new Map(summary.map((row) => [key(row.kind, row.tag), row]));
  return (kind, tag) => byKey.get(key(kind, tag)) ?? { kind, tag, requested: 0, offered: 0 };
}
