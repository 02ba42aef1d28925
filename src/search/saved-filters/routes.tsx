/**
 * Saved filters: a logged-in reader names and saves a listing's filters
 * (the form in the sidebar), reapplies them from the sidebar's menu or this
 * page, and may mark one as the default every listing opens with.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireViewer } from '../../accounts/require-login.ts';
import type { AppEnv } from '../../web/context.ts';
import { redirectWithFlash, setFlash } from '../../web/flash.ts';
import { renderPage } from '../../web/layout.tsx';
import { filtersToParams, parseFilters } from '../form.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter, setDefaultFilter } from './queries.ts';
import { SubscribeButton } from '../../web/subscribe-button.tsx';

export const savedFilterRoutes = new Hono<AppEnv>();

export const SAVED_FILTERS_PATH = '/saved-filters';

/** A local path to go back to, never another site. */
export function localReturn(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}

const SaveSchema = z.object({
  name: z.string().trim().min(1, 'Give the filters a name.').max(100, 'A name of at most 100 characters, please.'),
  query: z.string().max(4000).default(''),
  make_default: z.string().optional(),
});

savedFilterRoutes.post(SAVED_FILTERS_PATH, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const returnTo = localReturn(form.return_to, '/works');
  const parsed = SaveSchema.safeParse(form);
  if (!parsed.success) {
    setFlash(c, parsed.error.issues[0].message, 'error');
    return c.redirect(returnTo, 303);
  }
  // Stored canonical, so a saved filter is the same link the listing would show.
  const { filters } = parseFilters(new URLSearchParams(parsed.data.query));
  const query = filtersToParams(filters, { page: 1 }).toString();
  const isDefault = parsed.data.make_default === '1';
  await saveFilter(c.get('deps').db, viewer.id, { name: parsed.data.name, query, isDefault });
  const note = isDefault ? ' They are now applied to every listing you open without filters.' : '';
  return redirectWithFlash(c, returnTo, `Saved your filters as “${parsed.data.name}”.${note}`);
});

savedFilterRoutes.get(SAVED_FILTERS_PATH, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const saved = await listSavedFilters(c.get('deps').db, viewer.id);
  return renderPage(
    c,
    { title: 'Saved filters' },
    <section class="saved-filters">
      <h1>Saved filters</h1>
      {saved.length ? (
        <ul>
          {saved.map((s) => (
            <li>
              <a href={s.query ? `/works?${s.query}` : '/works'}>{s.name}</a>
              <span class="hint">{s.query ? decodeURIComponent(s.query.replace(/\+/g, ' ')) : 'no filters'}</span>
              {s.isDefault ? <strong>Default</strong> : null}
              <SubscribeButton viewer={viewer} kind="filter" targetId={s.id} returnTo={SAVED_FILTERS_PATH} />
              <form method="post" action={`${SAVED_FILTERS_PATH}/${s.id}/default`} class="inline">
                <input type="hidden" name="is_default" value={s.isDefault ? '0' : '1'} />
                <button type="submit">{s.isDefault ? 'Stop using as default' : 'Use as default'}</button>
              </form>
              <form method="post" action={`${SAVED_FILTERS_PATH}/${s.id}/delete`} class="inline">
                <button type="submit">
                  Delete<span class="visually-hidden"> {s.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          You have no saved filters yet. Filter a <a href="/works">listing</a> and use “Save these filters” in its
          sidebar.
        </p>
      )}
    </section>,
  );
});

savedFilterRoutes.post(`${SAVED_FILTERS_PATH}/:id{[0-9]+}/delete`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const deleted = await deleteSavedFilter(c.get('deps').db, viewer.id, Number(c.req.param('id')));
  if (!deleted) return c.notFound();
  return redirectWithFlash(c, SAVED_FILTERS_PATH, 'Deleted the saved filters.');
});

savedFilterRoutes.post(`${SAVED_FILTERS_PATH}/:id{[0-9]+}/default`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const isDefault = form.is_default === '1';
  const changed = await setDefaultFilter(c.get('deps').db, viewer.id, Number(c.req.param('id')), isDefault);
  if (!changed) return c.notFound();
  return redirectWithFlash(
    c,
    SAVED_FILTERS_PATH,
    isDefault ? 'Those filters now apply to every listing you open without filters.' : 'No default filters now.',
  );
});
