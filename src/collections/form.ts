/**
 * The collection form at the edge, for making a collection and for its
 * settings page: `readCollectionForm` keeps what was typed verbatim (a form
 * with errors is shown again exactly as sent), `checkCollectionForm` gives
 * each problem beside its field, the parent's checks included (it exists,
 * this person maintains it, and it is not the collection itself or one of
 * its subcollections), and `collectionInputOf` cleans the texts.
 */
import { LIMITS } from '../domain-facts.ts';
import type { Db } from '../db/database.ts';
import { sanitizeNote } from '../html/body.ts';
import type { Viewer } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import type { Collection } from './collections.table.ts';
import { canMaintain } from './policy.ts';
import { collectionAndDescendantIds, findCollectionByName, findRole, type CollectionInput } from './queries.ts';

export const SETTINGS = ['closed', 'moderated', 'members_only', 'unrevealed', 'anonymous'] as const;
export type Setting = (typeof SETTINGS)[number];

export const SETTING_LABELS: Record<Setting, string> = {
  closed: 'Closed: takes no new works (members still may post)',
  moderated: 'Moderated: new works wait for a maintainer’s approval',
  members_only: 'Members only: only members may post to it',
  unrevealed: 'Unrevealed: its works are Mystery Works until the reveal',
  anonymous: 'Anonymous: its works’ creators are hidden until the reveal',
};

export interface CollectionFormValues {
  name: string;
  title: string;
  description: string;
  introduction: string;
  rules: string;
  faq: string;
  parent: string;
  settings: string[];
}

export const BLANK_COLLECTION_FORM: CollectionFormValues = {
  name: '',
  title: '',
  description: '',
  introduction: '',
  rules: '',
  faq: '',
  parent: '',
  settings: [],
};

/** Never fails: a missing field is '' (or no settings). */
export function readCollectionForm(body: Record<string, unknown>): CollectionFormValues {
  const text = (name: string) => {
    const value = Array.isArray(body[name]) ? (body[name] as unknown[])[0] : body[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    name: text('name').trim(),
    title: text('title').trim(),
    description: text('description'),
    introduction: text('introduction'),
    rules: text('rules'),
    faq: text('faq'),
    parent: text('parent').trim(),
    settings: ([] as unknown[]).concat(body.settings ?? []).filter((s): s is string => typeof s === 'string'),
  };
}

/** The saved collection as its settings form shows it. */
export function collectionFormValuesOf(collection: Collection, parent: Collection | undefined): CollectionFormValues {
  const flags: Record<Setting, number> = {
    closed: collection.is_closed,
    moderated: collection.is_moderated,
    members_only: collection.is_members_only,
    unrevealed: collection.is_unrevealed,
    anonymous: collection.is_anonymous,
  };
  return {
    name: collection.name,
    title: collection.title,
    description: collection.description,
    introduction: collection.introduction,
    rules: collection.rules,
    faq: collection.faq,
    parent: parent?.name ?? '',
    settings: SETTINGS.filter((s) => flags[s] === 1),
  };
}

export interface CheckedCollectionForm {
  errors: FieldErrors;
  parent: Collection | undefined;
}

/**
 * Each problem beside its field. `editing` is the collection whose settings these are: its short name (its
 * address) is not changed there, and its parent may not be itself or below it.
 */
export async function checkCollectionForm(
  db: Db,
  viewer: Viewer,
  values: CollectionFormValues,
  editing?: Collection,
): Promise<CheckedCollectionForm> {
  const errors: FieldErrors = {};
  if (!editing) {
    if (!/^[A-Za-z0-9_]{3,60}$/.test(values.name))
      errors.name = 'The short name is 3 to 60 letters, digits or underscores.';
    else if (values.name.toLowerCase() === 'autocomplete' || values.name.toLowerCase() === 'new')
      errors.name = 'That short name is taken by the archive’s own pages.';
    else if (await findCollectionByName(db, values.name)) errors.name = 'A collection of that short name exists.';
  }
  if (!values.title) errors.title = 'Give the collection a title.';
  else if (values.title.length > LIMITS.titleMax)
    errors.title = `The title must be at most ${LIMITS.titleMax} characters.`;
  for (const [field, label] of [
    ['description', 'The description'],
    ['introduction', 'The introduction'],
    ['rules', 'The rules'],
    ['faq', 'The FAQ'],
  ] as const) {
    if (values[field].length > LIMITS.notesMax)
      errors[field] = `${label} must be at most ${LIMITS.notesMax.toLocaleString('en')} characters.`;
  }
  const unknownSetting = values.settings.find((s) => !(SETTINGS as readonly string[]).includes(s));
  if (unknownSetting) errors.settings = 'Choose settings from the list.';
  const parent = values.parent ? await findCollectionByName(db, values.parent) : undefined;
  if (values.parent && !parent) errors.parent = `There is no collection “${values.parent}” here.`;
  else if (parent && editing && (await collectionAndDescendantIds(db, editing.id)).includes(parent.id))
    errors.parent = 'A collection cannot be inside itself or one of its own subcollections.';
  else if (parent && parent.id !== editing?.parent_id && !canMaintain(viewer, await findRole(db, parent.id, viewer.id)))
    errors.parent = `Only the maintainers of ${parent.title} may add subcollections to it.`;
  return { errors, parent };
}

/** What to save: the texts cleaned by the archive's sanitizer, the settings as flags. */
export function collectionInputOf(values: CollectionFormValues, parent: Collection | undefined): CollectionInput {
  const has = (s: Setting) => values.settings.includes(s);
  return {
    name: values.name,
    title: values.title,
    description: sanitizeNote(values.description),
    introduction: sanitizeNote(values.introduction),
    rules: sanitizeNote(values.rules),
    faq: sanitizeNote(values.faq),
    isClosed: has('closed'),
    isModerated: has('moderated'),
    isMembersOnly: has('members_only'),
    isUnrevealed: has('unrevealed'),
    isAnonymous: has('anonymous'),
    parentId: parent?.id ?? null,
  };
}
