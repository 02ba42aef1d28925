/**
 * GET/POST /preferences: how the archive reads for a logged-in person
 * (adult notice, archive warnings, additional tags), what they hear of
 * comments and kudos (mail about comments and kudos, copies of their own
 * comments, and whether guests may reply to their comments), and "log out
 * everywhere else", which ends every other session of theirs on the server.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import { findFeedbackPreferences, updatePreferences } from './queries.ts';
import { requireViewer } from './require-login.ts';
import { preferencesSchema } from './schema.ts';
import { countOtherSessions, endOtherSessions } from './session-queries.ts';

export const preferenceRoutes = new Hono<AppEnv>();

const CHOICES = [
  {
    name: 'skip_adult_notice',
    label: 'Skip the adult content notice',
    hint: 'Show Mature, Explicit and Not Rated works without asking first.',
    isOn: (viewer: Viewer) => viewer.skipAdultNotice,
  },
  {
    name: 'hide_warnings',
    label: 'Hide archive warnings',
    hint: 'Warnings stay one click away, so nothing is spoiled unless you ask.',
    isOn: (viewer: Viewer) => viewer.hideWarnings,
  },
  {
    name: 'hide_freeform',
    label: 'Hide additional tags',
    hint: 'Additional tags stay one click away.',
    isOn: (viewer: Viewer) => viewer.hideFreeform,
  },
] as const;

type FeedbackPreferences = Awaited<ReturnType<typeof findFeedbackPreferences>>;

// AO3's wording, so people who come from there find the same switches.
const FEEDBACK_CHOICES: ReadonlyArray<{ name: keyof FeedbackPreferences; label: string; hint: string }> = [
  {
    name: 'comment_emails_off',
    label: 'Turn off emails about comments',
    hint: 'Comments on your works and replies to your comments still reach your inbox.',
  },
  { name: 'kudos_emails_off', label: 'Turn off emails about kudos', hint: 'No daily mail about kudos on your works.' },
  {
    name: 'comment_copies_off',
    label: 'Turn off copies of your own comments',
    hint: 'No mail with a copy of each comment you leave.',
  },
  {
    name: 'guest_replies_off',
    label: 'Do not allow guests to reply to my comments',
    hint: 'Only people logged in may answer your comments.',
  },
];

async function renderPreferences(c: AppContext, viewer: Viewer): Promise<Response> {
  const { db } = c.get('deps');
  const [others, feedback] = await Promise.all([
    countOtherSessions(db, viewer.id, viewer.sessionId),
    findFeedbackPreferences(db, viewer.id),
  ]);
  return renderPage(
    c,
    { title: 'Preferences' },
    <section class="preferences">
      <h1>Preferences</h1>
      <form method="post" action="/preferences">
        <fieldset class="field choices">
          <legend>Reading</legend>
          {CHOICES.map((choice) => (
            <div class="choice-with-hint">
              <label class="choice" for={choice.name}>
                <input
                  id={choice.name}
                  type="checkbox"
                  name={choice.name}
                  value="1"
                  checked={choice.isOn(viewer)}
                  aria-describedby={`${choice.name}-hint`}
                />{' '}
                {choice.label}
              </label>
              <p class="hint" id={`${choice.name}-hint`}>
                {choice.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <fieldset class="field choices">
          <legend>Comments and kudos</legend>
          {FEEDBACK_CHOICES.map((choice) => (
            <div class="choice-with-hint">
              <label class="choice" for={choice.name}>
                <input
                  id={choice.name}
                  type="checkbox"
                  name={choice.name}
                  value="1"
                  checked={feedback[choice.name] === 1}
                  aria-describedby={`${choice.name}-hint`}
                />{' '}
                {choice.label}
              </label>
              <p class="hint" id={`${choice.name}-hint`}>
                {choice.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <button type="submit">Save preferences</button>
      </form>

      <h2>Sessions</h2>
      <p>
        {others === 0
          ? 'You are not logged in anywhere else.'
          : `You are also logged in on ${others} other ${others === 1 ? 'browser or device' : 'browsers or devices'}.`}
      </p>
      <form method="post" action="/preferences/log-out-others">
        <button type="submit">Log out everywhere else</button>
      </form>

      <h2>Blocked and muted users</h2>
      <ul class="profile-links">
        <li>
          <a href={`/users/${encodeURIComponent(viewer.username)}/blocked`}>Blocked users</a>
        </li>
        <li>
          <a href={`/users/${encodeURIComponent(viewer.username)}/muted`}>Muted users</a>
        </li>
      </ul>

      <h2>API tokens and app passwords</h2>
      <p>
        Let programs and e-reader apps read as you, and post if you allow it:{' '}
        <a href="/preferences/tokens">API tokens and app passwords</a>.
      </p>
      <p>
        Sync your reading position with KOReader: <a href="/preferences/koreader">Reading progress on KOReader</a>.
      </p>
      <h2>Security</h2>
      <p>
        Ask for a code from your phone after your password: <a href="/preferences/two-factor">Two-factor sign-in</a>.
      </p>
    </section>,
  );
}

preferenceRoutes.get('/preferences', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  return renderPreferences(c, viewer);
});

preferenceRoutes.post('/preferences', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  // Unticked boxes are simply absent from the form, so parsing cannot fail.
  const form = preferencesSchema.parse(await c.req.parseBody());
  await updatePreferences(c.get('deps').db, viewer.id, {
    skipAdultNotice: form.skip_adult_notice,
    hideWarnings: form.hide_warnings,
    hideFreeform: form.hide_freeform,
    commentEmailsOff: form.comment_emails_off,
    kudosEmailsOff: form.kudos_emails_off,
    commentCopiesOff: form.comment_copies_off,
    guestRepliesOff: form.guest_replies_off,
  });
  return redirectWithFlash(c, '/preferences', 'Your preferences are saved.');
});

preferenceRoutes.post('/preferences/log-out-others', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const ended = await endOtherSessions(c.get('deps').db, viewer.id, viewer.sessionId);
  const message =
    ended === 0
      ? 'You were not logged in anywhere else.'
      : `Logged out of ${ended} other ${ended === 1 ? 'session' : 'sessions'}.`;
  return redirectWithFlash(c, '/preferences', message);
});
