/**
 * The adult content notice on a work's comment pages: the same gate the
 * work's own pages pass (src/web/adult-ok.ts, visibility's
 * `skipsAdultNotice`), so comments on a Mature, Explicit or Not Rated work
 * are not a way round it. "Yes, continue" posts to the work's own
 * `/works/:id/adult-ok`, which sets the session cookie and comes back here.
 */
import { skipsAdultNotice } from '../visibility/index.ts';
import { confirmedAdultThisSession, isAdultRating, rememberAdultOk } from '../web/adult-ok.ts';
import type { AppContext } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import type { LoadedWork } from './comment-context.ts';

/** The notice to show instead of this page, or null when the reader may go on. */
export function adultNoticeFor(c: AppContext, work: LoadedWork): Response | null {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null;
  if (!isAdultRating(work.rating)) return null;
  if (skipsAdultNotice(c.get('viewer'), work, confirmedAdultThisSession(c))) return null;
  // AO3's `?view_adult=true` links keep working here too.
  if (c.req.query('view_adult') === 'true') {
    rememberAdultOk(c);
    return null;
  }
  const url = new URL(c.req.url);
  return renderNotice(c, work, url.pathname + url.search);
}

function renderNotice(c: AppContext, work: LoadedWork, returnTo: string): Response {
  const viewer = c.get('viewer');
  return renderPage(
    c,
    { title: `${work.title}: adult content`, reading: true },
    <section class="notice adult-notice" aria-labelledby="adult-heading">
      <h1 id="adult-heading">Adult content</h1>
      <p>
        The comments on this work could have adult content. If you continue, you agree that you are willing to see such
        content.
      </p>
      <dl class="meta compact">
        <dt>Work:</dt>
        <dd>{work.title}</dd>
        <dt>Rating:</dt>
        <dd>{work.rating}</dd>
      </dl>
      <form method="post" action={`/works/${work.id}/adult-ok`} class="actions">
        <input type="hidden" name="return_to" value={returnTo} />
        <button type="submit">Yes, continue</button>
        <a class="button secondary" href="/works">
          No, go back
        </a>
      </form>
      <p class="hint">
        {viewer ? (
          <>
            You can turn this notice off in your <a href="/preferences">preferences</a>.
          </>
        ) : (
          'Logged-in readers can turn this notice off in their preferences.'
        )}
      </p>
    </section>,
  );
}
