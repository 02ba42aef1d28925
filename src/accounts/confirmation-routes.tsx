/**
 * Confirming an email address: GET /confirm-email?token=… shows the address
 * and a button (a mail scanner opening the link must not spend it), POST
 * /confirm-email spends the link — once, within 7 days — and POST
 * /confirm-email/resend mails a logged-in, unconfirmed member a fresh link
 * (a few times an hour at most).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import type { RateLimitRule } from '../web/rate-limit.ts';
import { findUsableConfirmation, spendConfirmation } from './confirmation-queries.ts';
import { hashConfirmationToken, requestEmailConfirmation } from './email-confirmation.ts';
import { queueMail } from '../outbox/mail.ts';
import { findUserContact, uniqueViolationField } from './queries.ts';
import { requireViewer } from './require-login.ts';
import { tooManyAttempts } from './throttle.ts';

export const confirmationRoutes = new Hono<AppEnv>();

export const CONFIRM_LINK_UNUSABLE = 'This confirmation link has expired or has already been used.';
export const EMAIL_CONFIRMED = 'Your email address is confirmed.';

/** Links mailed again to one account: enough for a lost message, too few to flood an inbox. */
const RESEND_RULE: RateLimitRule = { limit: 3, windowMs: 60 * 60_000 };

const unusable = (c: AppContext) => renderMessage(c, 410, 'Link no longer valid', CONFIRM_LINK_UNUSABLE);

confirmationRoutes.get('/confirm-email', async (c) => {
  const token = c.req.query('token') ?? '';
  const pending = token ? await findUsableConfirmation(c.get('deps').db, hashConfirmationToken(token)) : undefined;
  if (!pending) return unusable(c);
  return renderPage(
    c,
    { title: 'Confirm your email address' },
    <section class="account-form">
      <h1>Confirm your email address</h1>
      <p>
        Make <strong>{pending.email}</strong> the email address of the account <strong>{pending.username}</strong>?
      </p>
      <form method="post" action="/confirm-email">
        <input type="hidden" name="token" value={token} />
        <button type="submit">Confirm</button>
      </form>
    </section>,
  );
});

confirmationRoutes.post('/confirm-email', async (c) => {
  const form = await c.req.parseBody();
  const token = typeof form.token === 'string' ? form.token : '';
  const { db, config } = c.get('deps');
  let spent;
  try {
    spent = token ? await spendConfirmation(db, hashConfirmationToken(token)) : undefined;
  } catch (error) {
    if (uniqueViolationField(error) !== 'email') throw error;
    return renderMessage(c, 409, 'Address taken', 'Another account has that email address now; yours is unchanged.');
  }
  if (!spent) return unusable(c);
  if (spent.oldEmail !== spent.newEmail) {
    // An email change: the old address hears that it is no longer the account's.
    await queueMail(db, {
      to: spent.oldEmail,
      subject: `Your email address on ${config.archiveName} was changed`,
      text: [
        `Hello ${spent.username},`,
        '',
        `The email address of your account on ${config.archiveName} is now ${spent.newEmail}; mail will no longer come here.`,
        `If you did not ask for this, reset your password at ${config.baseUrl}/password/forgot and write to the archive's admins.`,
      ].join('\n'),
    });
  }
  return redirectWithFlash(c, c.get('viewer') ? '/' : '/login', EMAIL_CONFIRMED);
});

confirmationRoutes.post('/confirm-email/resend', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (!viewer.unconfirmed) return redirectWithFlash(c, '/', EMAIL_CONFIRMED);
  const { db, rateLimiter } = c.get('deps');
  const wait = await rateLimiter.hit(`confirm-email:account:${viewer.id}`, RESEND_RULE);
  if (wait) return tooManyAttempts(c, wait);
  const contact = await findUserContact(db, viewer.id);
  if (!contact) return unusable(c);
  await db.transaction().execute((trx) => requestEmailConfirmation(trx, viewer.id, contact.email));
  return redirectWithFlash(c, '/', `We have mailed a new link to ${contact.email}. It works once, for 7 days.`);
});
