/**
 * The OPDS 1.2 catalog at /opds for e-reader apps (KOReader, Thorium,
 * Moon+ Reader): a root navigation feed, fandoms and popular tags to browse,
 * new and recently updated works, a tag's works, and search through an
 * OpenSearch description. Works come from the same listing query as the
 * site's listings. Apps have no cookies: a reader who wants restricted
 * works logs in with HTTP Basic — username and an app password made in
 * preferences — and credentials that do not check out are refused.
 */
import { entriesWithRemoteImages } from '../feeds/remote-images.ts';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { authenticateBasic, readAuthorization } from '../accounts/credentials.ts';
import { scopeForTag } from '../api/listing.ts';
import { atomTime, latestTime } from '../feeds/atom.ts';
import { emptyFilters, MAX_PAGE, PAGE_SIZE, type SortKey } from '../search/filters.ts';
import { findWorks } from '../search/find-works.ts';
import { loadMutes } from '../search/blocklist/with-mutes.ts';
import type { ListingScope } from '../search/plan.ts';
import { resolveTagNames } from '../search/queries.ts';
import { tagNameFromSlug, tagSlug } from '../tags/names.ts';
import type { AppEnv } from '../web/context.ts';
import { loadBlurbs } from '../works/listing-queries.ts';
import {
  ACQUISITION_TYPE,
  NAVIGATION_TYPE,
  OPENSEARCH_TYPE,
  navigationEntry,
  renderCatalog,
  renderOpenSearch,
  workEntry,
  type CatalogPage,
} from './catalog.ts';
import { findLatestUpdate, listFandomPage, listPopularTags } from './queries.ts';
import { listingAudience } from '../visibility/index.ts';
import { readDb } from '../web/read-db.ts';

type C = Context<AppEnv>;

export const opdsRoutes = new Hono<AppEnv>();

const FANDOMS_PER_PAGE = 50;
const POPULAR_TAGS = 50;
const REALM = 'Basic realm="Quire OPDS", charset="UTF-8"';

function challenge(c: C, message: string): Response {
  return c.text(message, 401, { 'www-authenticate': REALM });
}

/** Basic auth with an app password, or a guest; a browser's session cookie does not count here. */
const appPasswordViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const credentials = readAuthorization(c.req.header('authorization'));
  if (credentials?.kind === 'basic') {
    const found = await authenticateBasic(c.get('deps').db, credentials.username, credentials.password);
    if (!found) return challenge(c, 'Wrong username or app password. Make an app password in your preferences.');
    c.set('viewer', found.viewer);
  } else {
    c.set('viewer', null);
  }
  await next();
  // A logged-in app's pages hold restricted works: they must not land in a shared cache.
  c.header('vary', 'Authorization');
  c.header('cache-control', c.get('viewer') ? 'private, max-age=300' : 'public, max-age=300');
};

// `/opds/*` matches /opds itself too.
opdsRoutes.use('/opds/*', appPasswordViewer, etag());

function pageOf(c: C): number {
  const raw = c.req.query('page');
  return raw && /^[0-9]{1,6}$/.test(raw) ? Math.min(Math.max(Number(raw), 1), MAX_PAGE) : 1;
}

function send(c: C, page: Omit<CatalogPage, 'baseUrl' | 'archiveName'>): Response {
  const { config } = c.get('deps');
  const body = renderCatalog({
    ...page,
    entries: entriesWithRemoteImages(page.entries, config),
    baseUrl: config.baseUrl,
    archiveName: config.archiveName,
  });
  return c.body(body, 200, { 'content-type': page.kind === 'navigation' ? NAVIGATION_TYPE : ACQUISITION_TYPE });
}

async function catalogUpdated(c: C): Promise<string> {
  return atomTime((await findLatestUpdate(readDb(c), listingAudience(c.get('viewer')))) ?? '1970-01-01');
}

/** An acquisition feed of one listing page: `filters` and `scope` as any listing takes them. */
async function sendWorks(
  c: C,
  feed: { path: string; title: string; sort: SortKey; q?: string; scope?: Partial<ListingScope> },
): Promise<Response> {
  const { config } = c.get('deps');
  const db = readDb(c);
  const page = pageOf(c);
  const viewer = c.get('viewer');
  // An e-reader signed in with an app password leaves out the people its reader muted.
  const mutes = viewer ? await loadMutes(db, viewer.id) : null;
  const scope: ListingScope = { ...listingAudience(viewer), ...feed.scope, blocklist: mutes };
  const found =
    feed.q === ''
      ? { workIds: [], total: 0 }
      : await findWorks(db, emptyFilters({ sort: feed.sort, q: feed.q ?? '', page }), scope, { facets: false });
  const works = await loadBlurbs(db, found.workIds);
  const entries = works.map((work) => workEntry(work, config.baseUrl, c.get('site')));
  return send(c, {
    path: feed.path,
    title: feed.title,
    kind: 'acquisition',
    updated: entries.length
      ? latestTime(
          entries.map((e) => e.updated),
          '1970-01-01',
        )
      : await catalogUpdated(c),
    entries,
    paging: { page, perPage: PAGE_SIZE, total: found.total },
  });
}

opdsRoutes.get('/opds', async (c) => {
  const { config } = c.get('deps');
  const updated = await catalogUpdated(c);
  const viewer = c.get('viewer');
  const entry = (path: string, title: string, description: string, kind: 'navigation' | 'acquisition', rel?: string) =>
    navigationEntry(config.baseUrl, { path, title, description, updated, kind, rel });
  return send(c, {
    path: '/opds',
    title: config.archiveName,
    kind: 'navigation',
    updated,
    entries: [
      entry('/opds/fandoms', 'By fandom', 'Browse works fandom by fandom.', 'navigation'),
      entry(
        '/opds/popular',
        'Popular tags',
        'The relationships, characters and tags with the most works.',
        'navigation',
        'http://opds-spec.org/sort/popular',
      ),
      entry(
        '/opds/new',
        'New works',
        'The most recently posted works.',
        'acquisition',
        'http://opds-spec.org/sort/new',
      ),
      entry('/opds/updated', 'Recently updated', 'Works with new chapters, most recent first.', 'acquisition'),
      viewer
        ? entry('/opds/login', `Logged in as ${viewer.username}`, 'Restricted works are included.', 'navigation')
        : entry(
            '/opds/login',
            'Log in',
            'Log in with your username and an app password to include restricted works.',
            'navigation',
          ),
    ],
  });
});

/** Apps that ask for credentials only when challenged follow this link to be asked. */
opdsRoutes.get('/opds/login', (c) =>
  c.get('viewer') ? c.redirect('/opds', 303) : challenge(c, 'Log in with your username and an app password.'),
);

opdsRoutes.get('/opds/fandoms', async (c) => {
  const { config } = c.get('deps');
  const db = readDb(c);
  const page = pageOf(c);
  const updated = await catalogUpdated(c);
  const { fandoms, total } = await listFandomPage(db, listingAudience(c.get('viewer')), page, FANDOMS_PER_PAGE);
  return send(c, {
    path: '/opds/fandoms',
    title: 'Fandoms',
    kind: 'navigation',
    updated,
    entries: fandoms.map((f) =>
      navigationEntry(config.baseUrl, {
        path: `/opds/tags/${tagSlug(f.name)}`,
        title: f.name,
        description: `${f.works.toLocaleString('en')} ${f.works === 1 ? 'work' : 'works'}`,
        updated,
        kind: 'acquisition',
        count: f.works,
      }),
    ),
    paging: { page, perPage: FANDOMS_PER_PAGE, total },
  });
});

opdsRoutes.get('/opds/popular', async (c) => {
  const { config } = c.get('deps');
  const db = readDb(c);
  const updated = await catalogUpdated(c);
  const tags = await listPopularTags(db, listingAudience(c.get('viewer')), POPULAR_TAGS);
  return send(c, {
    path: '/opds/popular',
    title: 'Popular tags',
    kind: 'navigation',
    updated,
    entries: tags.map((t) =>
      navigationEntry(config.baseUrl, {
        path: `/opds/tags/${tagSlug(t.name)}`,
        title: t.name,
        description: `${t.works.toLocaleString('en')} ${t.works === 1 ? 'work' : 'works'}`,
        updated,
        kind: 'acquisition',
        count: t.works,
      }),
    ),
  });
});

opdsRoutes.get('/opds/new', (c) => sendWorks(c, { path: '/opds/new', title: 'New works', sort: 'posted' }));
opdsRoutes.get('/opds/updated', (c) =>
  sendWorks(c, { path: '/opds/updated', title: 'Recently updated', sort: 'updated' }),
);

opdsRoutes.get('/opds/tags/:slug', async (c) => {
  const slug = c.req.param('slug');
  const name = tagNameFromSlug(slug);
  const { found } = await resolveTagNames(readDb(c), [name]);
  const tag = found.get(name);
  if (!tag) return c.text('There is no tag with that name here.', 404);
  return sendWorks(c, {
    path: `/opds/tags/${tagSlug(name)}`,
    title: `Works in ${tag.displayName}`,
    sort: 'updated',
    scope: scopeForTag(tag),
  });
});

opdsRoutes.get('/opds/search.xml', (c) => {
  const { config } = c.get('deps');
  return c.body(renderOpenSearch(config.baseUrl, config.archiveName), 200, { 'content-type': OPENSEARCH_TYPE });
});

opdsRoutes.get('/opds/search', (c) => {
  const q = (c.req.query('q') ?? '').trim().slice(0, 500);
  return sendWorks(c, {
    path: q ? `/opds/search?q=${encodeURIComponent(q)}` : '/opds/search',
    title: q ? `Search: ${q}` : 'Search',
    sort: 'relevance',
    q,
  });
});
