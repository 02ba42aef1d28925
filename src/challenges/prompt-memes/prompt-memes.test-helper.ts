/**
 * A collection with a prompt meme for route tests, made as a maintainer
 * makes one: the collection, a tag set with a few original tags, then the
 * meme's settings form. `memeSettings` is a complete, valid settings form to
 * change one field of.
 */
import { expect } from 'vitest';
import type { Browser, FormValues } from '../../../test/support/app.ts';

export const FANDOMS = ['Lantern Harbour', 'Salt Road'];
export const CHARACTERS = ['Wren the Ferrywoman', 'Old Tamsin', 'The Tide Clerk'];
export const FREEFORMS = ['Fog', 'Letters', 'Found Family'];

export function memeSettings(tagSetId: number, overrides: FormValues = {}): FormValues {
  return {
    time_zone: 'UTC',
    opens_at: '',
    closes_at: '',
    tag_set_id: String(tagSetId),
    fandom_required: '1',
    fandom_allowed: '1',
    character_required: '0',
    character_allowed: '2',
    relationship_required: '0',
    relationship_allowed: '0',
    freeform_required: '0',
    freeform_allowed: '3',
    description: 'required',
    url: 'optional',
    prompts_per_person: '3',
    anonymous_allowed: '1',
    ...overrides,
  };
}

let made = 0;

/** A tag set with the fandoms, characters and additional tags above; returns its id. */
export async function makeTagSet(owner: Browser): Promise<number> {
  const created = await owner.post('/tag_sets/new', {
    title: `Harbour Prompts ${++made}`,
    description: '',
    is_visible: '1',
    is_usable: '1',
    fandom_limit: '0',
    character_limit: '0',
    relationship_limit: '0',
  });
  const id = Number((created.headers.get('location') ?? '').match(/^\/tag_sets\/(\d+)$/)?.[1]);
  expect(id).toBeGreaterThan(0);
  for (const [kind, names] of [
    ['fandom', FANDOMS],
    ['character', CHARACTERS],
    ['freeform', FREEFORMS],
  ] as const) {
    const added = await owner.post(`/tag_sets/${id}/tags`, { kind, names: names.join(', '), fandom: '' });
    expect(added.status).toBe(303);
  }
  return id;
}

/** A collection (settings as /collections/new takes them) holding a prompt meme; returns its short name. */
export async function makePromptMeme(
  owner: Browser,
  overrides: FormValues = {},
  collectionSettings: string[] = [],
): Promise<{ name: string; tagSetId: number }> {
  const name = `prompt_meme_${++made}`;
  const res = await owner.post('/collections/new', {
    name,
    title: `Lantern Meme ${made}`,
    settings: collectionSettings,
  });
  expect(res.status).toBe(303);
  const tagSetId = await makeTagSet(owner);
  const saved = await owner.post(`/collections/${name}/prompt_meme`, memeSettings(tagSetId, overrides));
  expect(saved.status, await saved.clone().text()).toBe(303);
  return { name, tagSetId };
}

/** A valid prompt for `memeSettings`' rules, to change one field of. */
export function promptFields(overrides: FormValues = {}): FormValues {
  return {
    fandom: FANDOMS[0],
    character: CHARACTERS[0],
    relationship: '',
    freeform: 'Fog',
    title: 'The ferry that waits',
    description: 'Wren keeps the last ferry waiting for someone who never comes.',
    url: '',
    ...overrides,
  };
}

/** The id at the end of a …/prompts/N redirect. */
export function promptIdFrom(response: Response): number {
  const match = (response.headers.get('location') ?? '').match(/\/prompts\/(\d+)$/);
  if (!match)
    throw new Error(`expected a redirect to …/prompts/N, got ${response.status} ${response.headers.get('location')}`);
  return Number(match[1]);
}
