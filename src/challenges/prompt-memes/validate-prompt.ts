/**
 * Checking a prompt against its meme's rules, pure: each field refused on
 * its own with a message naming the field and the rule it breaks, the tags
 * resolved to the tag set's own (a name outside the set is refused by
 * name). What needs the database — how many prompts the person has, the
 * sign-up dates — the route asks first and passes in.
 */
import { splitTagList } from '../../tags/names.ts';
import { TAG_SET_KINDS, type TagRef } from '../../tag-sets/tag-set.ts';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';
import type { FieldErrors } from '../../web/forms.tsx';
import { KIND_LABELS, type PromptRules } from './rules.ts';

/** The prompt form as typed: tags comma-separated per kind. */
export interface PromptFormValues {
  title: string;
  description: string;
  url: string;
  fandom: string;
  character: string;
  relationship: string;
  freeform: string;
  pseud_id: string;
  anonymous: boolean;
}

export const blankPromptForm = (pseudId: number | undefined): PromptFormValues => ({
  title: '',
  description: '',
  url: '',
  fandom: '',
  character: '',
  relationship: '',
  freeform: '',
  pseud_id: pseudId ? String(pseudId) : '',
  anonymous: false,
});

export function readPromptForm(body: Record<string, unknown>): PromptFormValues {
  const text = (name: string) => {
    const value = Array.isArray(body[name]) ? (body[name] as unknown[])[0] : body[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    title: text('title'),
    description: text('description'),
    url: text('url'),
    fandom: text('fandom'),
    character: text('character'),
    relationship: text('relationship'),
    freeform: text('freeform'),
    pseud_id: text('pseud_id'),
    anonymous: text('anonymous') !== '',
  };
}

export const TITLE_MAX = 255;
export const DESCRIPTION_MAX = 10_000;
export const URL_MAX = 2_000;

const capitalised = (s: string) => s[0].toUpperCase() + s.slice(1);

export interface CheckedPrompt {
  title: string;
  description: string;
  url: string;
  isAnonymous: boolean;
  tags: Array<{ tagId: number; kind: TagSetKind }>;
}

export interface PromptCheck {
  rules: PromptRules;
  /** The tag set's tags by kind (empty when the meme has none). */
  setTags: Record<TagSetKind, readonly TagRef[]>;
  isAnonymousAllowed: boolean;
}

export function checkPrompt(
  values: PromptFormValues,
  { rules, setTags, isAnonymousAllowed }: PromptCheck,
): { errors: FieldErrors; prompt: CheckedPrompt } {
  const errors: FieldErrors = {};
  const tags: CheckedPrompt['tags'] = [];
  for (const kind of TAG_SET_KINDS) {
    const names = splitTagList(values[kind]);
    const { required, allowed } = rules.tags[kind];
    const [one, many] = KIND_LABELS[kind];
    const field = capitalised(many);
    const byName = new Map(setTags[kind].map((t) => [t.name.toLowerCase(), t]));
    const unknown = names.filter((n) => !byName.has(n.toLowerCase()));
    if (allowed === 0 && names.length) errors[kind] = `${field}: this prompt meme’s prompts name no ${many}.`;
    else if (names.length < required)
      errors[kind] =
        `${field}: name at least ${required} ${required === 1 ? one : many} (this prompt meme requires ${required}).`;
    else if (names.length > allowed)
      errors[kind] = `${field}: at most ${allowed} ${allowed === 1 ? one : many} allowed; you named ${names.length}.`;
    else if (unknown.length)
      errors[kind] =
        `${field}: ${unknown.map((n) => `“${n}”`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in this prompt meme’s tag set.`;
    else for (const name of names) tags.push({ tagId: byName.get(name.toLowerCase())!.id, kind });
  }
  const title = values.title.trim();
  if (title.length > TITLE_MAX) errors.title = `Title: at most ${TITLE_MAX} characters.`;
  const description = values.description.trim();
  if (!description && rules.description === 'required')
    errors.description = 'Description: this prompt meme requires a description.';
  else if (description.length > DESCRIPTION_MAX)
    errors.description = `Description: at most ${DESCRIPTION_MAX.toLocaleString('en')} characters.`;
  const url = values.url.trim();
  if (rules.url === 'none' && url) errors.url = 'URL: this prompt meme’s prompts have no URL.';
  else if (!url && rules.url === 'required') errors.url = 'URL: this prompt meme requires a URL.';
  else if (url && (url.length > URL_MAX || !isWebAddress(url)))
    errors.url = 'URL: give a whole web address, starting with https:// or http://.';
  if (values.anonymous && !isAnonymousAllowed)
    errors.anonymous = 'Anonymous: this prompt meme does not take anonymous prompts.';
  return { errors, prompt: { title, description, url, isAnonymous: values.anonymous, tags } };
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
