/**
 * What people answer about other people's works. GET /users/:name/related-works
 * shows a writer (only themselves) the works that link to theirs, and POST
 * /users/:name/related-works/:workId (parent_id, action=approve|remove) decides whether
 * the link shows on their work under "Works inspired by this one". GET
 * /users/:name/gifts lists, to anyone, the visible works given to the user;
 * the user may refuse a gift there (POST /users/:name/gifts/:workId,
 * action=refuse|accept), after which the work no longer names them.
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import { requireViewer } from '../accounts/require-login.ts';
import { RELATIONS } from '../domain-facts.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import {
  answerRelatedWork,
  findRelatedWorkLink,
  listGiftedWorkIds,
  listRefusedGifts,
  listRelatedWorkRequests,
  setGiftsRefused,
  type LinkState,
  type RelatedWorkRequest,
} from '../works/approval-queries.ts';
import { Blurb } from '../works/blurb.tsx';
import { CreatorLinks, userPath } from '../works/creator-links.tsx';
import { countLabel, Pagination, pageParam } from '../works/listing.tsx';
import { loadBlurbs, WORKS_PER_PAGE } from '../works/listing-queries.ts';
import { listingAudience } from '../visibility/index.ts';
import { can as canUser } from './policy.ts';

export const approvalRoutes = new Hono<AppEnv>();

/** The viewer, when the page's :name is theirs; else the log-in redirect or a 403. */
function requireOwner(c: AppContext, what: string): Viewer | Response {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (viewer.username.toLowerCase() !== (c.req.param('name') ?? '').toLowerCase()) {
    return renderMessage(c, 403, 'Not yours', `You can only answer ${what} of your own.`);
  }
  return viewer;
}

const SECTIONS: Array<{ state: LinkState; heading: string; empty: string }> = [
  { state: 'pending', heading: 'Waiting for your answer', empty: 'No related works are waiting for your answer.' },
  { state: 'approved', heading: 'Shown on your works', empty: 'You have not approved any related works yet.' },
  { state: 'removed', heading: 'Removed from your works', empty: 'You have not removed any related works.' },
];

function AnswerButtons({ request, username }: { request: RelatedWorkRequest; username: string }) {
  const title = request.child.title;
  return (
    <form method="post" action={`${userPath(username)}/related-works/${request.child.id}`} class="actions">
      <input type="hidden" name="parent_id" value={String(request.parent.id)} />
      {request.state !== 'approved' ? (
        <button type="submit" name="action" value="approve" aria-label={`Approve “${title}”`}>
          Approve
        </button>
      ) : null}
      {request.state !== 'removed' ? (
        <button type="submit" name="action" value="remove" class="secondary" aria-label={`Remove “${title}”`}>
          Remove
        </button>
      ) : null}
    </form>
  );
}

function RequestItem({ request, username }: { request: RelatedWorkRequest; username: string }) {
  return (
    <li class="related-request">
      <p>
        <a href={`/works/${request.child.id}`}>{request.child.title}</a> by{' '}
        <CreatorLinks creators={request.child.creators} anonymous={request.child.isAnonymous} />
        {request.child.isRestricted ? ' (restricted to logged-in users)' : ''}:{' '}
        {RELATIONS[request.relation].toLowerCase()} your work{' '}
        <a href={`/works/${request.parent.id}`}>{request.parent.title}</a>.
      </p>
      <AnswerButtons request={request} username={username} />
    </li>
  );
}

approvalRoutes.get('/users/:name/related-works', async (c) => {
  const viewer = requireOwner(c, 'related works');
  if (viewer instanceof Response) return viewer;
  const requests = await listRelatedWorkRequests(c.get('deps').db, viewer.id);
  return renderPage(
    c,
    { title: 'Related works' },
    <section class="related-requests">
      <h1>Related works</h1>
      <p>
        When someone posts a work inspired by yours (or a remix, translation or sequel), it shows under “Works inspired
        by this one” on your work only once you approve it.
      </p>
      {SECTIONS.map(({ state, heading, empty }) => {
        const listed = requests.filter((r) => r.state === state);
        return (
          <section aria-labelledby={`related-${state}`}>
            <h2 id={`related-${state}`}>{heading}</h2>
            {listed.length ? (
              <ul>
                {listed.map((request) => (
                  <RequestItem request={request} username={viewer.username} />
                ))}
              </ul>
            ) : (
              <p>{empty}</p>
            )}
          </section>
        );
      })}
    </section>,
  );
});

approvalRoutes.post('/users/:name/related-works/:workId{[0-9]+}', async (c) => {
  const viewer = requireOwner(c, 'related works');
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const form = await c.req.parseBody();
  const parentId = typeof form.parent_id === 'string' && /^[0-9]{1,12}$/.test(form.parent_id) ? form.parent_id : '';
  const key = { childWorkId: Number(c.req.param('workId')), parentWorkId: Number(parentId) };
  const link = parentId ? await findRelatedWorkLink(db, key) : undefined;
  if (!link) return renderMessage(c, 404, 'Not found', 'There is no such link to a work here.');
  if (!link.parentCreatorIds.includes(viewer.id)) {
    return renderMessage(c, 403, 'Not yours', 'Only the creators of the work it links to can answer this.');
  }
  const { action } = form;
  if (action !== 'approve' && action !== 'remove') {
    return renderMessage(c, 400, 'Choose an answer', 'Approve or remove the related work.');
  }
  await answerRelatedWork(db, key, action);
  const message =
    action === 'approve'
      ? `“${link.childTitle}” now shows on “${link.parentTitle}”.`
      : `“${link.childTitle}” no longer shows on “${link.parentTitle}”.`;
  return redirectWithFlash(c, `${userPath(viewer.username)}/related-works`, message);
});

approvalRoutes.get('/users/:name/gifts', async (c) => {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  const isOwner = canUser(viewer, 'see-refused-gifts', user);
  const page = pageParam(c);
  const { ids, total } = await listGiftedWorkIds(db, user.id, listingAudience(viewer), {
    limit: WORKS_PER_PAGE,
    offset: (page - 1) * WORKS_PER_PAGE,
  });
  const blurbs = await loadBlurbs(db, ids);
  const refused = isOwner ? await listRefusedGifts(db, user.id) : [];
  const basePath = `${userPath(user.username)}/gifts`;
  return renderPage(
    c,
    { title: page > 1 ? `Gifts for ${user.username} (page ${page})` : `Gifts for ${user.username}` },
    <section class="listing gifts">
      <h1>
        Gifts for <a href={userPath(user.username)}>{user.username}</a>
      </h1>
      <p class="listing-count">
        {total ? countLabel({ blurbs, total, page, pageCount: 0 }, WORKS_PER_PAGE) : 'No gifts yet.'}
      </p>
      {blurbs.length ? (
        <ol class="blurbs">
          {blurbs.map((work) => (
            <Blurb work={work} viewer={viewer}>
              {isOwner ? (
                <form method="post" action={`${basePath}/${work.id}`} class="actions gift-actions">
                  <button type="submit" name="action" value="refuse" class="secondary">
                    Refuse this gift<span class="visually-hidden">: {work.title}</span>
                  </button>
                </form>
              ) : null}
            </Blurb>
          ))}
        </ol>
      ) : null}
      <Pagination basePath={basePath} page={page} pageCount={Math.ceil(total / WORKS_PER_PAGE)} />
      {refused.length ? (
        <section aria-labelledby="refused-gifts">
          <h2 id="refused-gifts">Gifts you refused</h2>
          <p class="hint">Only you see this list. These works no longer name you as their recipient.</p>
          <ul>
            {refused.map((work) => (
              <li>
                <a href={`/works/${work.id}`}>{work.title}</a>{' '}
                <form method="post" action={`${basePath}/${work.id}`} class="inline-form">
                  <button type="submit" name="action" value="accept" class="secondary">
                    Accept it after all<span class="visually-hidden">: {work.title}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>,
  );
});

approvalRoutes.post('/users/:name/gifts/:workId{[0-9]+}', async (c) => {
  const viewer = requireOwner(c, 'gifts');
  if (viewer instanceof Response) return viewer;
  const { action } = await c.req.parseBody();
  if (action !== 'refuse' && action !== 'accept') {
    return renderMessage(c, 400, 'Choose an answer', 'Refuse the gift, or accept it.');
  }
  const changed = await setGiftsRefused(
    c.get('deps').db,
    viewer.id,
    Number(c.req.param('workId')),
    action === 'refuse',
  );
  if (!changed) return renderMessage(c, 404, 'No gift', 'That work is not a gift to you.');
  return redirectWithFlash(
    c,
    `${userPath(viewer.username)}/gifts`,
    action === 'refuse'
      ? 'Gift refused. The work no longer names you as its recipient.'
      : 'Gift accepted. The work names you as its recipient again.',
  );
});
