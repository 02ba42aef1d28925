/**
 * The accounts forms' rules, parsed once at the edge with zod: what a
 * username, email, password and pseud name may be, and where a person may be
 * sent back to after logging in.
 */
import { z } from 'zod';
import type { FieldErrors } from '../web/forms.tsx';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 40;
export const PASSWORD_MIN = 8;
// Argon2 cost grows with input; no one types a longer passphrase than this.
export const PASSWORD_MAX = 1000;
export const PSEUD_NAME_MAX = 40;
export const PSEUD_DESCRIPTION_MAX = 500;

/** Form values arrive as strings (or File/arrays on odd input); anything else reads as empty. */
export const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());

// ASCII only, because SQLite's lower() folds only ASCII: uniqueness must mean
// the same on both databases, and the name sits in every profile URL.
export const usernameSchema = text
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter a username.')
      .min(USERNAME_MIN, `Usernames are at least ${USERNAME_MIN} characters.`)
      .max(USERNAME_MAX, `Usernames are at most ${USERNAME_MAX} characters.`)
      .regex(/^[A-Za-z0-9_-]+$/, 'Usernames may use only letters, digits, underscores (_) and hyphens (-).'),
  );

export const emailSchema = text
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter an email address.')
      .max(254, 'That email address is too long.')
      .pipe(z.email('Enter a valid email address, like name@example.com.')),
  );

export const passwordSchema = text.pipe(
  z
    .string()
    .min(1, 'Enter a password.')
    .min(PASSWORD_MIN, `Passwords are at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters.`),
);

/** A new password typed twice (signing up, resetting a password); check it with `.refine(...passwordsMatch)`. */
export const newPasswordShape = { password: passwordSchema, password_confirmation: text };
export const passwordsMatch: [
  check: (form: { password: string; password_confirmation: string }) => boolean,
  params: { path: string[]; message: string },
] = [
  (form) => form.password === form.password_confirmation,
  { path: ['password_confirmation'], message: 'The two passwords do not match.' },
];

/** A ticked box that must be ticked (sign-up's Terms of Service and age). */
const mustTick = (message: string) => z.preprocess((value) => value === '1', z.literal(true, { message }));

export const signupSchema = z
  .object({
    username: usernameSchema,
    email: emailSchema,
    ...newPasswordShape,
    accept_tos: mustTick('Accept the Terms of Service to open an account.'),
    old_enough: mustTick('You must be old enough to open an account.'),
  })
  .refine(...passwordsMatch);

export const loginSchema = z.object({
  login: text.transform((value) => value.trim()).pipe(z.string().min(1, 'Enter your username or email.').max(254)),
  password: text.pipe(z.string().min(1, 'Enter your password.').max(PASSWORD_MAX)),
});

const checkbox = z.preprocess((value) => value === '1', z.boolean());

export const preferencesSchema = z.object({
  skip_adult_notice: checkbox,
  hide_warnings: checkbox,
  hide_freeform: checkbox,
  comment_emails_off: checkbox,
  kudos_emails_off: checkbox,
  comment_copies_off: checkbox,
  guest_replies_off: checkbox,
});

// Pseud names appear in URLs and in comma-separated co-creator lists, so
// commas and punctuation are out; any script's letters are in.
export const pseudSchema = z.object({
  name: text
    .transform((value) => value.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, 'Enter a name for the pseud.')
        .max(PSEUD_NAME_MAX, `Pseud names are at most ${PSEUD_NAME_MAX} characters.`)
        .regex(/^[\p{L}\p{M}\p{N} _-]+$/u, 'Pseud names may use letters, digits, spaces, underscores and hyphens.')
        .regex(/[\p{L}\p{N}]/u, 'Pseud names need at least one letter or digit.'),
    ),
  description: text
    .transform((value) => value.trim())
    .pipe(z.string().max(PSEUD_DESCRIPTION_MAX, `Descriptions are at most ${PSEUD_DESCRIPTION_MAX} characters.`)),
});

/** Pseud names are unique per account, in any case (createPseud and updatePseud say 'taken'). */
export const PSEUD_NAME_TAKEN = 'You already have a pseud with that name.';

/** The first message for each field, as the forms show them beside the field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Raw form values as strings, for re-showing what the person typed. */
export function typedValues(form: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) if (typeof value === 'string') values[key] = value;
  return values;
}

/**
 * Only a path on this site: one leading "/" and not "//" or "/\" (which
 * browsers read as another host), so a link cannot bounce a person to a
 * look-alike log-in page elsewhere.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  if (value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters would be stripped by browsers and re-form "//".
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}
