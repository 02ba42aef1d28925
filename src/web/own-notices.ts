/**
 * What other domains tell a member on their own pages — the top of their
 * inbox and their dashboard (`/users/:name` as they see it) — without the
 * comments or users domains knowing them: a collection's invitation of
 * their work, their works waiting in collections. Like the blurb extras,
 * each domain exports an `OwnNotice` and `src/server.ts` lists them in `deps`.
 */
import type { Child } from 'hono/jsx';
import type { Db } from '../db/database.ts';
import type { Viewer } from './context.ts';

export interface OwnNotice {
  name: string;
  /** What to show the member, or null for nothing. */
  load(db: Db, viewer: Viewer): Promise<Child | null>;
}

/** Every notice the member has, in the order listed. */
export async function loadOwnNotices(notices: readonly OwnNotice[], db: Db, viewer: Viewer): Promise<Child[]> {
  const loaded = await Promise.all(notices.map((n) => n.load(db, viewer)));
  return loaded.filter((child) => child !== null && child !== undefined);
}
