/**
 * GET /users/:name/inbox: the comments on your works, the replies to
 * your comments and the notices addressed to you (a report's outcome, a
 * moderator's change to your work), newest first, unread ones marked, filtered by `?filter=`
 * (all, unread, read, replies, held, notices) and paged by `?page=`. Only its owner
 * sees it; to anyone else it is not there (404). Each item has a Reply
 * form (posting to the comments routes' POST /comments/:id/reply) and, for
 * a comment waiting for approval, an Approve button (POST
 * /comments/:id/approve), both coming back here. POST /users/:name/inbox
 * marks the ticked items read or unread, or removes them from the inbox.
 */
import { Hono } from 'hono';
import { findUserByName, listPseuds } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import type { Pseud } from '../accounts/accounts.table.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { redirectWithFlash, setFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { loadOwnNotices } from '../web/own-notices.ts';
import {
  INBOX_FILTER_LABELS,
  INBOX_PAGE_SIZE,
  inboxEntryOf,
  inboxFilterOf,
  inboxPageOf,
  MAX_ITEMS_PER_CHANGE,
  type InboxEntry,
  type InboxNoticeEntry,
} from './inbox-items.ts';
import { can } from './inbox-policy.ts';
import { deleteInboxItems, INBOX_FILTERS, listInbox, markInboxItems, type InboxFilter } from './inbox-queries.ts';

export const inboxRoutes = new Hono<AppEnv>();

const inboxPath = (username: string) => `/users/${encodeURIComponent(username)}/inbox`;

function pageHref(username: string, filter: InboxFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter !== 'all') params.set('filter', filter);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${inboxPath(username)}?${query}` : inboxPath(username);
}

/** The viewer when the inbox is theirs; a guest is sent to log in, anyone else finds nothing. */
async function requireOwner(c: AppContext, action: 'read-inbox' | 'change-inbox'): Promise<Viewer | Response> {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const owner = await findUserByName(c.get('deps').db, c.req.param('name') ?? '');
  if (!owner || !can(viewer, action, owner)) {
    return renderMessage(c, 404, 'Not found', 'There is nothing at this address.');
  }
  return viewer;
}

inboxRoutes.get('/users/:name/inbox', async (c) => {
  const viewer = await requireOwner(c, 'read-inbox');
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const filter = inboxFilterOf(c.req.query('filter'));
  const page = inboxPageOf(c.req.query('page'));
  const [{ rows, total }, pseuds, notices] = await Promise.all([
    listInbox(db, viewer.id, { filter, limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE }),
    listPseuds(db, viewer.id),
    loadOwnNotices(c.get('deps').ownNotices ?? [], db, viewer),
  ]);
  const here = pageHref(viewer.username, filter, page);
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const entries = rows.map(inboxEntryOf);
  return renderPage(
    c,
    { title: 'Inbox' },
    <section class="inbox">
      <h1>Inbox</h1>
      {notices}
      <nav aria-label="Show">
        <ul class="inbox-filters">
          {INBOX_FILTERS.map((f) => (
            <li>
              <a href={pageHref(viewer.username, f, 1)} aria-current={f === filter ? 'page' : undefined}>
                {INBOX_FILTER_LABELS[f]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="count">{total === 1 ? '1 item' : `${total} items`}</p>
      {entries.length ? (
        <>
          <form method="post" action={inboxPath(viewer.username)} id="inbox-change" class="actions">
            <input type="hidden" name="return_to" value={here} />
            <button type="submit" name="action" value="read">
              Mark read
            </button>
            <button type="submit" name="action" value="unread">
              Mark unread
            </button>
            <button type="submit" name="action" value="delete">
              Delete from inbox
            </button>
          </form>
          <ol class="inbox-items">
            {entries.map((entry) => (
              <InboxItem entry={entry} pseuds={pseuds} returnTo={here} />
            ))}
          </ol>
        </>
      ) : (
        <p>{filter === 'all' ? 'Your inbox is empty.' : 'Nothing here with this filter.'}</p>
      )}
      {pageCount > 1 || page > 1 ? (
        <nav aria-label="Pages">
          <ul class="pagination">
            <li>
              {page > 1 ? (
                <a rel="prev" href={pageHref(viewer.username, filter, Math.min(page - 1, pageCount))}>
                  ← Previous
                </a>
              ) : (
                <span class="disabled">← Previous</span>
              )}
            </li>
            <li aria-current="page">
              Page {page} of {pageCount}
            </li>
            <li>
              {page < pageCount ? (
                <a rel="next" href={pageHref(viewer.username, filter, page + 1)}>
                  Next →
                </a>
              ) : (
                <span class="disabled">Next →</span>
              )}
            </li>
          </ul>
        </nav>
      ) : null}
    </section>,
  );
});

const NOTICE_HEADINGS: Record<InboxNoticeEntry['reason'], string> = {
  report: 'Your report',
  moderation: 'A moderator changed your work',
};

/** A notice: its text and the page it points to (the reporter's reports, the work), ticked like any item. */
function InboxNotice({ entry }: { entry: InboxNoticeEntry }) {
  const heading = NOTICE_HEADINGS[entry.reason];
  return (
    <li
      class={entry.isUnread ? 'inbox-item inbox-notice unread' : 'inbox-item inbox-notice'}
      id={`inbox-item-${entry.id}`}
    >
      <p class="inbox-item-heading">
        <input
          type="checkbox"
          name="item_ids"
          value={String(entry.id)}
          form="inbox-change"
          id={`select-${entry.id}`}
          aria-label={`Select the notice: ${heading}`}
        />{' '}
        <strong>{heading}</strong> <time datetime={entry.receivedAt}>{entry.receivedAt.slice(0, 10)}</time>
        {entry.isUnread ? <strong class="badge"> Unread</strong> : null}
      </p>
      <p class="notice-text">{entry.notice.text}</p>
      <p class="inbox-item-links">
        <a href={entry.notice.path}>{entry.reason === 'report' ? 'Your reports' : 'See the work'}</a>
      </p>
    </li>
  );
}

function InboxItem({ entry, pseuds, returnTo }: { entry: InboxEntry; pseuds: Pseud[]; returnTo: string }) {
  if (entry.kind === 'notice') return <InboxNotice entry={entry} />;
  const { comment, commenter, work, chapter } = entry;
  const label = `comment by ${commenter.name} on ${work.title}`;
  return (
    <li class={entry.isUnread ? 'inbox-item unread' : 'inbox-item'} id={`inbox-item-${entry.id}`}>
      <p class="inbox-item-heading">
        <input
          type="checkbox"
          name="item_ids"
          value={String(entry.id)}
          form="inbox-change"
          id={`select-${entry.id}`}
          aria-label={`Select the ${label}`}
        />{' '}
        {commenter.path ? <a href={commenter.path}>{commenter.name}</a> : <span>{commenter.name}</span>}
        {commenter.isGuest ? ' (guest)' : ''}
        {entry.reason === 'reply' ? ' replied to you on ' : ' on '}
        <a href={chapter ? chapter.path : work.path}>{work.title}</a>
        {chapter ? ` (Chapter ${chapter.number}${chapter.title ? `: ${chapter.title}` : ''})` : ''}{' '}
        <time datetime={comment.postedAt}>{comment.postedAt.slice(0, 10)}</time>
        {entry.isUnread ? <strong class="badge"> Unread</strong> : null}
        {comment.isHeld ? <strong class="badge"> Awaiting approval</strong> : null}
      </p>
      <div class="userstuff comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      <p class="inbox-item-links">
        <a href={comment.path}>Permalink</a>
      </p>
      {comment.isHeld ? (
        <form method="post" action={`${comment.path}/approve`} class="inline">
          <input type="hidden" name="return_to" value={returnTo} />
          <button type="submit" aria-label={`Approve the ${label}`}>
            Approve
          </button>
        </form>
      ) : comment.isFrozen ? null : (
        <details class="inbox-reply">
          <summary>Reply</summary>
          <form method="post" action={`${comment.path}/reply`}>
            <input type="hidden" name="return_to" value={returnTo} />
            {pseuds.length > 1 ? (
              <div class="field">
                <label for={`reply-pseud-${entry.id}`}>Reply as</label>
                <select id={`reply-pseud-${entry.id}`} name="pseud_id">
                  {pseuds.map((p) => (
                    <option value={String(p.id)} selected={p.is_default === 1}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : pseuds[0] ? (
              <input type="hidden" name="pseud_id" value={String(pseuds[0].id)} />
            ) : null}
            <div class="field">
              <label for={`reply-body-${entry.id}`}>Your reply</label>
              <textarea id={`reply-body-${entry.id}`} name="body" rows={4} required></textarea>
            </div>
            <button type="submit">Post reply</button>
          </form>
        </details>
      )}
    </li>
  );
}

/** Item ids from the form: whole positive numbers, each once; null when more than a change may name. */
function itemIdsOf(value: unknown): number[] | null {
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (raw.length > MAX_ITEMS_PER_CHANGE) return null;
  const ids = raw.map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 2_147_483_647);
  return [...new Set(ids)];
}

/** Only this inbox's own pages are places to come back to. */
function returnPath(value: unknown, username: string): string {
  const base = inboxPath(username);
  if (typeof value !== 'string' || !(value === base || value.startsWith(`${base}?`))) return base;
  return value;
}

inboxRoutes.post('/users/:name/inbox', async (c) => {
  const viewer = await requireOwner(c, 'change-inbox');
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const form = await c.req.parseBody({ all: true });
  const back = returnPath(form.return_to, viewer.username);
  const ids = itemIdsOf(form.item_ids);
  if (ids === null) {
    setFlash(c, `Choose at most ${MAX_ITEMS_PER_CHANGE} items at a time.`, 'error');
    return c.redirect(back, 303);
  }
  if (!ids.length) {
    setFlash(c, 'Tick the items to change first.', 'error');
    return c.redirect(back, 303);
  }
  const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);
  switch (form.action) {
    case 'read':
      return redirectWithFlash(c, back, `Marked ${items(await markInboxItems(db, viewer.id, ids, new Date()))} read.`);
    case 'unread':
      return redirectWithFlash(c, back, `Marked ${items(await markInboxItems(db, viewer.id, ids, null))} unread.`);
    case 'delete':
      return redirectWithFlash(
        c,
        back,
        `Removed ${items(await deleteInboxItems(db, viewer.id, ids))} from your inbox.`,
      );
    default:
      setFlash(c, 'Choose what to do with the ticked items.', 'error');
      return c.redirect(back, 303);
  }
});
