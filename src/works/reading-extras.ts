/**
 * What other domains add to a work's reading pages, without works knowing
 * them: the feed link and download menu, kudos and comments after the text,
 * and a reader's own controls
 * (bookmark, subscribe, mark for later, continue reading) under the work's
 * details. Each domain exports a `ReadingExtra`; `src/server.ts` lists them
 * in order and hands them to the work routes through `deps`. So works
 * imports none of those domains, and they may import works.
 */
import type { Child } from 'hono/jsx';
import type { Db } from '../db/database.ts';
import type { WorkAccess } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import type { SiteSettings } from '../web/site-settings.ts';

/**
 * Where on the page an extra goes: the page's <head> (a feed link), above the work's details (the download
 * menu), under them (a reader's own controls), or after the text and the afterword (kudos, comments).
 */
export type ReadingPlace = 'head' | 'tools' | 'actions' | 'after-text';

/** The reading page an extra is loaded for. The viewer may read the work: the page's gate has passed. */
export interface ReadingContext {
  db: Db;
  viewer: Viewer | null;
  access: WorkAccess;
  /** The work, with the ids of the chapters this viewer may read, in order. */
  work: { id: number; title: string; chapterIds: readonly number[] };
  /** The chapter shown alone, or null on the work's first page and the entire work. */
  chapterId: number | null;
  /** The chapters shown on this page, in order. */
  shownChapterIds: readonly number[];
  /** This page's own path, for forms that come back to it. */
  returnTo: string;
  /** The page's query parameter of that name (a comment page, say). */
  query(name: string): string | undefined;
  /** The archive's settings (downloads off, guest comments off…). */
  site?: SiteSettings;
}

export interface ReadingExtra {
  /** For logs and tests: what it is ("kudos", "comments"). */
  name: string;
  place: ReadingPlace;
  /** What to show, or null for nothing. May also record the visit (history): pages are read by GET, once each. */
  load(ctx: ReadingContext): Promise<Child | null>;
}

/** Loads every extra for one page, each in its place, in the order listed. */
export async function loadReadingExtras(
  extras: readonly ReadingExtra[],
  ctx: ReadingContext,
): Promise<Record<ReadingPlace, Child[]>> {
  const loaded = await Promise.all(extras.map(async (extra) => ({ place: extra.place, child: await extra.load(ctx) })));
  const byPlace: Record<ReadingPlace, Child[]> = { head: [], tools: [], actions: [], 'after-text': [] };
  for (const { place, child } of loaded) if (child !== null && child !== undefined) byPlace[place].push(child);
  return byPlace;
}
