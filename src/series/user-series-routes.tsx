/**
 * GET /users/:name/series — the series a user owns or co-creates, newest
 * first, a page at a time; only series with a work the viewer may see on
 * that user's pages (src/visibility's creator-page audience, so a series of
 * anonymous works does not give its creator away).
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import { creatorPageAudience } from '../visibility/index.ts';
import type { AppEnv } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { CreatorLinks, userPath } from '../works/creator-links.tsx';
import { Pagination, pageParam } from '../works/listing.tsx';
import { loadBlurbs } from '../works/listing-queries.ts';
import { formatNumber } from '../works/meta-block.tsx';
import { findSeriesMany, listListedSeriesWorks, listSeriesCreators, listUserSeries } from './queries.ts';
import { seriesStatsOf } from './series-page.tsx';

export const userSeriesRoutes = new Hono<AppEnv>();

export const SERIES_PER_PAGE = 20;

userSeriesRoutes.get('/users/:name/series', async (c) => {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  const audience = creatorPageAudience(viewer, user.id);
  const page = pageParam(c);
  const { seriesIds, total } = await listUserSeries(db, user.id, audience, page, SERIES_PER_PAGE);
  const [series, worksOf] = await Promise.all([
    findSeriesMany(db, seriesIds),
    listListedSeriesWorks(db, seriesIds, audience),
  ]);
  const blurbs = new Map((await loadBlurbs(db, [...new Set([...worksOf.values()].flat())])).map((b) => [b.id, b]));
  const creators = await Promise.all(series.map((s) => listSeriesCreators(db, s)));
  const pageCount = Math.ceil(total / SERIES_PER_PAGE);
  const basePath = `${userPath(user.username)}/series`;
  return renderPage(
    c,
    { title: `Series by ${user.username}` },
    <section class="user-series">
      <h1>
        Series by <a href={userPath(user.username)}>{user.username}</a>
      </h1>
      <p class="count">{total ? `${formatNumber(total)} series` : 'No series yet.'}</p>
      <ul class="series-blurbs">
        {series.map((s, i) => {
          const works = (worksOf.get(s.id) ?? []).flatMap((id) => blurbs.get(id) ?? []);
          const stats = seriesStatsOf(works);
          return (
            <li class="blurb series-blurb">
              <h2 class="heading">
                <a href={`/series/${s.id}`}>{s.title}</a> by <CreatorLinks creators={creators[i]} />
              </h2>
              <p class="datetime">{stats.updatedOn ?? ''}</p>
              <dl class="blurb-stats">
                <div class="figure">
                  <dt>Words:</dt>
                  <dd>{formatNumber(stats.words)}</dd>
                </div>
                <div class="figure">
                  <dt>Works:</dt>
                  <dd>{formatNumber(stats.works)}</dd>
                </div>
                <div class="figure">
                  <dt>Complete:</dt>
                  <dd>{s.isComplete ? 'Yes' : 'No'}</dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
      <Pagination basePath={basePath} page={page} pageCount={pageCount} />
    </section>,
  );
});
