/**
 * What every /series/:id route starts from: the series as this viewer may
 * know of it, who may change it, and the works they may see.
 */
import { requireViewer } from '../accounts/require-login.ts';
import type { AppContext, Viewer } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { can, type SeriesAccess, type SeriesAction } from './policy.ts';
import { findSeries, findSeriesAccess, listVisibleSeriesWorks, type SeriesRecord } from './queries.ts';

export function seriesNotFound(c: AppContext): Response {
  return renderMessage(c, 404, 'Not found', 'There is no series at this address.');
}

export interface FoundSeries {
  series: SeriesRecord;
  access: SeriesAccess;
  /** The works the viewer may see, in series order. */
  workIds: number[];
}

/**
 * The series at :id, or null when it does not exist for this viewer: no such series, or none of its
 * works visible to them (its own creators always find it, to edit it).
 */
export async function findSeriesFor(c: AppContext): Promise<FoundSeries | null> {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const series = await findSeries(db, Number(c.req.param('id')));
  if (!series) return null;
  const [access, entries] = await Promise.all([
    findSeriesAccess(db, series),
    listVisibleSeriesWorks(db, series.id, viewer),
  ]);
  if (!entries.length && !can(viewer, 'edit', access)) return null;
  return { series, access, workIds: entries.map((e) => e.workId) };
}

/**
 * The gate of every change to a series: a guest goes to log in, a series the viewer cannot know of is a
 * 404, and someone who is not one of its creators is refused (403).
 */
export async function gateSeriesChange(
  c: AppContext,
  action: SeriesAction,
): Promise<(FoundSeries & { viewer: Viewer }) | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const found = await findSeriesFor(c);
  if (!found) return seriesNotFound(c);
  if (!can(viewer, action, found.access)) {
    return renderMessage(c, 403, 'Not yours', 'Only the creators of this series can change it.');
  }
  return { ...found, viewer };
}
