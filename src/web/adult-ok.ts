/**
 * The pure pieces of the adult content gate, shared by every page that shows
 * a work's words (the work's own pages in src/works, its comment pages in
 * src/comments): which ratings ask, and the session cookie one "Yes,
 * continue" sets so one answer covers every work until the browser closes.
 * Whether a reader skips the notice is asked of src/visibility
 * (`skipsAdultNotice`).
 */
import { getCookie, setCookie } from 'hono/cookie';
import { ADULT_RATINGS, type Rating } from '../domain-facts.ts';
import type { AppContext } from './context.ts';

export const ADULT_OK_COOKIE = 'quire_adult_ok';

export function isAdultRating(rating: string): boolean {
  return ADULT_RATINGS.includes(rating as Rating);
}

export function confirmedAdultThisSession(c: AppContext): boolean {
  return getCookie(c, ADULT_OK_COOKIE) === '1';
}

/** A session cookie (no expiry): the browser forgets it when it closes. */
export function rememberAdultOk(c: AppContext): void {
  setCookie(c, ADULT_OK_COOKIE, '1', {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.isSecure,
  });
}
