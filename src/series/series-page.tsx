/**
 * The series page: title and creators, the meta block (begun, updated,
 * complete, summary, notes, stats) and the works in order as listing
 * blurbs. Every figure counts only the works shown, which are those the
 * viewer may see (series/queries.ts asks src/visibility).
 */
import { sanitizeBody } from '../html/body.ts';
import { CONCEALING_STATES } from '../visibility/index.ts';
import type { Viewer } from '../web/context.ts';
import { Blurb } from '../works/blurb.tsx';
import { CreatorLinks } from '../works/creator-links.tsx';
import type { WorkBlurb } from '../works/listing-queries.ts';
import { formatNumber } from '../works/meta-block.tsx';
import type { CreatorRef } from '../works/work-parts-queries.ts';
import { SubscribeButton } from '../web/subscribe-button.tsx';
import type { SeriesRecord } from './queries.ts';
import { ReportLink } from '../web/report-link.tsx';

export interface SeriesStats {
  begunOn: string | null;
  updatedOn: string | null;
  words: number;
  works: number;
  bookmarks: number;
}

/** The figures of the works shown: dates span them, counts add them up. */
export function seriesStatsOf(works: readonly WorkBlurb[]): SeriesStats {
  const published = works.map((w) => w.publishedOn).filter((d): d is string => !!d);
  const updated = works.map((w) => w.updatedOn ?? w.publishedOn).filter((d): d is string => !!d);
  return {
    begunOn: published.length ? published.reduce((a, b) => (a < b ? a : b)) : null,
    updatedOn: updated.length ? updated.reduce((a, b) => (a > b ? a : b)) : null,
    words: works.reduce((sum, w) => sum + w.wordCount, 0),
    works: works.length,
    bookmarks: works.reduce((sum, w) => sum + w.stats.bookmarks, 0),
  };
}

/** Stored series text is cleaned when saved; cleaned again here, since older rows came from elsewhere. */
function UserHtml({ html, class: className }: { html: string; class: string }) {
  return <blockquote class={`${className} userstuff`} dangerouslySetInnerHTML={{ __html: sanitizeBody(html) }} />;
}

/** A label and its figure, grouped so that they wrap together (as on the work page). */
function Stat({ label, value, class: className }: { label: string; value: string; class: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd class={className}>{value}</dd>
    </div>
  );
}

export function SeriesPage({
  series,
  creators,
  works,
  viewer,
  canEdit,
  seriesBookmarks = 0,
  downloads = true,
}: {
  series: SeriesRecord;
  creators: CreatorRef[];
  works: WorkBlurb[];
  viewer: Viewer | null;
  canEdit: boolean;
  /** The series' own public bookmarks (src/bookmarks). */
  seriesBookmarks?: number;
  /** The archive's setting: off, no download link (src/settings/guards.ts refuses the file too). */
  downloads?: boolean;
}) {
  const stats = seriesStatsOf(works);
  // Naming the series' creators beside an anonymous work would say who wrote it.
  const anonymous = !canEdit && works.some((w) => w.states.some((state) => CONCEALING_STATES.includes(state)));
  return (
    <section class="series-page">
      <h1 class="heading">{series.title}</h1>
      <dl class="series meta">
        <dt>Creator{creators.length === 1 ? '' : 's'}:</dt>
        <dd class="creators">
          <CreatorLinks creators={creators} anonymous={anonymous} />
        </dd>
        <dt>Series Begun:</dt>
        <dd class="begun">{stats.begunOn ?? '—'}</dd>
        <dt>Series Updated:</dt>
        <dd class="updated">{stats.updatedOn ?? '—'}</dd>
        {series.summary.trim() ? (
          <>
            <dt>Description:</dt>
            <dd>
              <UserHtml html={series.summary} class="summary" />
            </dd>
          </>
        ) : null}
        {series.notes.trim() ? (
          <>
            <dt>Notes:</dt>
            <dd>
              <UserHtml html={series.notes} class="notes" />
            </dd>
          </>
        ) : null}
        <dt>Stats:</dt>
        <dd>
          <dl class="stats">
            <Stat label="Words:" class="words" value={formatNumber(stats.words)} />
            <Stat label="Works:" class="works" value={formatNumber(stats.works)} />
            <Stat label="Complete:" class="complete" value={series.isComplete ? 'Yes' : 'No'} />
            <Stat label="Bookmarks:" class="bookmarks" value={formatNumber(stats.bookmarks)} />
            <div class="stat">
              <dt>Series bookmarks:</dt>
              <dd class="series-bookmarks">
                <a href={`/series/${series.id}/bookmarks`}>{formatNumber(seriesBookmarks)}</a>
              </dd>
            </div>
          </dl>
        </dd>
      </dl>
      <SubscribeButton viewer={viewer} kind="series" targetId={series.id} returnTo={`/series/${series.id}`} />
      <ul class="actions">
        {works.length && downloads ? (
          <li>
            <a href={`/series/${series.id}/download.epub`}>Download the series as EPUB</a>
          </li>
        ) : null}
        {viewer && works.length ? (
          <li>
            <a href={`/series/${series.id}/bookmarks/new`}>Bookmark series</a>
          </li>
        ) : null}
        {canEdit ? (
          <li>
            <a href={`/series/${series.id}/edit`}>Edit series</a>
          </li>
        ) : null}
        <li>
          <ReportLink kind="series" id={series.id} label="Report this series" />
        </li>
      </ul>
      <h2 class="visually-hidden">Works in the series</h2>
      {works.length ? (
        <ol class="blurbs series-works">
          {works.map((work) => (
            <Blurb work={work} viewer={viewer} level={3} />
          ))}
        </ol>
      ) : (
        <p>No works in this series that you can see.</p>
      )}
    </section>
  );
}
