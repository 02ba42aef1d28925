/**
 * The prompt meme's settings form at the edge: reading the typed values
 * (kept verbatim for a form shown again) and checking them field by field —
 * a real time zone, dates that exist in it with the close after the open,
 * a tag set the maintainer may use when prompts name tags, and whole
 * numbers within bounds, required never above allowed.
 */
import type { Db } from '../../db/database.ts';
import { can as canUseTagSet } from '../../tag-sets/policy.ts';
import { loadTagSet, TAG_SET_KINDS } from '../../tag-sets/tag-set.ts';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';
import type { Viewer } from '../../web/context.ts';
import type { FieldErrors } from '../../web/forms.tsx';
import type { PromptMemeRow } from './prompt-memes.table.ts';
import type { MemeInput } from './queries.ts';
import { readRules, KIND_LABELS, MOST_PROMPTS, MOST_TAGS, namesTags, type PromptRules } from './rules.ts';
import { textOf } from './route-helpers.ts';
import { instantToLocal, isTimeZone, localToInstant } from './time-zone.ts';

export interface MemeFormValues {
  time_zone: string;
  opens_at: string;
  closes_at: string;
  tag_set_id: string;
  description: string;
  url: string;
  prompts_per_person: string;
  anonymous_allowed: boolean;
  tags: Record<TagSetKind, { required: string; allowed: string }>;
}

export function memeFormValuesOf(meme: PromptMemeRow | undefined, rules: PromptRules, zone: string): MemeFormValues {
  return {
    time_zone: zone,
    opens_at: meme?.opens_at ? instantToLocal(meme.opens_at, zone) : '',
    closes_at: meme?.closes_at ? instantToLocal(meme.closes_at, zone) : '',
    tag_set_id: meme?.tag_set_id ? String(meme.tag_set_id) : '',
    description: rules.description,
    url: rules.url,
    prompts_per_person: String(rules.promptsPerPerson),
    anonymous_allowed: meme ? meme.is_anonymous_allowed === 1 : true,
    tags: Object.fromEntries(
      TAG_SET_KINDS.map((k) => [
        k,
        { required: String(rules.tags[k].required), allowed: String(rules.tags[k].allowed) },
      ]),
    ) as MemeFormValues['tags'],
  };
}

export function readMemeForm(body: Record<string, unknown>): MemeFormValues {
  return {
    time_zone: textOf(body, 'time_zone').trim(),
    opens_at: textOf(body, 'opens_at').trim(),
    closes_at: textOf(body, 'closes_at').trim(),
    tag_set_id: textOf(body, 'tag_set_id').trim(),
    description: textOf(body, 'description'),
    url: textOf(body, 'url'),
    prompts_per_person: textOf(body, 'prompts_per_person').trim(),
    anonymous_allowed: textOf(body, 'anonymous_allowed') !== '',
    tags: Object.fromEntries(
      TAG_SET_KINDS.map((k) => [
        k,
        { required: textOf(body, `${k}_required`).trim(), allowed: textOf(body, `${k}_allowed`).trim() },
      ]),
    ) as MemeFormValues['tags'],
  };
}

export async function checkMemeForm(
  db: Db,
  viewer: Viewer,
  values: MemeFormValues,
): Promise<{ errors: FieldErrors; input: MemeInput; zone: string }> {
  const errors: FieldErrors = {};
  const zone = values.time_zone || 'UTC';
  if (!isTimeZone(zone)) errors.time_zone = `Time zone: “${zone}” is no time zone; write one like Europe/Paris or UTC.`;
  const instant = (name: 'opens_at' | 'closes_at', label: string) => {
    if (!values[name] || errors.time_zone) return null;
    const at = localToInstant(values[name], zone);
    if (!at) errors[name] = `${label}: give a date and time (YYYY-MM-DD HH:MM).`;
    return at?.toISOString() ?? null;
  };
  const opensAt = instant('opens_at', 'Sign-ups open');
  const closesAt = instant('closes_at', 'Sign-ups close');
  if (opensAt && closesAt && closesAt <= opensAt) errors.closes_at = 'Sign-ups close: must be after they open.';

  const number = (field: string, text: string, label: string, most: number, least = 0) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < least || n > most) {
      errors[field] = `${label}: a whole number from ${least} to ${most}.`;
      return least;
    }
    return n;
  };
  const tags = {} as PromptRules['tags'];
  for (const kind of TAG_SET_KINDS) {
    const many = KIND_LABELS[kind][1];
    const title = many[0].toUpperCase() + many.slice(1);
    const allowed = number(`${kind}_allowed`, values.tags[kind].allowed, `${title} allowed`, MOST_TAGS);
    const required = number(`${kind}_required`, values.tags[kind].required, `${title} required`, MOST_TAGS);
    if (required > allowed && !errors[`${kind}_allowed`])
      errors[`${kind}_required`] = `${title} required: at most the ${allowed} allowed.`;
    tags[kind] = { required, allowed };
  }
  const rules: PromptRules = {
    tags,
    description: values.description === 'optional' ? 'optional' : 'required',
    url: values.url === 'required' || values.url === 'none' ? values.url : 'optional',
    promptsPerPerson: number('prompts_per_person', values.prompts_per_person, 'Prompts per person', MOST_PROMPTS, 1),
  };
  let tagSetId: number | null = null;
  if (values.tag_set_id) {
    const loaded = /^\d{1,9}$/.test(values.tag_set_id) ? await loadTagSet(db, Number(values.tag_set_id)) : undefined;
    if (!loaded || !canUseTagSet(viewer, 'view', loaded.access))
      errors.tag_set_id = `Tag set: there is no tag set ${values.tag_set_id}.`;
    else if (!canUseTagSet(viewer, 'use', loaded.access))
      errors.tag_set_id = `Tag set: “${loaded.set.title}” is not open to other challenges.`;
    else tagSetId = loaded.set.id;
  } else if (namesTags(rules) && !errors.tag_set_id)
    errors.tag_set_id = 'Tag set: prompts that name tags choose them from a tag set; give its number.';
  return {
    errors,
    zone,
    input: {
      tagSetId,
      opensAt,
      closesAt,
      rules: JSON.stringify(readRules(JSON.stringify(rules))),
      isAnonymousAllowed: values.anonymous_allowed,
    },
  };
}
