/**
 * A bookmark form as typed: notes cleaned by the chapter-body sanitizer (at
 * most 5,000 characters as typed), the bookmarker's tags split on commas
 * (trimmed, each at most 100 characters, at most 50, duplicates dropped), and
 * the rec and private boxes.
 */
import { sanitizeNote } from '../html/body.ts';
import type { FieldErrors } from '../web/forms.tsx';

export const MAX_NOTES = 5000;
const MAX_TAG = 100;
const MAX_TAGS = 50;

export interface BookmarkForm {
  notes: string;
  tags: string;
  isRec: boolean;
  isPrivate: boolean;
  pseudId: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function readBookmarkForm(form: Record<string, unknown>): BookmarkForm {
  return {
    notes: text(form.notes),
    tags: text(form.tags),
    isRec: text(form.is_rec) === '1',
    isPrivate: text(form.is_private) === '1',
    pseudId: text(form.pseud_id).trim(),
  };
}

export function splitTags(typed: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of typed.split(',')) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    tags.push(name);
  }
  return tags;
}

export function checkBookmarkForm(form: BookmarkForm): { errors: FieldErrors; notes: string; tags: string[] } {
  const errors: FieldErrors = {};
  if (form.notes.length > MAX_NOTES)
    errors.notes = `Notes must be at most ${MAX_NOTES.toLocaleString('en')} characters.`;
  const tags = splitTags(form.tags);
  if (tags.length > MAX_TAGS) errors.tags = `At most ${MAX_TAGS} tags.`;
  else if (tags.some((tag) => tag.length > MAX_TAG)) errors.tags = `Each tag must be at most ${MAX_TAG} characters.`;
  return { errors, notes: errors.notes ? '' : sanitizeNote(form.notes), tags };
}
