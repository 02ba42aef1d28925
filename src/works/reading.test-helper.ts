/**
 * The cast of the reading tests' authorization matrix: a guest, another
 * reader, the creator and an admin, each a Browser on the same app, plus
 * the three kinds of work they meet (draft, restricted, posted).
 */
import type { Db } from '../db/database.ts';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { chapter, makeUser, makeWork, signIn, type MakeWorkOptions } from '../../test/support/factories.ts';

export interface Cast {
  guest: Browser;
  other: Browser;
  creator: Browser;
  admin: Browser;
  creatorUser: User;
  otherUser: User;
}

export type Role = 'guest' | 'other' | 'creator' | 'admin';
export const ROLES: readonly Role[] = ['guest', 'other', 'creator', 'admin'];

export async function makeCast(db: Db): Promise<Cast> {
  const app = makeTestApp(db);
  const creatorUser = await makeUser(db);
  const otherUser = await makeUser(db);
  const adminUser = await makeUser(db, { isAdmin: true });
  const cast = {
    guest: new Browser(app),
    other: new Browser(app),
    creator: new Browser(app),
    admin: new Browser(app),
    creatorUser,
    otherUser,
  };
  await signIn(cast.other, db, otherUser);
  await signIn(cast.creator, db, creatorUser);
  await signIn(cast.admin, db, adminUser);
  return cast;
}

export interface MatrixWorks {
  draft: { id: number; title: string; text: string };
  restricted: { id: number; title: string; text: string };
  posted: { id: number; title: string; text: string };
}

/** One draft, one restricted and one public work by `user`, each with a distinctive sentence. */
export async function makeMatrixWorks(db: Db, user: User, extra: MakeWorkOptions = {}): Promise<MatrixWorks> {
  const stamp = Math.random().toString(36).slice(2, 8);
  const make = async (kind: keyof MatrixWorks, options: MakeWorkOptions) => {
    const title = `Matrix ${kind} ${stamp}`;
    const text = `The ${kind} kettle sang at dawn ${stamp}.`;
    const id = await makeWork(db, user, { title, chapters: [chapter(`<p>${text}</p>`)], ...extra, ...options });
    return { id, title, text };
  };
  return {
    draft: await make('draft', { post: false }),
    restricted: await make('restricted', { isRestricted: true }),
    posted: await make('posted', {}),
  };
}

/** Hides a work as a moderator would (moderation tools come with another issue). */
export async function hideWork(db: Db, workId: number): Promise<void> {
  await db.updateTable('works').set({ is_hidden: 1 }).where('id', '=', workId).execute();
}

/** The HTML between <main> and </main>, so the header and footer never satisfy an assertion. */
export function mainOf(html: string): string {
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>');
  return start >= 0 && end > start ? html.slice(start, end) : html;
}
