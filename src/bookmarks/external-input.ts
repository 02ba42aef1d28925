/**
 * The external work part of the bookmark form, as typed: its address (http
 * or https only, so a rec never carries a `javascript:` link), title,
 * creator, rating, fandoms (at least one), relationships, characters,
 * additional tags and summary (sanitized, at most 1,250 characters).
 */
import { RATINGS } from '../domain-facts.ts';
import { sanitizeNote } from '../html/body.ts';
import { splitTagList } from '../tags/names.ts';
import type { FieldErrors } from '../web/forms.tsx';

export const EXTERNAL_TAG_FIELDS = ['fandoms', 'relationships', 'characters', 'freeforms'] as const;
export type ExternalTagField = (typeof EXTERNAL_TAG_FIELDS)[number];

export interface ExternalWorkForm {
  url: string;
  title: string;
  creator: string;
  rating: string;
  summary: string;
  fandoms: string;
  relationships: string;
  characters: string;
  freeforms: string;
}

export interface ExternalWorkInput {
  url: string;
  title: string;
  creator: string;
  rating: string;
  summary: string;
  tags: Record<ExternalTagField, string[]>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function readExternalWorkForm(form: Record<string, unknown>): ExternalWorkForm {
  return {
    url: text(form.url).trim(),
    title: text(form.title).trim(),
    creator: text(form.creator).trim(),
    rating: text(form.rating),
    summary: text(form.summary),
    fandoms: text(form.fandoms),
    relationships: text(form.relationships),
    characters: text(form.characters),
    freeforms: text(form.freeforms),
  };
}

function isWebAddress(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && raw.length <= 2000;
  } catch {
    return false;
  }
}

export function checkExternalWorkForm(form: ExternalWorkForm): { errors: FieldErrors; input: ExternalWorkInput } {
  const errors: FieldErrors = {};
  if (!isWebAddress(form.url)) errors.url = 'Give the web address (http:// or https://) of the work.';
  if (!form.title || form.title.length > 255) errors.title = 'Title must be 1–255 characters.';
  if (!form.creator || form.creator.length > 255) errors.creator = 'Creator must be 1–255 characters.';
  if (!(RATINGS as readonly string[]).includes(form.rating)) errors.rating = 'Choose a rating.';
  if (form.summary.length > 1250) errors.summary = 'Summary must be at most 1,250 characters.';
  const tags = Object.fromEntries(
    EXTERNAL_TAG_FIELDS.map((field) => [field, splitTagList(form[field]).slice(0, 75)]),
  ) as Record<ExternalTagField, string[]>;
  if (!tags.fandoms.length) errors.fandoms = 'Give at least one fandom.';
  if (EXTERNAL_TAG_FIELDS.some((field) => tags[field].some((name) => name.length > 100)))
    errors.freeforms = 'Each tag must be at most 100 characters.';
  return {
    errors,
    input: {
      url: form.url,
      title: form.title,
      creator: form.creator,
      rating: form.rating,
      summary: errors.summary ? '' : sanitizeNote(form.summary),
      tags,
    },
  };
}
