/**
 * Typed factories that build the smallest valid graph for a test:
 * `makeUser(db)`, `makeWork(db, user, { rating: 'Explicit' })`, and
 * `signIn(browser, db, user)` which starts a real session for a browser.
 */
import { createUser } from '../../src/accounts/queries.ts';
import { hashPassword } from '../../src/accounts/passwords.ts';
import { createSession, SESSION_COOKIE } from '../../src/accounts/sessions.ts';
import { setRole, type Role } from '../../src/accounts/queries.ts';
import { newSecret } from '../../src/accounts/two-factor/totp.ts';
import type { Db } from '../../src/db/database.ts';
import type { User } from '../../src/accounts/accounts.table.ts';
import { createWork } from '../../src/works/save-work.ts';
import { blankWorkInput, type ChapterInput, type WorkInput } from '../../src/works/work-input.ts';
import { findDefaultPseud } from '../../src/accounts/queries.ts';
import type { Browser } from './app.ts';

let counter = 0;
const unique = () => `${process.pid}x${++counter}`;

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export async function makeUser(
  db: Db,
  overrides: { username?: string; isAdmin?: boolean; email?: string } = {},
): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? `reader${unique()}`;
  return createUser(db, {
    username,
    email: overrides.email ?? `${username}@example.test`,
    passwordHash: await passwordHash,
    isAdmin: overrides.isAdmin,
  });
}

export async function signIn(browser: Browser, db: Db, user: User): Promise<void> {
  const { token } = await createSession(db, user.id, 'test');
  browser.cookies.set(SESSION_COOKIE, token);
}

/**
 * Two-factor sign-in on for this account, as its preferences page leaves it: admins and moderators need it.
 * Returns the secret, from which a test logging in through the form makes its code.
 */
export async function turnOnTwoFactor(db: Db, userId: number): Promise<string> {
  const secret = newSecret();
  await db.insertInto('two_factor').values({ user_id: userId, secret, enabled_at: new Date().toISOString() }).execute();
  return secret;
}

/** Gives the account a role; an admin's or moderator's with two-factor sign-in on, so the admin area opens. */
export async function makeStaff(db: Db, userId: number, role: Role): Promise<void> {
  await setRole(db, userId, role, true);
  if (role === 'admin' || role === 'moderator') await turnOnTwoFactor(db, userId);
}

export function chapter(body: string, overrides: Partial<ChapterInput> = {}): ChapterInput {
  return { title: '', summary: '', notes: '', endNotes: '', body, ...overrides };
}

export interface MakeWorkOptions extends Partial<WorkInput> {
  post?: boolean;
  chapters?: ChapterInput[];
}

/** A posted one-chapter General Audiences work by the user's default pseud, unless told otherwise. */
export async function makeWork(db: Db, user: User, options: MakeWorkOptions = {}): Promise<number> {
  const { post = true, chapters, ...overrides } = options;
  const pseud = await findDefaultPseud(db, user.id);
  const input = blankWorkInput({
    title: `The Lantern Keeper ${unique()}`,
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    fandoms: ['Original Work'],
    creatorPseudIds: [pseud.id],
    ...overrides,
  });
  return createWork(db, input, chapters ?? [chapter('<p>The lantern burned low over the harbour wall.</p>')], {
    post,
    ownerId: user.id,
  });
}
