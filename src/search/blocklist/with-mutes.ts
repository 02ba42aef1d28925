/**
 * What a listing hides for a logged-in reader: their personal blocklist and
 * the people they muted (src/blocking/). A muted account counts as a
 * blocked creator — every pseud of theirs, made before or after the mute,
 * and never their anonymous or unrevealed works, which would give the author
 * away — so results, totals and facet counts leave their works out on SQL
 * and in the in-memory index alike, by the blocklist's one rule. Unlike the
 * blocklist, "show the works your blocklist hides" does not bring muted
 * people's works back: muting is undone on the profile or the muted list.
 */
import type { Db } from '../../db/database.ts';
import { mutedUserIds } from '../../blocking/queries.ts';
import type { Blocklist } from '../plan.ts';
import { loadBlocklist } from './queries.ts';

/** The accounts alone, as a blocklist; null when there are none. */
export function blocklistOfMuted(userIds: readonly number[]): Blocklist | null {
  if (!userIds.length) return null;
  return { tags: [], userIds: [...userIds], workIds: [], maxTags: null, staleBefore: null };
}

/** `blocklist` hiding the muted accounts' works as well. */
export function withMuted(blocklist: Blocklist | null, userIds: readonly number[]): Blocklist | null {
  if (!blocklist) return blocklistOfMuted(userIds);
  if (!userIds.length) return blocklist;
  return { ...blocklist, userIds: [...new Set([...blocklist.userIds, ...userIds])] };
}

export interface ListingHides {
  /** What the listing leaves out. */
  blocklist: Blocklist | null;
  /** Whether the reader's own blocklist is part of it (not shown, and not empty). */
  hasBlocklist: boolean;
  /** What it would still leave out with the blocklist shown (the mutes), to count what the blocklist hid. */
  mutesOnly: Blocklist | null;
}

/** What a listing hides for `viewerId`: the blocklist unless `showBlocked`, and the mutes always. */
export async function loadListingHides(db: Db, viewerId: number, { showBlocked = false } = {}): Promise<ListingHides> {
  const [blocklist, muted] = await Promise.all([
    showBlocked ? null : loadBlocklist(db, viewerId),
    mutedUserIds(db, viewerId),
  ]);
  return { blocklist: withMuted(blocklist, muted), hasBlocklist: !!blocklist, mutesOnly: blocklistOfMuted(muted) };
}

/** Only the mutes, for listings that do not apply the blocklist (the API, OPDS catalogs). */
export async function loadMutes(db: Db, viewerId: number): Promise<Blocklist | null> {
  return blocklistOfMuted(await mutedUserIds(db, viewerId));
}
