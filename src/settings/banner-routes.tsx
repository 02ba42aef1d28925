/**
 * Dismissing the site banner: a plain form (no JavaScript needed) that sets a cookie naming the banner's id,
 * so the layout leaves that banner out; a new banner has a new id and shows again.
 */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { safeReturnTo } from '../accounts/schema.ts';
import { BANNER_COOKIE } from '../web/banner.tsx';
import type { AppEnv } from '../web/context.ts';

export const bannerRoutes = new Hono<AppEnv>();

bannerRoutes.post('/banner/dismiss', async (c) => {
  const form = await c.req.parseBody();
  setCookie(c, BANNER_COOKIE, String(c.get('site').bannerId), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.isSecure,
    maxAge: 365 * 86_400,
  });
  return c.redirect(safeReturnTo(form.return_to), 303);
});
