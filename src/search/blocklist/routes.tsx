/**
 * The personal blocklist page: the tags, creators and works a reader hides
 * from every listing, and the two rules (more than N tags; in progress and
 * not updated for N months). Listings apply it and say how many works it hid.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireViewer } from '../../accounts/require-login.ts';
import { findTagByName } from '../../tags/queries.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { redirectWithFlash, setFlash } from '../../web/flash.ts';
import { renderPage } from '../../web/layout.tsx';
import { localReturn } from '../saved-filters/routes.tsx';
import {
  blockCreator,
  blockTag,
  blockWork,
  findPseudByName,
  findWorkTitle,
  listBlocklist,
  saveBlocklistRules,
  unblock,
} from './queries.ts';

export const blocklistRoutes = new Hono<AppEnv>();

export const BLOCKLIST_PATH = '/blocklist';

function back(c: AppContext, form: Record<string, unknown>, message: string, isError = false): Response {
  if (isError) {
    setFlash(c, message, 'error');
    return c.redirect(localReturn(form.return_to, BLOCKLIST_PATH), 303);
  }
  return redirectWithFlash(c, localReturn(form.return_to, BLOCKLIST_PATH), message);
}

const name = (form: Record<string, unknown>) => (typeof form.name === 'string' ? form.name.trim() : '');

blocklistRoutes.post(`${BLOCKLIST_PATH}/tags`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const tag = name(form) ? await findTagByName(c.get('deps').db, name(form)) : undefined;
  if (!tag) return back(c, form, `There is no tag named “${name(form)}”.`, true);
  await blockTag(c.get('deps').db, viewer.id, tag.id);
  return back(c, form, `Works tagged “${tag.name}” are now hidden from your listings.`);
});

blocklistRoutes.post(`${BLOCKLIST_PATH}/creators`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const pseud = name(form) ? await findPseudByName(c.get('deps').db, name(form)) : undefined;
  if (!pseud) return back(c, form, `There is no creator named “${name(form)}”.`, true);
  await blockCreator(c.get('deps').db, viewer.id, pseud.id);
  return back(c, form, `Works by ${pseud.name} are now hidden from your listings.`);
});

blocklistRoutes.post(`${BLOCKLIST_PATH}/works`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const text = typeof form.work === 'string' ? form.work : '';
  const id = Number(/(?:^|\/works\/)(\d{1,9})(?:\D|$)/.exec(text.trim())?.[1]);
  const work = id ? await findWorkTitle(c.get('deps').db, id) : undefined;
  if (!work) return back(c, form, 'Give a work’s number or its address (…/works/123).', true);
  await blockWork(c.get('deps').db, viewer.id, work.id);
  return back(c, form, `“${work.title}” is now hidden from your listings.`);
});

const optionalCount = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    if (!/^\d{1,4}$/.test(v) || Number(v) < 1) {
      ctx.addIssue({ code: 'custom', message: 'Use a whole number from 1, or leave it empty.' });
      return z.NEVER;
    }
    return Number(v);
  });

blocklistRoutes.post(`${BLOCKLIST_PATH}/rules`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  const parsed = z.object({ max_tags: optionalCount, stale_months: optionalCount }).safeParse({
    max_tags: form.max_tags ?? '',
    stale_months: form.stale_months ?? '',
  });
  if (!parsed.success) return back(c, form, parsed.error.issues[0].message, true);
  await saveBlocklistRules(c.get('deps').db, viewer.id, {
    maxTags: parsed.data.max_tags,
    staleMonths: parsed.data.stale_months,
  });
  return back(c, form, 'Saved your blocklist rules.');
});

blocklistRoutes.post(`${BLOCKLIST_PATH}/:kind{tag|creator|work}/:id{[0-9]+}/remove`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const form = await c.req.parseBody();
  await unblock(
    c.get('deps').db,
    viewer.id,
    c.req.param('kind') as 'tag' | 'creator' | 'work',
    Number(c.req.param('id')),
  );
  return back(c, form, 'Removed from your blocklist.');
});

function RemoveButton({ kind, id, label }: { kind: string; id: number; label: string }) {
  return (
    <form method="post" action={`${BLOCKLIST_PATH}/${kind}/${id}/remove`} class="inline">
      <button type="submit">
        Remove<span class="visually-hidden"> {label}</span>
      </button>
    </form>
  );
}

function AddForm({ action, field, label, hint }: { action: string; field: string; label: string; hint: string }) {
  const id = `block-${field}`;
  return (
    <form method="post" action={`${BLOCKLIST_PATH}/${action}`} class="block-add">
      <label for={id}>{label}</label>
      <input id={id} name={field} aria-describedby={`${id}-hint`} required />
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <button type="submit">Block</button>
    </form>
  );
}

blocklistRoutes.get(BLOCKLIST_PATH, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const list = await listBlocklist(c.get('deps').db, viewer.id);
  return renderPage(
    c,
    { title: 'Your blocklist' },
    <section class="blocklist">
      <h1>Your blocklist</h1>
      <p>Works matching anything here are left out of every listing and search you see, and out of their counts.</p>
      <h2>Tags</h2>
      <ul>
        {list.tags.map((t) => (
          <li>
            {t.name} <RemoveButton kind="tag" id={t.id} label={t.name} />
          </li>
        ))}
      </ul>
      <AddForm action="tags" field="name" label="Block a tag" hint="Its synonyms and sub tags are blocked with it." />
      <h2>Creators</h2>
      <ul>
        {list.creators.map((p) => (
          <li>
            {p.name === p.username ? p.name : `${p.name} (${p.username})`}{' '}
            <RemoveButton kind="creator" id={p.id} label={p.name} />
          </li>
        ))}
      </ul>
      <AddForm
        action="creators"
        field="name"
        label="Block a creator"
        hint="A pseud or account name; all their pseuds are hidden (anonymous works excepted)."
      />
      <h2>Works</h2>
      <ul>
        {list.works.map((w) => (
          <li>
            <a href={`/works/${w.id}`}>{w.title}</a> <RemoveButton kind="work" id={w.id} label={w.title} />
          </li>
        ))}
      </ul>
      <AddForm action="works" field="work" label="Block a work" hint="Its number or its address, e.g. /works/123." />
      <h2>Rules</h2>
      <form method="post" action={`${BLOCKLIST_PATH}/rules`}>
        <div class="field">
          <label for="block-max-tags">Hide works with more than this many tags</label>
          <input id="block-max-tags" name="max_tags" inputmode="numeric" value={list.maxTags ?? ''} />
        </div>
        <div class="field">
          <label for="block-stale-months">Hide works in progress not updated for this many months</label>
          <input id="block-stale-months" name="stale_months" inputmode="numeric" value={list.staleMonths ?? ''} />
        </div>
        <button type="submit">Save rules</button>
      </form>
    </section>,
  );
});
