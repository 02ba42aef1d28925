/**
 * One-shot messages carried across a redirect ("Work posted.") in a short
 * cookie, so pages stay cacheable and no session state is needed for guests.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from './context.ts';

const FLASH_COOKIE = 'quire_flash';

export interface Flash {
  kind: 'notice' | 'error';
  message: string;
}

export function setFlash(c: AppContext, message: string, kind: Flash['kind'] = 'notice'): void {
  setCookie(c, FLASH_COOKIE, JSON.stringify({ kind, message }), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 60,
    // Like the session cookie: over https it must never travel in the clear.
    secure: c.get('deps').config.isSecure,
  });
}

export function takeFlash(c: AppContext): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: c.get('deps').config.isSecure });
  try {
    const flash = JSON.parse(raw) as Flash;
    return typeof flash.message === 'string' ? flash : null;
  } catch {
    return null;
  }
}

/** Redirects with a flash message (303 so a POST becomes a GET). */
export function redirectWithFlash(c: AppContext, location: string, message: string): Response {
  setFlash(c, message);
  return c.redirect(location, 303);
}
