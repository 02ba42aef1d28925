/**
 * GET/POST /preferences/mail?user=…&token=…: the page a mail's one-click
 * link opens (mail-links.ts), which turns mail off without logging in. The
 * GET only shows what is on and a button for each kind of mail — mail
 * scanners and link previews fetch links, so a GET must change nothing;
 * the POST, with the same signed user and token, turns one kind off and
 * comes back here. A link for another account, or a forged one, is refused.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { isMailLinkToken } from './mail-links.ts';
import { findFeedbackPreferences, turnOffMail, type MailPreference } from './queries.ts';

export const mailPreferenceRoutes = new Hono<AppEnv>();

const KINDS: Record<string, { preference: MailPreference; button: string; done: string; isOff: string }> = {
  comments: {
    preference: 'comment_emails_off',
    button: 'Turn off emails about comments',
    done: 'Emails about comments are off.',
    isOff: 'You get no emails about comments.',
  },
  copies: {
    preference: 'comment_copies_off',
    button: 'Turn off copies of your own comments',
    done: 'Copies of your own comments are off.',
    isOff: 'You get no copies of your own comments.',
  },
  kudos: {
    preference: 'kudos_emails_off',
    button: 'Turn off emails about kudos',
    done: 'Emails about kudos are off.',
    isOff: 'You get no emails about kudos.',
  },
};

/** The signed user id, or null when the pair does not check out. */
async function signedUserId(c: AppContext, user: unknown, token: unknown): Promise<number | null> {
  const userId = Number(user);
  if (typeof token !== 'string' || !token || !Number.isInteger(userId) || userId < 1 || userId > 2_147_483_647) {
    return null;
  }
  return (await isMailLinkToken(c.get('deps').db, userId, token)) ? userId : null;
}

const refuse = (c: AppContext) =>
  renderMessage(
    c,
    404,
    'This link does not work',
    'The link is incomplete or not valid. Copy the whole link from the email, or log in and change your mail in Preferences.',
  );

mailPreferenceRoutes.get('/preferences/mail', async (c) => {
  const userId = await signedUserId(c, c.req.query('user'), c.req.query('token'));
  if (userId === null) return refuse(c);
  const token = c.req.query('token')!;
  const current = await findFeedbackPreferences(c.get('deps').db, userId);
  return renderPage(
    c,
    { title: 'Email preferences' },
    <section class="preferences">
      <h1>Email preferences</h1>
      <p>Turn off the emails you no longer want. Nothing changes until you press a button.</p>
      <ul class="mail-choices">
        {Object.entries(KINDS).map(([off, kind]) => (
          <li>
            {current[kind.preference] === 1 ? (
              <p>{kind.isOff}</p>
            ) : (
              <form method="post" action="/preferences/mail">
                <input type="hidden" name="user" value={String(userId)} />
                <input type="hidden" name="token" value={token} />
                <input type="hidden" name="off" value={off} />
                <button type="submit">{kind.button}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <p>
        Your inbox on the archive still lists every comment. To turn mail back on, log in and open{' '}
        <a href="/preferences">Preferences</a>.
      </p>
    </section>,
  );
});

mailPreferenceRoutes.post('/preferences/mail', async (c) => {
  const form = await c.req.parseBody();
  const userId = await signedUserId(c, form.user, form.token);
  if (userId === null) return refuse(c);
  const kind = typeof form.off === 'string' ? KINDS[form.off] : undefined;
  if (!kind || !Object.hasOwn(KINDS, form.off as string)) {
    return renderMessage(c, 400, 'Nothing to turn off', 'Choose which emails to turn off.');
  }
  await turnOffMail(c.get('deps').db, userId, kind.preference);
  const back = `/preferences/mail?user=${userId}&token=${encodeURIComponent(form.token as string)}`;
  return redirectWithFlash(c, back, kind.done);
});
