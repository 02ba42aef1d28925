/**
 * `/users/OLD/…` after a rename: when no account is called OLD and one gave
 * that name up less than 30 days ago, GET and HEAD are sent on (301) to the
 * same page under its new name, so links to a writer's works, pseuds and
 * bookmarks keep working. Costs a look-up only on /users/ pages.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { findRenamedTo } from './account-change-queries.ts';
import { findUserByName } from './queries.ts';

export const formerNameRedirect: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
  const url = new URL(c.req.url);
  const match = url.pathname.match(/^\/users\/([^/]+)(\/.*)?$/);
  if (!match) return next();
  let name: string;
  try {
    name = decodeURIComponent(match[1]);
  } catch {
    return next();
  }
  const { db } = c.get('deps');
  if (await findUserByName(db, name)) return next();
  const renamed = await findRenamedTo(db, name);
  if (!renamed) return next();
  return c.redirect(`/users/${encodeURIComponent(renamed)}${match[2] ?? ''}${url.search}`, 301);
};
