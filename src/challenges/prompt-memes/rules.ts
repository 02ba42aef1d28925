/**
 * A prompt meme's rules for its prompts, as its maintainers set them: per
 * tag kind of its tag set, how many tags a prompt must and may name; whether
 * a description and a URL are required, optional or (the URL) not asked
 * for; how many prompts one person may post. Plain data, kept as JSON in
 * `prompt_memes.rules`; `readRules` never fails on an old or odd row.
 */
import { TAG_SET_KINDS } from '../../tag-sets/tag-set.ts';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';

export interface KindLimits {
  required: number;
  allowed: number;
}

export type Asked = 'required' | 'optional' | 'none';

export interface PromptRules {
  tags: Record<TagSetKind, KindLimits>;
  description: Exclude<Asked, 'none'>;
  url: Asked;
  promptsPerPerson: number;
}

/** The most of anything a rule may ask: a prompt naming more tags than this is no prompt. */
export const MOST_TAGS = 20;
export const MOST_PROMPTS = 100;

/** How a kind is called on the form and in messages: singular, plural. */
export const KIND_LABELS: Record<TagSetKind, [one: string, many: string]> = {
  fandom: ['fandom', 'fandoms'],
  character: ['character', 'characters'],
  relationship: ['relationship', 'relationships'],
  freeform: ['additional tag', 'additional tags'],
};

/** A kink meme's usual form: one fandom, up to three characters and relationships, a description. */
export function defaultRules(): PromptRules {
  return {
    tags: {
      fandom: { required: 1, allowed: 1 },
      character: { required: 0, allowed: 3 },
      relationship: { required: 0, allowed: 3 },
      freeform: { required: 0, allowed: 5 },
    },
    description: 'required',
    url: 'optional',
    promptsPerPerson: 5,
  };
}

const whole = (value: unknown, fallback: number, most: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, most) : fallback;
};

export function readRules(json: string): PromptRules {
  const base = defaultRules();
  let raw: Partial<PromptRules> & { tags?: Partial<Record<TagSetKind, Partial<KindLimits>>> };
  try {
    raw = JSON.parse(json) ?? {};
  } catch {
    return base;
  }
  const tags = Object.fromEntries(
    TAG_SET_KINDS.map((kind) => {
      const given = raw.tags?.[kind];
      const allowed = whole(given?.allowed, base.tags[kind].allowed, MOST_TAGS);
      return [
        kind,
        { allowed, required: Math.min(whole(given?.required, base.tags[kind].required, MOST_TAGS), allowed) },
      ];
    }),
  ) as Record<TagSetKind, KindLimits>;
  return {
    tags,
    description: raw.description === 'optional' ? 'optional' : 'required',
    url: raw.url === 'required' || raw.url === 'none' ? raw.url : 'optional',
    promptsPerPerson: Math.max(1, whole(raw.promptsPerPerson, base.promptsPerPerson, MOST_PROMPTS)),
  };
}

/** Whether the rules let a prompt name any tag at all (a tag set is needed then). */
export function namesTags(rules: PromptRules): boolean {
  return TAG_SET_KINDS.some((kind) => rules.tags[kind].allowed > 0);
}

/** "1 fandom required; up to 3 characters" — the rule of one kind, as the form's hint says it. */
export function describeKind(rules: PromptRules, kind: TagSetKind): string {
  const { required, allowed } = rules.tags[kind];
  const [one, many] = KIND_LABELS[kind];
  const name = (n: number) => `${n} ${n === 1 ? one : many}`;
  if (allowed === 0) return `No ${many}.`;
  if (required === allowed) return `Exactly ${name(required)}.`;
  if (required === 0) return `Up to ${name(allowed)} (optional).`;
  return `At least ${name(required)}, at most ${allowed}.`;
}
