/**
 * A tag's page (`GET /tags/:name`) and the wrangling forms on it (`POST
 * /tags/:name/wrangle`, wranglers and admins only). It lives with wrangling
 * although its address starts with /tags (see Mounts in ARCHITECTURE.md):
 * the page is where wranglers wrangle a tag, showing their forms and log.
 * The autocomplete is in tags/autocomplete-routes.tsx, a tag's works in
 * search/tag-works-routes.tsx.
 */
import { Hono } from 'hono';
import { FeedLink, tagFeedPath } from '../feeds/routes.tsx';
import { hasPendingJob } from '../jobs/queries.ts';
import type { AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { WranglingError } from './command.ts';
import { parseWranglingForm, runWranglingForm } from './form-actions.ts';
import { canWrangle } from './policy.ts';
import { requireWrangler } from './require-wrangler.ts';
import { listWranglingActions } from './queries.ts';
import { TagWranglingForms, WranglingLog } from './tag-forms.tsx';
import { TAG_AUTOCOMPLETE_SCRIPT } from '../tags/autocomplete-asset.tsx';
import { filterJobSubject } from '../indexing/filter-tags.ts';
import { tagNameFromSlug, tagPath } from '../tags/names.ts';
import { SubscribeButton } from '../web/subscribe-button.tsx';
import { findTagById, findTagByName } from '../tags/queries.ts';
import { loadTagPlace } from '../tags/tag-place.ts';
import { TagPage, type TagPageData } from '../tags/tag-page.tsx';
import { listingAudience } from '../visibility/index.ts';
import { readDb } from '../web/read-db.ts';

export const tagPageRoutes = new Hono<AppEnv>();

tagPageRoutes.get('/tags/:slug', async (c) => {
  const db = readDb(c);
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
    <>
      <SubscribeButton viewer={viewer} kind="tag" targetId={canonical?.id ?? tag.id} returnTo={tagPath(tag.name)} />
      <TagPage data={data} wrangling={wrangling} />
    </>,
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
