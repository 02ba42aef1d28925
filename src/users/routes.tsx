/**
 * Public user pages: a user's profile with their works grouped by pseud
 * (and, to the user alone, their drafts), all their works, and one pseud's
 * works. It mounts the rest of /users/:name: pseud management
 * (pseud-routes.tsx), gifts and related works to approve (approval-routes.tsx)
 * and co-creator invitations (invitation-routes.tsx).
 */
import { Hono } from 'hono';
import { approvalRoutes } from './approval-routes.tsx';
import { invitationRoutes } from './invitation-routes.tsx';
import { kudosHistoryRoutes } from './kudos-routes.tsx';
import { pseudRoutes } from './pseud-routes.tsx';
import { FeedLink, userFeedPath } from '../feeds/routes.tsx';
import { findUserByName, listPseuds } from '../accounts/queries.ts';
import type { Pseud, User } from '../accounts/accounts.table.ts';
import type { AppContext, AppEnv, Viewer } from '../web/context.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { Blurb } from '../works/blurb.tsx';
import { pseudWorksPath, userPath } from '../works/creator-links.tsx';
import { renderFilteredListing } from '../search/listing-page.tsx';
import { loadOwnNotices } from '../web/own-notices.ts';
import { listDraftWorks, listRecentWorksByPseud, type WorkBlurb, type WorkFilter } from '../works/listing-queries.ts';
import { formatNumber } from '../works/meta-block.tsx';
import { creatorPageAudience } from '../visibility/index.ts';
import { can } from './policy.ts';
import { findBlockAndMute } from '../blocking/queries.ts';
import { BlockingButtons } from '../blocking/views.tsx';
import { SubscribeButton } from '../web/subscribe-button.tsx';
import { ReportLink } from '../web/report-link.tsx';
import { PseudIcon } from '../accounts/pseud-icon.tsx';

export const userRoutes = new Hono<AppEnv>();

// Before /users/:name/pseuds/:pseud/works below, as when accounts/ mounted it first.
userRoutes.route('/', pseudRoutes);
userRoutes.route('/', approvalRoutes);
userRoutes.route('/', invitationRoutes);
userRoutes.route('/', kudosHistoryRoutes);

/** How many of each pseud's latest works the profile shows before "All N works". */
const WORKS_PER_PSEUD = 5;

/** What a user page lists: the user sees their own hidden and anonymous works; others do not. */
function userPageFilter(c: AppContext, user: User): WorkFilter {
  return creatorPageAudience(c.get('viewer'), user.id);
}

async function findUserAndPseuds(c: AppContext): Promise<{ user: User; pseuds: Pseud[] } | null> {
  const { db } = c.get('deps');
  const user = await findUserByName(db, c.req.param('name') ?? '');
  if (!user) return null;
  return { user, pseuds: await listPseuds(db, user.id) };
}

function userNotFound(c: AppContext): Response {
  return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
}

function worksCount(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'work' : 'works'}`;
}

interface PseudSectionProps {
  user: User;
  pseud: Pseud;
  count: number;
  works: WorkBlurb[];
  viewer: Viewer | null;
}

function PseudSection({ user, pseud, count, works, viewer }: PseudSectionProps) {
  const headingId = `pseud-${pseud.id}`;
  return (
    <section class="pseud-works" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <PseudIcon pseud={pseud} small />
        <a href={pseudWorksPath(user.username, pseud.name)}>{pseud.name}</a>
        <span class="count"> ({worksCount(count)})</span>
      </h2>
      {pseud.description ? <p class="pseud-description">{pseud.description}</p> : null}
      {works.length ? (
        <ol class="blurbs">
          {works.map((work) => (
            <Blurb work={work} viewer={viewer} level={3} />
          ))}
        </ol>
      ) : (
        <p>No works yet.</p>
      )}
      {count > works.length ? (
        <p>
          <a href={pseudWorksPath(user.username, pseud.name)}>
            All {worksCount(count)} by {pseud.name}
          </a>
        </p>
      ) : null}
    </section>
  );
}

userRoutes.get('/users/:name', async (c) => {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const found = await findUserAndPseuds(c);
  if (!found) return userNotFound(c);
  const { user, pseuds } = found;
  const isOwner = can(viewer, 'see-drafts', user);
  const pseudIds = pseuds.map((p) => p.id);
  const byPseud = await listRecentWorksByPseud(db, pseudIds, userPageFilter(c, user), WORKS_PER_PSEUD);
  const drafts = isOwner ? await listDraftWorks(db, pseudIds) : [];
  // Told only to the member themselves (a collection's invitation of their work, works awaiting approval).
  const notices = isOwner && viewer ? await loadOwnNotices(c.get('deps').ownNotices ?? [], db, viewer) : [];
  const blocking = viewer && viewer.id !== user.id ? await findBlockAndMute(db, viewer.id, user.id) : null;
  return renderPage(
    c,
    {
      title: user.username,
      head: <FeedLink href={userFeedPath(user.username)} title={`New works by ${user.username}`} />,
    },
    <section class="profile">
      <h1>{user.username}</h1>
      <BlockingButtons viewer={viewer} user={user} state={blocking} />
      <SubscribeButton viewer={viewer} kind="creator" targetId={user.id} returnTo={`/users/${user.username}`} />
      {viewer?.id === user.id ? null : <ReportLink kind="user" id={user.id} label="Report this user" />}
      <nav aria-label="Pseuds">
        <p>
          Pseuds:{' '}
          {pseuds.map((pseud, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={pseudWorksPath(user.username, pseud.name)}>{pseud.name}</a>
            </>
          ))}
          {isOwner ? (
            <>
              {' '}
              (<a href={`${userPath(user.username)}/pseuds`}>manage pseuds</a>)
            </>
          ) : null}
        </p>
        <p>
          <a href={`${userPath(user.username)}/works`}>All works by {user.username}</a>
        </p>
        <p>
          <a href={`${userPath(user.username)}/series`}>Series by {user.username}</a>
        </p>
        <p>
          <a href={`${userPath(user.username)}/gifts`}>Gifts for {user.username}</a>
        </p>
        {isOwner ? (
          <ul class="profile-links">
            <li>
              <a href={`${userPath(user.username)}/invitations`}>Co-creator invitations</a>
            </li>
            <li>
              <a href={`${userPath(user.username)}/related-works`}>Related works requests</a>
            </li>
            <li>
              <a href={`${userPath(user.username)}/kudos`}>Works you left kudos on</a>
            </li>
          </ul>
        ) : null}
      </nav>
      {notices}
      {drafts.length ? (
        <section class="drafts" aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">Drafts</h2>
          <p class="hint">Only you can see your drafts.</p>
          <ul>
            {drafts.map((draft) => (
              <li>
                <a href={`/works/${draft.id}`}>{draft.title}</a> (<a href={`/works/${draft.id}/edit`}>edit</a>)
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {pseuds.map((pseud) => (
        <PseudSection
          user={user}
          pseud={pseud}
          count={byPseud.counts.get(pseud.id) ?? 0}
          works={byPseud.recent.get(pseud.id) ?? []}
          viewer={viewer}
        />
      ))}
    </section>,
  );
});

userRoutes.get('/users/:name/works', async (c) => {
  const found = await findUserAndPseuds(c);
  if (!found) return userNotFound(c);
  const { user, pseuds } = found;
  const filter = { ...userPageFilter(c, user), pseudIds: pseuds.map((p) => p.id) };
  return renderFilteredListing(c, {
    title: `Works by ${user.username}`,
    heading: (
      <>
        Works by <a href={userPath(user.username)}>{user.username}</a>
      </>
    ),
    basePath: `${userPath(user.username)}/works`,
    filter,
    head: <FeedLink href={userFeedPath(user.username)} title={`New works by ${user.username}`} />,
  });
});

userRoutes.get('/users/:name/pseuds/:pseud/works', async (c) => {
  const found = await findUserAndPseuds(c);
  if (!found) return userNotFound(c);
  const { user, pseuds } = found;
  const wanted = (c.req.param('pseud') ?? '').toLowerCase();
  const pseud = pseuds.find((p) => p.name.toLowerCase() === wanted);
  if (!pseud) return renderMessage(c, 404, 'Not found', `${user.username} has no pseud with that name.`);
  const filter = { ...userPageFilter(c, user), pseudIds: [pseud.id] };
  const label = pseud.name === user.username ? pseud.name : `${pseud.name} (${user.username})`;
  return renderFilteredListing(c, {
    title: `Works by ${label}`,
    heading: (
      <>
        <PseudIcon pseud={pseud} />
        Works by <a href={userPath(user.username)}>{label}</a>
      </>
    ),
    basePath: pseudWorksPath(user.username, pseud.name),
    filter,
  });
});
