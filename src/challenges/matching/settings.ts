/**
 * A gift exchange's rules, as AO3 lets a moderator set them: for requests and
 * for offers apart, how many a participant gives and, per tag kind, how many
 * tags each one must and may carry and whether "any" may stand in; and the
 * match rule — how many tags of each kind a request and an offer must share,
 * whether "any" matches everything, and how much a shared tag of each kind
 * weighs when two matches are otherwise equal. Plain data, so the later
 * sign-up and assignment pages can keep it as JSON.
 */

/** The tag kinds a prompt may carry ("additional tags" are the archive's freeforms). */
export const PROMPT_TAG_KINDS = [
  'fandom',
  'character',
  'relationship',
  'rating',
  'category',
  'warning',
  'freeform',
] as const;
export type PromptTagKind = (typeof PROMPT_TAG_KINDS)[number];

/** How a kind is called in messages, singular and plural. */
export const KIND_NAMES: Record<PromptTagKind, [one: string, many: string]> = {
  fandom: ['fandom', 'fandoms'],
  character: ['character', 'characters'],
  relationship: ['relationship', 'relationships'],
  rating: ['rating', 'ratings'],
  category: ['category', 'categories'],
  warning: ['warning', 'warnings'],
  freeform: ['additional tag', 'additional tags'],
};

export interface TagLimits {
  /** Tags of this kind each prompt must carry (unless it says "any" where allowed). */
  required: number;
  /** Tags of this kind each prompt may carry at most. */
  allowed: number;
  /** Whether a prompt may say "any" for this kind instead of naming tags. */
  isAnyAllowed: boolean;
}

export interface PromptSettings {
  /** How many prompts (requests or offers) each participant gives. */
  count: { min: number; max: number };
  tags: Record<PromptTagKind, TagLimits>;
}

export interface MatchRule {
  /** How many tags of each kind a request and an offer must share (0: the kind does not decide a match). */
  shared: Record<PromptTagKind, number>;
  /** Whether a prompt saying "any" for a kind satisfies that kind's share with every other prompt. */
  doesAnyMatchEverything: boolean;
  /** The weight of one shared tag of each kind in a match's overlap (whole numbers, so optima are exact). */
  weights: Record<PromptTagKind, number>;
}

export interface ExchangeSettings {
  requests: PromptSettings;
  offers: PromptSettings;
  match: MatchRule;
}

/** One request or offer: the tags it names per kind, and the kinds where it says "any". */
export interface Prompt {
  tags: Partial<Record<PromptTagKind, readonly string[]>>;
  any?: Partial<Record<PromptTagKind, boolean>>;
  /** Free text the participant wrote ("a quiet winter story"); never matched, shown to the giver. */
  description?: string;
}

export interface SignUp {
  participantId: string;
  requests: readonly Prompt[];
  offers: readonly Prompt[];
}

function perKind<T>(make: (kind: PromptTagKind) => T): Record<PromptTagKind, T> {
  return Object.fromEntries(PROMPT_TAG_KINDS.map((kind) => [kind, make(kind)])) as Record<PromptTagKind, T>;
}

/**
 * AO3's usual small exchange: 1–3 requests and 1–3 offers, each naming 1 fandom
 * and up to 3 characters (offers may say "any character"); a match shares 1
 * fandom. The other kinds are allowed but never required.
 */
export function defaultExchangeSettings(): ExchangeSettings {
  const prompt = (isAnyCharacterAllowed: boolean): PromptSettings => ({
    count: { min: 1, max: 3 },
    tags: perKind((kind) => {
      if (kind === 'fandom') return { required: 1, allowed: 1, isAnyAllowed: false };
      if (kind === 'character') return { required: 1, allowed: 3, isAnyAllowed: isAnyCharacterAllowed };
      return { required: 0, allowed: 5, isAnyAllowed: true };
    }),
  });
  return {
    requests: prompt(false),
    offers: prompt(true),
    match: {
      shared: perKind((kind) => (kind === 'fandom' ? 1 : 0)),
      doesAnyMatchEverything: true,
      weights: perKind((kind) => ({ fandom: 4, character: 3, relationship: 3 })[kind as string] ?? 1),
    },
  };
}

/** The tags a prompt names for a kind, never undefined. */
export function tagsOf(prompt: Prompt, kind: PromptTagKind): readonly string[] {
  return prompt.tags[kind] ?? [];
}

export function saysAny(prompt: Prompt, kind: PromptTagKind): boolean {
  return prompt.any?.[kind] === true;
}
