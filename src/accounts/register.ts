/**
 * Opening an account, shared by the sign-up page and `quire user create`:
 * the name and email must be free (the unique indexes are the real guard;
 * the look-ups only give a friendlier answer first), and the first account
 * on an empty archive becomes its admin.
 */
import type { Db } from '../db/database.ts';
import type { User } from './accounts.table.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { hashPassword } from './passwords.ts';
import { isUsernameHeld } from './account-change-queries.ts';
import { countUsers, createUser, findUserByName, isEmailTaken, uniqueViolationField } from './queries.ts';

export interface Registration {
  username: string;
  email: string;
  password: string;
  /** Make an admin even when others exist (the command line's --admin). */
  isAdmin?: boolean;
  /** Sign-up: the address must be confirmed by mail before the account posts (not for the first admin). */
  unconfirmed?: boolean;
}

export type RegistrationResult = { ok: true; user: User } | { ok: false; errors: FieldErrors };

export const TAKEN = {
  username: 'That username is already taken.',
  email: 'An account with that email address already exists.',
} as const;

export async function registerAccount(db: Db, registration: Registration): Promise<RegistrationResult> {
  const errors: FieldErrors = {};
  // A name given up less than 30 days ago is held for its old owner (their old links redirect).
  if ((await findUserByName(db, registration.username)) || (await isUsernameHeld(db, registration.username))) {
    errors.username = TAKEN.username;
  }
  if (await isEmailTaken(db, registration.email)) errors.email = TAKEN.email;
  if (Object.keys(errors).length) return { ok: false, errors };

  const passwordHash = await hashPassword(registration.password);
  try {
    const user = await createUser(db, {
      username: registration.username,
      email: registration.email,
      passwordHash,
      isAdmin: registration.isAdmin,
      unconfirmed: registration.unconfirmed,
      // Checked first without a lock, so only sign-ups on an archive that looks empty take one.
      adminIfFirst: (await countUsers(db)) === 0,
    });
    return { ok: true, user };
  } catch (error) {
    // Someone else took the name or email between our look-up and the insert.
    const field = uniqueViolationField(error);
    if (field) return { ok: false, errors: { [field]: TAKEN[field] } };
    throw error;
  }
}
