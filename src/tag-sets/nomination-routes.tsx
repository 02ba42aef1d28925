/**
 * Nominations: GET/POST /tag_sets/:id/nominations/mine (a member's own, while
 * open), GET /tag_sets/:id/nominations (the maintainers' review list) and
 * POST /tag_sets/:id/nominations/review (approve or reject the ticked ones).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { tryAgainText } from '../web/rate-limit.ts';
import { listNominationsIn, listOwnNominations } from './nomination-queries.ts';
import { limitsOf, reviewNominations, saveNominations, type NominationSlot } from './nominate.ts';
import { NominationFormPage, ReviewPage, slotsFrom } from './nomination-views.tsx';
import { gateTagSet, idsOf, textOf } from './route-helpers.ts';
import type { LoadedTagSet } from './tag-set.ts';

export const nominationRoutes = new Hono<AppEnv>();

const NOMINATE_RULE = { limit: 30, windowMs: 60 * 60_000 };
/** Slots read from a form beyond the limit, so that "too many" is answered, not silently cut. */
const SLOT_READ_MAX = 100;

async function renderForm(
  c: AppContext,
  found: LoadedTagSet & { viewer: { id: number } },
  slots?: NominationSlot[],
  errors: FieldErrors = {},
  status = 200,
): Promise<Response> {
  const own = await listOwnNominations(c.get('deps').db, found.set.id, found.viewer.id);
  const limits = limitsOf(found.set);
  return renderPage(
    c,
    { title: `Nominate: ${found.set.title}`, status },
    <NominationFormPage
      set={found.set}
      limits={limits}
      slots={slots ?? slotsFrom(own, limits.fandoms)}
      own={own}
      errors={errors}
    />,
  );
}

nominationRoutes.get('/tag_sets/:id{[0-9]+}/nominations/mine', async (c) => {
  const found = await gateTagSet(c, 'nominate');
  if (found instanceof Response) return found;
  return renderForm(c, found);
});

nominationRoutes.post('/tag_sets/:id{[0-9]+}/nominations/mine', async (c) => {
  const found = await gateTagSet(c, 'nominate');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody();
  const slots: NominationSlot[] = [];
  for (let i = 0; i < SLOT_READ_MAX; i++) {
    if (!(`fandom_${i}` in body) && !(`characters_${i}` in body) && !(`relationships_${i}` in body)) break;
    slots.push({
      fandom: textOf(body, `fandom_${i}`),
      characters: textOf(body, `characters_${i}`),
      relationships: textOf(body, `relationships_${i}`),
    });
  }
  const wait = await c.get('deps').rateLimiter.hit(`tag-set-nominate:user:${found.viewer.id}`, NOMINATE_RULE);
  if (wait)
    return renderMessage(c, 429, 'Too many nominations', `You have saved nominations often. ${tryAgainText(wait)}`);
  const saved = await saveNominations(c.get('deps').db, found.set, found.viewer.id, slots);
  if ('errors' in saved) return renderForm(c, found, slots, saved.errors, 422);
  const approvedNote = saved.approved ? ` ${saved.approved} already in the set, so approved.` : '';
  return redirectWithFlash(
    c,
    `/tag_sets/${found.set.id}/nominations/mine`,
    `Your nominations are saved (${saved.count}).${approvedNote}`,
  );
});

nominationRoutes.get('/tag_sets/:id{[0-9]+}/nominations', async (c) => {
  const found = await gateTagSet(c, 'review');
  if (found instanceof Response) return found;
  const { db } = c.get('deps');
  const [pending, approved, rejected] = await Promise.all([
    listNominationsIn(db, found.set.id, 'pending'),
    listNominationsIn(db, found.set.id, 'approved'),
    listNominationsIn(db, found.set.id, 'rejected'),
  ]);
  return renderPage(
    c,
    { title: `Nominations: ${found.set.title}` },
    <ReviewPage set={found.set} pending={pending} reviewedCount={approved.length + rejected.length} />,
  );
});

nominationRoutes.post('/tag_sets/:id{[0-9]+}/nominations/review', async (c) => {
  const found = await gateTagSet(c, 'review');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody({ all: true });
  const decision = textOf(body, 'decision');
  if (decision !== 'approve' && decision !== 'reject') {
    return renderMessage(c, 422, 'Choose approve or reject', 'Press Approve ticked or Reject ticked.');
  }
  const ids = idsOf(body, 'nomination');
  const done = await reviewNominations(c.get('deps').db, found.set.id, ids, decision);
  const verb = decision === 'approve' ? 'approved; their tags are in the set' : 'rejected';
  return redirectWithFlash(
    c,
    `/tag_sets/${found.set.id}/nominations`,
    done ? `${done} ${done === 1 ? 'nomination' : 'nominations'} ${verb}.` : 'Tick the nominations to review first.',
  );
});
