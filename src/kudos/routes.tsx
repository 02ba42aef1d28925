/**
 * Kudos on the site: the button's target (`POST /works/:id/kudos`, 303 back
 * to the page it was pressed on with a flash, or JSON for kudos.js), every
 * giver of a work (`GET /works/:id/kudos`), and the script itself
 * (`GET /assets/kudos.js`). Mounted before the works routes.
 */
import fs from 'node:fs';
import { Hono } from 'hono';
import { clientAddress, type AppContext, type AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { findWorkAccess, whyCannotReadWork } from '../visibility/index.ts';
import { KUDOS_SCRIPT_PATH, KudosLine, loadKudosLine } from './kudos-section.tsx';
import { leaveKudos, waitPhrase, type KudosOutcome } from './leave-kudos.ts';
import { ALREADY_LEFT_MESSAGE, REFUSAL_MESSAGES, THANKS_MESSAGE } from './policy.ts';
import { countKudos, listKudosUsernames, listWorkTitles } from './queries.ts';

export const kudosRoutes = new Hono<AppEnv>();

const kudosScript = fs.readFileSync(new URL('./assets/kudos.js', import.meta.url), 'utf8');

/** Names per page of `/works/:id/kudos`. */
const NAMES_PER_PAGE = 500;

function idParam(raw: string | undefined): number | null {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

/** Back to a page of this work only: anything else (another site, another work) goes to the work. */
function returnPath(candidate: unknown, workId: number): string {
  const fallback = `/works/${workId}`;
  if (typeof candidate !== 'string' || candidate.includes('\\')) return fallback;
  return candidate === fallback || candidate.startsWith(`${fallback}/`) || candidate.startsWith(`${fallback}?`)
    ? candidate
    : fallback;
}

/** What the reader is told, and whether it is bad news. */
export function outcomeMessage(outcome: KudosOutcome): { message: string; isError: boolean; status: number } {
  switch (outcome.kind) {
    case 'left':
      return { message: THANKS_MESSAGE, isError: false, status: 200 };
    case 'already':
      return { message: ALREADY_LEFT_MESSAGE, isError: false, status: 200 };
    case 'rate_limited':
      return {
        message: `You have left a lot of kudos in a short time. Please try again in ${waitPhrase(outcome.waitSeconds)}.`,
        isError: true,
        status: 429,
      };
    case 'refused': {
      const status = outcome.reason === 'not_found' ? 404 : outcome.reason === 'log_in' ? 401 : 403;
      return { message: REFUSAL_MESSAGES[outcome.reason], isError: true, status };
    }
  }
}

const wantsJson = (c: AppContext) => (c.req.header('accept') ?? '').includes('application/json');

kudosRoutes.post('/works/:id{[0-9]+}/kudos', async (c) => {
  const workId = idParam(c.req.param('id'));
  if (!workId) return renderMessage(c, 404, 'Not found', REFUSAL_MESSAGES.not_found);
  const { db, rateLimiter } = c.get('deps');
  const form = await c.req.parseBody();
  const outcome = await leaveKudos(db, rateLimiter, {
    viewer: c.get('viewer'),
    workId,
    chapterId: idParam(typeof form.chapter_id === 'string' ? form.chapter_id : undefined),
    address: clientAddress(c),
  });
  const { message, isError, status } = outcomeMessage(outcome);
  if (wantsJson(c)) {
    const line = status === 404 ? null : await (<KudosLine line={await loadKudosLine(db, workId)} />).toString();
    return c.json({ message, isError, line }, status as 200);
  }
  // A work that is not there (or a draft) has no page to go back to.
  if (status === 404) return renderMessage(c, 404, 'Not found', message);
  if (outcome.kind === 'rate_limited') c.header('retry-after', String(outcome.waitSeconds));
  setFlash(c, message, isError ? 'error' : 'notice');
  return c.redirect(returnPath(form.return_to, workId), 303);
});

kudosRoutes.get('/works/:id{[0-9]+}/kudos', async (c) => {
  const workId = idParam(c.req.param('id'));
  const { db } = c.get('deps');
  const access = workId ? await findWorkAccess(db, workId) : undefined;
  const refusal = access ? whyCannotReadWork(c.get('viewer'), access) : 'not_found';
  if (!access || refusal === 'not_found' || refusal === 'hidden')
    return renderMessage(c, 404, 'Not found', REFUSAL_MESSAGES.not_found);
  if (refusal === 'log_in') return renderMessage(c, 401, 'Log in to see this', REFUSAL_MESSAGES.log_in);
  const rawPage = Number(c.req.query('page') ?? '1');
  const page = Number.isInteger(rawPage) && rawPage > 0 && rawPage < 100_000 ? rawPage : 1;
  const [counts, names, titles] = await Promise.all([
    countKudos(db, access.id),
    listKudosUsernames(db, access.id, { limit: NAMES_PER_PAGE, offset: (page - 1) * NAMES_PER_PAGE }),
    listWorkTitles(db, [access.id]),
  ]);
  const title = titles.get(access.id) ?? '';
  const pages = Math.max(1, Math.ceil(counts.users / NAMES_PER_PAGE));
  return renderPage(
    c,
    { title: `Kudos on ${title}` },
    <section class="kudos-givers">
      <h1>
        Kudos on <a href={`/works/${access.id}`}>{title}</a>
      </h1>
      <p>
        {counts.users.toLocaleString('en-US')} {counts.users === 1 ? 'user' : 'users'} and{' '}
        {counts.guests.toLocaleString('en-US')} {counts.guests === 1 ? 'guest' : 'guests'} left kudos on this work.
      </p>
      {names.length ? (
        <ul class="kudos-names">
          {names.map((name) => (
            <li>
              <a href={`/users/${encodeURIComponent(name)}`}>{name}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pages">
          <ul class="pagination">
            {page > 1 ? (
              <li>
                <a rel="prev" href={`/works/${access.id}/kudos?page=${page - 1}`}>
                  ← Previous
                </a>
              </li>
            ) : null}
            <li aria-current="page">
              Page {page} of {pages}
            </li>
            {page < pages ? (
              <li>
                <a rel="next" href={`/works/${access.id}/kudos?page=${page + 1}`}>
                  Next →
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </section>,
  );
});

kudosRoutes.get(KUDOS_SCRIPT_PATH, (c) =>
  c.body(kudosScript, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  }),
);
