/**
 * A reader's kudos history, `/users/:name/kudos`: the works they left kudos
 * on, the latest kudos first, with every filter and sort of any listing (the
 * `kudosFrom` listing scope and its own sort, src/search/scopes/kudos.ts). Private to the reader (src/kudos
 * policy): anyone else is refused.
 */
import { Hono } from 'hono';
import { findUserByName } from '../accounts/queries.ts';
import { can } from '../kudos/policy.ts';
import { renderFilteredListing } from '../search/listing-page.tsx';
import type { AppEnv } from '../web/context.ts';
import { renderMessage } from '../web/layout.tsx';
import { userPath } from '../works/creator-links.tsx';
import { listingAudience } from '../visibility/index.ts';

export const kudosHistoryRoutes = new Hono<AppEnv>();

kudosHistoryRoutes.get('/users/:name/kudos', async (c) => {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const user = await findUserByName(db, c.req.param('name'));
  if (!user) return renderMessage(c, 404, 'Not found', 'There is no user with that name here.');
  if (!can(viewer, 'see-kudos-history', user)) {
    return renderMessage(c, 403, 'Private', 'Only the reader themself can see the works they left kudos on.');
  }
  return renderFilteredListing(c, {
    title: 'Works you left kudos on',
    heading: (
      <>
        Works <a href={userPath(user.username)}>{user.username}</a> left kudos on
      </>
    ),
    basePath: `${userPath(user.username)}/kudos`,
    filter: listingAudience(viewer),
    scope: { kudosFrom: user.id },
    scopeSort: 'kudos_given',
  });
});
