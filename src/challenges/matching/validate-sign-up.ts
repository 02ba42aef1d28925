/**
 * Checks one sign-up against the exchange's settings and answers with
 * field-level messages, each naming the field (`requests[0].character`), the
 * rule it breaks and a sentence the sign-up form shows beside that field. An
 * empty list means the sign-up may be saved.
 */
import {
  KIND_NAMES,
  PROMPT_TAG_KINDS,
  saysAny,
  tagsOf,
  type ExchangeSettings,
  type Prompt,
  type PromptSettings,
  type SignUp,
} from './settings.ts';

export type SignUpRule =
  'count.min' | 'count.max' | 'tags.required' | 'tags.allowed' | 'tags.duplicate' | 'any.not-allowed' | 'any.with-tags';

export interface SignUpError {
  /** `requests`, `offers`, or `requests[0].fandom` (the prompt's index counts from 0). */
  field: string;
  rule: SignUpRule;
  message: string;
}

type Side = 'requests' | 'offers';
const SIDE_NAMES: Record<Side, [one: string, many: string]> = {
  requests: ['Request', 'requests'],
  offers: ['Offer', 'offers'],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function checkPrompt(side: Side, index: number, prompt: Prompt, settings: PromptSettings): SignUpError[] {
  const errors: SignUpError[] = [];
  const label = `${SIDE_NAMES[side][0]} ${index + 1}`;
  for (const kind of PROMPT_TAG_KINDS) {
    const limits = settings.tags[kind];
    const field = `${side}[${index}].${kind}`;
    const tags = tagsOf(prompt, kind);
    const names = KIND_NAMES[kind];
    if (saysAny(prompt, kind)) {
      if (!limits.isAnyAllowed) {
        errors.push({
          field,
          rule: 'any.not-allowed',
          message: `${label}: this exchange does not allow "any" ${names[0]}.`,
        });
      } else if (tags.length > 0) {
        errors.push({
          field,
          rule: 'any.with-tags',
          message: `${label}: choose "any" ${names[0]} or name ${names[1]}, not both.`,
        });
      }
      continue;
    }
    if (tags.length < limits.required) {
      errors.push({
        field,
        rule: 'tags.required',
        message: `${label}: choose at least ${count(limits.required, names)}${limits.isAnyAllowed ? ` (or "any")` : ''}; you chose ${tags.length}.`,
      });
    }
    if (tags.length > limits.allowed) {
      errors.push({
        field,
        rule: 'tags.allowed',
        message:
          limits.allowed === 0
            ? `${label}: this exchange takes no ${names[1]}.`
            : `${label}: choose at most ${count(limits.allowed, names)}; you chose ${tags.length}.`,
      });
    }
    const seen = new Set<string>();
    const repeated = tags.filter((tag) => seen.size === seen.add(tag.toLowerCase()).size);
    if (repeated.length > 0) {
      errors.push({ field, rule: 'tags.duplicate', message: `${label}: ${repeated.join(', ')} is listed twice.` });
    }
  }
  return errors;
}

function checkSide(side: Side, prompts: readonly Prompt[], settings: PromptSettings): SignUpError[] {
  const errors: SignUpError[] = [];
  const { min, max } = settings.count;
  if (prompts.length < min) {
    errors.push({
      field: side,
      rule: 'count.min',
      message: `Give at least ${count(min, [SIDE_NAMES[side][0].toLowerCase(), SIDE_NAMES[side][1]])}; you gave ${prompts.length}.`,
    });
  }
  if (prompts.length > max) {
    errors.push({
      field: side,
      rule: 'count.max',
      message: `Give at most ${count(max, [SIDE_NAMES[side][0].toLowerCase(), SIDE_NAMES[side][1]])}; you gave ${prompts.length}.`,
    });
  }
  prompts.forEach((prompt, index) => errors.push(...checkPrompt(side, index, prompt, settings)));
  return errors;
}

export function validateSignUp(settings: ExchangeSettings, signUp: Omit<SignUp, 'participantId'>): SignUpError[] {
  return [
    ...checkSide('requests', signUp.requests, settings.requests),
    ...checkSide('offers', signUp.offers, settings.offers),
  ];
}
