/**
 * What a viewer may do with a series: `can(viewer, action, series)`, pure.
 * Its owner and accepted co-creators change it, order and remove its works
 * and invite more co-creators; who may see a series is the visibility of its
 * works (src/visibility), not a rule of its own.
 */
import type { Viewer } from '../web/context.ts';

/** Who may change a series (see `findSeriesAccess`). */
export interface SeriesAccess {
  id: number;
  ownerId: number | null;
  /** The owner first, then users with an accepted co-creator pseud. */
  creatorUserIds: number[];
}

export type SeriesAction = 'edit' | 'order' | 'remove-work' | 'invite';

export function isSeriesCreator(viewer: Viewer | null, series: SeriesAccess): boolean {
  return !!viewer && series.creatorUserIds.includes(viewer.id);
}

export function can(viewer: Viewer | null, action: SeriesAction, series: SeriesAccess): boolean {
  switch (action) {
    case 'edit':
    case 'order':
    case 'remove-work':
    case 'invite':
      return isSeriesCreator(viewer, series);
  }
}
