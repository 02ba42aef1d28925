/**
 * What other domains add to the blurbs of a listing, without works (or
 * search) knowing them: a member's own line under each blurb — marked for
 * later, continue reading, updated since their last visit. Like the reading
 * extras (src/works/reading-extras.ts), each domain exports a `BlurbExtra` and
 * `src/server.ts` lists them in `deps`; a listing asks them once per page,
 * for all its works at once, and for members only.
 */
import type { Child } from 'hono/jsx';
import type { Db } from '../db/database.ts';
import type { Viewer } from './context.ts';

export interface BlurbContext {
  db: Db;
  viewer: Viewer;
  /** The works of the page, which the viewer may see (the listing decided). */
  workIds: readonly number[];
  /** The listing's own path (without its query), so an extra may show more on its domain's page. */
  listingPath: string;
  /** The page with its query, for forms that come back to it. */
  returnTo: string;
}

export interface BlurbExtra {
  name: string;
  /** What to add under each blurb, by work id. */
  load(ctx: BlurbContext): Promise<Map<number, Child>>;
}

/** Every extra's lines for a page of blurbs, gathered per work in the order listed. */
export async function loadBlurbExtras(extras: readonly BlurbExtra[], ctx: BlurbContext): Promise<Map<number, Child[]>> {
  const byWork = new Map<number, Child[]>();
  if (!ctx.workIds.length) return byWork;
  for (const loaded of await Promise.all(extras.map((extra) => extra.load(ctx))))
    for (const [workId, child] of loaded) byWork.set(workId, [...(byWork.get(workId) ?? []), child]);
  return byWork;
}
