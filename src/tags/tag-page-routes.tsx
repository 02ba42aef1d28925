/**
 * Routes for a tag itself: its page (`GET /tags/:name`), the wrangling
 * forms on it (`POST /tags/:name/wrangle`, wranglers and admins only), and
 * the autocomplete the post form and wrangling forms use
 * (`GET /tags/autocomplete?kind=&q=`, JSON). A tag's works listing is in
 * routes.tsx.
 */
import { Hono } from 'hono';
import { FeedLink, tagFeedPath } from '../feeds/routes.tsx';
import { hasPendingJob } from '../jobs/queries.ts';
import type { AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { WranglingError } from '../wrangling/command.ts';
import { parseWranglingForm, runWranglingForm } from '../wrangling/form-actions.ts';
import { canWrangle } from '../wrangling/policy.ts';
import { requireWrangler } from '../wrangling/require-wrangler.ts';
import { listWranglingActions } from '../wrangling/queries.ts';
import { TagWranglingForms, WranglingLog } from '../wrangling/tag-forms.tsx';
import { TAG_AUTOCOMPLETE_PATH, TAG_AUTOCOMPLETE_SCRIPT, tagAutocompleteSource } from './autocomplete-asset.tsx';
import { filterJobSubject } from './filter-tags.ts';
import { parseTagKind } from './kinds.ts';
import { tagNameFromSlug, tagPath } from './names.ts';
import { suggestTags } from './page-queries.ts';
import { findTagById, findTagByName } from './queries.ts';
import { loadTagPlace } from './tag-place.ts';
import { TagPage, type TagPageData } from './tag-page.tsx';
import { listingAudience } from '../visibility/index.ts';

export const tagPageRoutes = new Hono<AppEnv>();

tagPageRoutes.get(TAG_AUTOCOMPLETE_PATH, (c) =>
  c.body(tagAutocompleteSource, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  }),
);

// Registered before /tags/:slug so "autocomplete" is never read as a tag name.
tagPageRoutes.get('/tags/autocomplete', async (c) => {
  const { db } = c.get('deps');
  const q = (c.req.query('q') ?? '').slice(0, 150);
  const kindParam = c.req.query('kind');
  const kind = parseTagKind(kindParam);
  if (kindParam && !kind) return c.json({ error: `Unknown kind "${kindParam}".` }, 400);
  const suggestions = await suggestTags(db, listingAudience(c.get('viewer')), kind, q);
  return c.json(suggestions, 200, { 'cache-control': 'private, max-age=60' });
});

tagPageRoutes.get('/tags/:slug', async (c) => {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const tag = await findTagByName(db, tagNameFromSlug(c.req.param('slug')));
  if (!tag) return renderMessage(c, 404, 'Tag not found', 'There is no tag with that name here.');
  const place = await loadTagPlace(db, tag, listingAudience(viewer));
  const { canonical, metaTags, parents } = place;
  const data: TagPageData = {
    tag,
    ...place,
    isFilterPending:
      (await hasPendingJob(db, filterJobSubject(tag.id))) ||
      (!!canonical && (await hasPendingJob(db, filterJobSubject(canonical.id)))),
  };
  const wrangling = canWrangle(viewer) ? (
    <>
      <TagWranglingForms tag={tag} metaTags={metaTags} parents={parents} />
      <WranglingLog entries={await listWranglingActions(db, tag.id)} />
    </>
  ) : undefined;
  return renderPage(
    c,
    {
      title: tag.name,
      head: (
        <>
          <FeedLink href={tagFeedPath(tag.name)} title={`New works in ${tag.name}`} />
          {wrangling ? TAG_AUTOCOMPLETE_SCRIPT : null}
        </>
      ),
    },
    <TagPage data={data} wrangling={wrangling} />,
  );
});

tagPageRoutes.post('/tags/:slug/wrangle', async (c) => {
  const viewer = requireWrangler(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const tag = await findTagByName(db, tagNameFromSlug(c.req.param('slug')));
  if (!tag) return renderMessage(c, 404, 'Tag not found', 'There is no tag with that name here.');
  try {
    const form = parseWranglingForm(await c.req.parseBody());
    const outcome = await runWranglingForm(db, { userId: viewer.id, name: viewer.username }, tag, form);
    setFlash(c, outcome.message);
  } catch (error) {
    if (!(error instanceof WranglingError)) throw error;
    setFlash(c, error.message, 'error');
  }
  // A rename changes the tag's address.
  const current = (await findTagById(db, tag.id)) ?? tag;
  return c.redirect(tagPath(current.name), 303);
});
