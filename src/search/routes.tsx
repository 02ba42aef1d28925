/**
 * Routes of finding works: the archive's listing of every work (`/works`),
 * the search page (`/works/search?q=…`, every filter too) with the search
 * box language explained, saved filters and the personal blocklist.
 * Listings render through `listing-page.tsx`.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { blocklistRoutes } from './blocklist/routes.tsx';
import { renderFilteredListing } from './listing-page.tsx';
import { savedFilterRoutes } from './saved-filters/routes.tsx';
import { listingAudience } from '../visibility/index.ts';

export const searchRoutes = new Hono<AppEnv>();
searchRoutes.route('/', savedFilterRoutes);
searchRoutes.route('/', blocklistRoutes);

export const SEARCH_PATH = '/works/search';

searchRoutes.get('/works', async (c) =>
  renderFilteredListing(c, { title: 'Works', basePath: '/works', filter: listingAudience(c.get('viewer')) }),
);

function SearchBox({ q }: { q: string }) {
  return (
    <form method="get" action={SEARCH_PATH} role="search" aria-label="Search works" class="search-box">
      <div class="field">
        <label for="search-q">Search titles, creators, summaries, notes, tags and the text of works</label>
        <input id="search-q" name="q" type="search" value={q} aria-describedby="search-syntax" />
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

function SyntaxHelp() {
  return (
    <details class="search-syntax" id="search-syntax">
      <summary>How to search</summary>
      <dl>
        <dt>lighthouse keeper</dt>
        <dd>works with both words, anywhere: title, creators, tags, summary, notes or the text</dd>
        <dt>"found family"</dt>
        <dd>the words together, in that order</dd>
        <dt>-angst</dt>
        <dd>leaves out works with the word</dd>
        <dt>title:lantern creator:quillmoth tag:"slow burn"</dt>
        <dd>the word or phrase in the title, a creator's name, or a tag</dd>
        <dt>words&gt;10000 kudos&gt;=50 chapters&lt;5</dt>
        <dd>compare words, kudos, chapters, hits, comments or bookmarks</dd>
        <dt>sort:kudos</dt>
        <dd>sort the results (also: title, creator, posted, updated, words, hits, comments, bookmarks)</dd>
      </dl>
    </details>
  );
}

searchRoutes.get(SEARCH_PATH, async (c: AppContext) => {
  const q = (c.req.query('q') ?? '').trim();
  const viewer = c.get('viewer');
  if (!q && new URL(c.req.url).search === '') {
    return renderPage(
      c,
      { title: 'Search works' },
      <section class="search-page">
        <h1>Search works</h1>
        <SearchBox q="" />
        <SyntaxHelp />
        <p>
          Or <a href="/works">browse all works</a> with filters.
        </p>
      </section>,
    );
  }
  return renderFilteredListing(c, {
    title: q ? `Search: ${q}` : 'Search works',
    heading: 'Search works',
    basePath: SEARCH_PATH,
    filter: listingAudience(viewer),
    queryInIntro: true,
    intro: (
      <div class="search-page">
        <SearchBox q={q} />
        <SyntaxHelp />
      </div>
    ),
  });
});
