/**
 * What an account that has not confirmed its email address is told, in the
 * header of every page and where it is refused: why it may read but not
 * post, comment or bookmark, with a button that mails the link again.
 */
export const UNCONFIRMED_MESSAGE =
  'Confirm your email address to post works, comment and bookmark: open the link we mailed you.';

export function UnconfirmedNotice() {
  return (
    <div class="unconfirmed-notice" role="status">
      <p>{UNCONFIRMED_MESSAGE}</p>
      <form method="post" action="/confirm-email/resend" class="inline">
        <button type="submit">Send the link again</button>
      </form>
    </div>
  );
}
