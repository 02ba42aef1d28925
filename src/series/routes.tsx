/**
 * GET /series/:id — a series and its works in order, as the viewer may see
 * them: a series none of whose works the viewer may see is, to them, not
 * there (404). It mounts the rest of /series/:id: editing, ordering and
 * removing works (edit-routes.tsx), co-creator invitations
 * (creatorship-routes.tsx), the whole-series EPUB (download-routes.ts) and a
 * user's series at /users/:name/series (user-series-routes.tsx).
 */
import { Hono } from 'hono';
import { countSeriesBookmarks } from '../bookmarks/queries.ts';
import type { AppEnv } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { loadBlurbs, type WorkBlurb } from '../works/listing-queries.ts';
import type { CreatorRef } from '../works/work-parts-queries.ts';
import { seriesCreatorshipRoutes } from './creatorship-routes.tsx';
import { seriesDownloadRoutes } from './download-routes.ts';
import { seriesEditRoutes } from './edit-routes.tsx';
import { can } from './policy.ts';
import { listSeriesCreators } from './queries.ts';
import { findSeriesFor, seriesNotFound } from './series-route-helpers.ts';
import { SeriesPage } from './series-page.tsx';
import { userSeriesRoutes } from './user-series-routes.tsx';

export const seriesRoutes = new Hono<AppEnv>();
seriesRoutes.route('/', seriesEditRoutes);
seriesRoutes.route('/', seriesCreatorshipRoutes);
seriesRoutes.route('/', seriesDownloadRoutes);
seriesRoutes.route('/', userSeriesRoutes);

function creatorsOfWorks(works: WorkBlurb[]): CreatorRef[] {
  const seen = new Set<string>();
  return works
    .flatMap((w) => (w.isAnonymous ? [] : w.creators))
    .filter((creator) => {
      const key = `${creator.pseudId ?? ''}:${creator.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

seriesRoutes.get('/series/:id{[0-9]+}', async (c) => {
  const found = await findSeriesFor(c);
  if (!found) return seriesNotFound(c);
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const [works, seriesCreators, seriesBookmarks] = await Promise.all([
    loadBlurbs(db, found.workIds),
    listSeriesCreators(db, found.series),
    countSeriesBookmarks(db, found.series.id),
  ]);
  // A series whose owner's account is gone is still its works' creators'.
  const creators = seriesCreators.length ? seriesCreators : creatorsOfWorks(works);
  return renderPage(
    c,
    { title: found.series.title },
    <SeriesPage
      series={found.series}
      creators={creators}
      works={works}
      viewer={viewer}
      canEdit={can(viewer, 'edit', found.access)}
      seriesBookmarks={seriesBookmarks}
      downloads={c.get('site').downloads}
    />,
  );
});
