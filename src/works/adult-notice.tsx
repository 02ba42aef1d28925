/**
 * The pages a reader meets before a work's text: the adult content notice
 * (Mature, Explicit and Not Rated works), and "log in to read" for a
 * restricted work seen by a guest. Confirming the notice sets a cookie that
 * lasts for this browser session, so one "continue" covers every work.
 */
import type { AppContext } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import type { WorkForDisplay } from './display-queries.ts';
import { Spoiler, TagList } from './meta-block.tsx';

export { ADULT_OK_COOKIE, confirmedAdultThisSession, isAdultRating, rememberAdultOk } from '../web/adult-ok.ts';

/** Only paths on this archive, so the form cannot bounce a reader to another site. */
export function localPath(candidate: string | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\'))
    return fallback;
  return candidate;
}

export function renderAdultNotice(c: AppContext, work: WorkForDisplay, returnTo: string): Response {
  const viewer = c.get('viewer');
  return renderPage(
    c,
    { title: `${work.title}: adult content`, reading: true },
    <section class="notice adult-notice" aria-labelledby="adult-heading">
      <h1 id="adult-heading">Adult content</h1>
      <p>This work could have adult content. If you continue, you agree that you are willing to see such content.</p>
      <dl class="meta compact">
        <dt>Work:</dt>
        <dd>{work.title}</dd>
        <dt>Rating:</dt>
        <dd>
          <TagList tags={[work.rating]} />
        </dd>
        <dt>{work.tags.warning.length === 1 ? 'Archive Warning:' : 'Archive Warnings:'}</dt>
        <dd>
          <Spoiler hidden={!!viewer?.hideWarnings} label="Show warnings">
            <TagList tags={work.tags.warning} />
          </Spoiler>
        </dd>
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

export function renderLogInToRead(c: AppContext, returnTo: string): Response {
  return renderPage(
    c,
    { title: 'Log in to read' },
    <section class="notice" aria-labelledby="login-heading">
      <h1 id="login-heading">This work is only for logged-in readers</h1>
      <p>
        Its creator restricted it to people with an account here. Please{' '}
        <a href={`/login?return_to=${returnTo}`}>log in to read</a> it, or <a href="/signup">sign up</a>.
      </p>
    </section>,
  );
}
