/**
 * A member's Atom feed of their subscriptions, at a secret address
 * (`/subscriptions/feed/<token>.atom`): the newest works and chapters
 * from everything they follow, as the notice mail would tell them (the
 * same visibility rules, from the same `gatherNotices`), whether or not a
 * mail already did. The token is random and kept in
 * `subscription_readers`; "Make a new address" replaces it, and the old
 * address stops working at once.
 */
import crypto from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { atomTime, latestTime, renderAtom } from '../feeds/atom.ts';
import { BATCH, gatherNotices } from './notice-mail.ts';
import { findLastUpdateId, findReader, setFeedToken } from './queries.ts';

/** Entries in the feed. */
const FEED_SIZE = 30;

export const feedPath = (token: string) => `/subscriptions/feed/${token}.atom`;

export function newFeedToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** The member's feed token, made on first need. */
export async function feedTokenOf(db: Db, userId: number): Promise<string> {
  const existing = (await findReader(db, userId))?.feed_token;
  if (existing) return existing;
  const token = newFeedToken();
  await setFeedToken(db, userId, token);
  return token;
}

export async function renderSubscriptionFeed(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  member: { id: number; username: string },
  token: string,
): Promise<string> {
  const last = await findLastUpdateId(db);
  const { items } = await gatherNotices(db, member.id, Math.max(0, last - BATCH), { includeSent: true });
  const newest = items.slice(-FEED_SIZE).reverse();
  const self = `${config.baseUrl}${feedPath(token)}`;
  return renderAtom({
    id: `${config.baseUrl}/users/${encodeURIComponent(member.username)}/subscriptions`,
    title: `${config.archiveName}: new from ${member.username}'s subscriptions`,
    updated: latestTime(
      newest.map((i) => atomTime(i.postedAt)),
      '1970-01-01',
    ),
    // The archive, not the creators: a work's creators may be anonymous, and the mail names none either.
    authors: [{ name: config.archiveName }],
    links: [{ rel: 'self', href: self, type: 'application/atom+xml' }],
    entries: newest.map((item) => ({
      id: `${config.baseUrl}${item.path}`,
      title: item.line,
      updated: atomTime(item.postedAt),
      published: atomTime(item.postedAt),
      authors: [],
      links: [{ rel: 'alternate', href: `${config.baseUrl}${item.path}`, type: 'text/html' }],
    })),
  });
}
