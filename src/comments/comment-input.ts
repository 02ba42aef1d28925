/**
 * What a comment form (or API body) says, checked: the text cleaned through
 * the chapter-body sanitizer, at most 10,000 characters; a member's pseud, or
 * a guest's name and email. Errors are per field, for the message beside
 * the box.
 */
import { prepareBody } from '../html/body.ts';
import type { FieldErrors } from '../web/forms.tsx';

export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_GUEST_NAME_LENGTH = 100;

/** The fields as typed, kept to show back with the errors. */
export interface CommentFormValues {
  body: string;
  pseudId: string;
  guestName: string;
  guestEmail: string;
  /** The honeypot: hidden from people, filled in by bots. */
  website: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function readCommentForm(form: Record<string, unknown>): CommentFormValues {
  return {
    body: text(form.body),
    pseudId: text(form.pseud_id).trim(),
    guestName: text(form.guest_name).trim(),
    guestEmail: text(form.guest_email).trim(),
    website: text(form.website).trim(),
  };
}

/** The typed text as the HTML we store, or the message to show beside the box. */
export function checkBody(typed: string): { html: string } | { error: string } {
  if (typed.length > MAX_COMMENT_LENGTH) {
    return {
      error: `A comment can be at most ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters; this one has ${typed.length.toLocaleString('en')}.`,
    };
  }
  const html = typed.trim() ? prepareBody(typed) : '';
  // Markup that cleans away to nothing (a lone <script>) is no comment either.
  if (!html.replace(/<[^>]*>/g, '').trim() && !/<img\b/i.test(html))
    return { error: 'Write something before posting.' };
  return { html };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A guest's name and email, or the messages for them. */
export function checkGuest(values: CommentFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.guestName) errors.guest_name = 'Give a name to sign your comment with.';
  else if (values.guestName.length > MAX_GUEST_NAME_LENGTH)
    errors.guest_name = `A name can be at most ${MAX_GUEST_NAME_LENGTH} characters.`;
  if (!values.guestEmail) errors.guest_email = 'Give your email address (only moderators see it).';
  else if (!EMAIL.test(values.guestEmail) || values.guestEmail.length > 254)
    errors.guest_email = 'That does not look like an email address.';
  return errors;
}
