/**
 * The tag autocomplete the post form and the wrangling forms use: its script
 * (`GET /assets/tag-autocomplete.js`) and its suggestions
 * (`GET /tags/autocomplete?kind=&q=`, JSON). Mount before the tag page, so
 * "autocomplete" is never read as a tag name.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { TAG_AUTOCOMPLETE_PATH, tagAutocompleteSource } from './autocomplete-asset.tsx';
import { parseTagKind } from './kinds.ts';
import { suggestTags } from './page-queries.ts';
import { listingAudience } from '../visibility/index.ts';

export const tagAutocompleteRoutes = new Hono<AppEnv>();

tagAutocompleteRoutes.get(TAG_AUTOCOMPLETE_PATH, (c) =>
  c.body(tagAutocompleteSource, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  }),
);

tagAutocompleteRoutes.get('/tags/autocomplete', async (c) => {
  const { db } = c.get('deps');
  const q = (c.req.query('q') ?? '').slice(0, 150);
  const kindParam = c.req.query('kind');
  const kind = parseTagKind(kindParam);
  if (kindParam && !kind) return c.json({ error: `Unknown kind "${kindParam}".` }, 400);
  const suggestions = await suggestTags(db, listingAudience(c.get('viewer')), kind, q);
  return c.json(suggestions, 200, { 'cache-control': 'private, max-age=60' });
});
