/**
 * The wrangling dashboard (wranglers and admins only): `/wrangling` (your
 * fandoms' bin counts), `/wrangling/bins?kind=&fandom=` (a bin, oldest
 * tags first), `/wrangling/search`, the mass action on a selection
 * (`POST /wrangling/mass`) and picking up or dropping a fandom
 * (`POST /wrangling/assignments`).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Tag } from '../tags/tags.table.ts';
import { TAG_AUTOCOMPLETE_SCRIPT } from '../tags/autocomplete-asset.tsx';
import { parseTagKind, TAG_KIND_PLURALS } from '../tags/kinds.ts';
import { findTagById, findTagByName } from '../tags/queries.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import {
  BIN_PAGE_SIZE,
  countFandomBins,
  countUnwrangled,
  findTagsByIds,
  listAssignedFandoms,
  listBin,
  type TagStatusFilter,
} from './bin-queries.ts';
import { BinTable, STATUS_LABELS } from './bin-table.tsx';
import { WranglingError } from './command.ts';
import { BinPager, Dashboard, TagSearchForm } from './dashboard.tsx';
import { massOutcomeMessage, parseWranglingForm, runMassWrangling } from './form-actions.ts';
import { assignFandom, unassignFandom } from './queries.ts';
import { requireWrangler } from './require-wrangler.ts';

export const wranglingRoutes = new Hono<AppEnv>();

function pageNumber(c: AppContext): number {
  const raw = c.req.query('page') ?? '1';
  return /^[0-9]{1,5}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
}

/** A canonical fandom by name; a synonym leads to its canonical. */
export async function findCanonicalFandom(db: Db, name: string): Promise<Tag | undefined> {
  let tag = await findTagByName(db, name);
  if (tag?.synonym_of_id) tag = await findTagById(db, tag.synonym_of_id);
  return tag?.kind === 'fandom' && tag.is_canonical ? tag : undefined;
}

wranglingRoutes.get('/wrangling', async (c) => {
  const viewer = requireWrangler(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const assigned = await listAssignedFandoms(db, viewer.id);
  const fandoms = [];
  for (const tag of assigned) fandoms.push({ tag, counts: await countFandomBins(db, tag.id) });
  const data = {
    fandoms,
    unwrangledFandoms: await countUnwrangled(db, 'fandom'),
    unsorted: await countUnwrangled(db, 'unsorted'),
    isAdmin: viewer.isAdmin,
  };
  return renderPage(c, { title: 'Wrangling', head: TAG_AUTOCOMPLETE_SCRIPT }, <Dashboard data={data} />);
});

wranglingRoutes.get('/wrangling/bins', async (c) => {
  const viewer = requireWrangler(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const kind = parseTagKind(c.req.query('kind'));
  if (!kind) return renderMessage(c, 400, 'Which bin?', 'Choose a bin from the wrangling dashboard.');
  const fandomName = c.req.query('fandom');
  const fandom = fandomName ? await findCanonicalFandom(db, fandomName) : undefined;
  if (fandomName && !fandom)
    return renderMessage(c, 404, 'Fandom not found', `There is no canonical fandom named "${fandomName}".`);
  const page = pageNumber(c);
  const { tags, total } = await listBin(db, { kind, fandomId: fandom?.id, page });
  const title =
    kind === 'unsorted' ? 'Unsorted tags' : `Unwrangled ${TAG_KIND_PLURALS[kind]}${fandom ? ` in ${fandom.name}` : ''}`;
  const params = new URLSearchParams({ kind, ...(fandom ? { fandom: fandom.name } : {}) });
  const basePath = `/wrangling/bins?${params}`;
  return renderPage(
    c,
    { title, head: TAG_AUTOCOMPLETE_SCRIPT },
    <section class="wrangling-bin">
      <h1>{title}</h1>
      <p>
        <a href="/wrangling">Wrangling dashboard</a> · {total} {total === 1 ? 'tag' : 'tags'}, oldest first
      </p>
      <BinTable
        caption={title}
        tags={tags}
        returnTo={page > 1 ? `${basePath}&page=${page}` : basePath}
        fandomName={fandom?.name}
        kind={kind}
      />
      <BinPager basePath={basePath} page={page} total={total} pageSize={BIN_PAGE_SIZE} />
    </section>,
  );
});

wranglingRoutes.get('/wrangling/search', async (c) => {
  const viewer = requireWrangler(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const q = (c.req.query('q') ?? '').slice(0, 150);
  const kind = parseTagKind(c.req.query('kind'));
  const statusParam = c.req.query('status') ?? 'any';
  const status: TagStatusFilter = statusParam in STATUS_LABELS ? (statusParam as TagStatusFilter) : 'any';
  const page = pageNumber(c);
  const { tags, total } = await listBin(db, { q, kind, status, page });
  const params = new URLSearchParams({ q, kind: kind ?? '', status });
  const basePath = `/wrangling/search?${params}`;
  return renderPage(
    c,
    { title: 'Search tags', head: TAG_AUTOCOMPLETE_SCRIPT },
    <section class="wrangling-search">
      <h1>Search tags</h1>
      <p>
        <a href="/wrangling">Wrangling dashboard</a>
      </p>
      <TagSearchForm q={q} kind={kind} status={status} />
      <h2>Results</h2>
      <BinTable
        caption={`${total} ${total === 1 ? 'tag' : 'tags'} found`}
        tags={tags}
        returnTo={basePath}
        kind={kind}
      />
      <BinPager basePath={basePath} page={page} total={total} pageSize={BIN_PAGE_SIZE} />
    </section>,
  );
});

/** Only back to a wrangling page of this archive. */
function safeReturn(value: unknown): string {
  return typeof value === 'string' && /^\/wrangling(\/|\?|$)/.test(value) ? value : '/wrangling';
}

wranglingRoutes.post('/wrangling/mass', async (c) => {
  const viewer = requireWrangler(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const body = await c.req.parseBody({ all: true });
  const returnTo = safeReturn(body.return_to);
  const rawIds = ([] as unknown[]).concat(body.tag_ids ?? []);
  const ids = rawIds.filter((v): v is string => typeof v === 'string' && /^[0-9]{1,12}$/.test(v)).map(Number);
  try {
    const single = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const form = parseWranglingForm(single);
    if (!ids.length) throw new WranglingError('Select at least one tag.');
    const outcome = await runMassWrangling(
      db,
      { userId: viewer.id, name: viewer.username },
      await findTagsByIds(db, ids),
      form,
    );
    setFlash(c, massOutcomeMessage(outcome), outcome.refused.length && !outcome.changed.length ? 'error' : 'notice');
  } catch (error) {
    if (!(error instanceof WranglingError)) throw error;
    setFlash(c, error.message, 'error');
  }
  return c.redirect(returnTo, 303);
});

const assignmentSchema = z.object({ action: z.enum(['assign', 'unassign']), fandom: z.string().max(200) });

wranglingRoutes.post('/wrangling/assignments', async (c) => {
  const viewer = requireWrangler(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const parsed = assignmentSchema.safeParse(await c.req.parseBody());
  if (!parsed.success) {
    setFlash(c, 'Type the name of a fandom.', 'error');
    return c.redirect('/wrangling', 303);
  }
  const fandom = await findCanonicalFandom(db, parsed.data.fandom);
  if (!fandom) {
    setFlash(c, `There is no canonical fandom named "${parsed.data.fandom}".`, 'error');
  } else if (parsed.data.action === 'assign') {
    await assignFandom(db, viewer.id, fandom.id);
    setFlash(c, `You now wrangle ${fandom.name}.`);
  } else {
    await unassignFandom(db, viewer.id, fandom.id);
    setFlash(c, `You no longer wrangle ${fandom.name}.`);
  }
  return c.redirect('/wrangling', 303);
});
