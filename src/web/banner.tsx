/**
 * The site banner an admin sets (src/settings/): one text with a level, above every page, with a Dismiss
 * button that posts to `/banner/dismiss`, which remembers the banner's id in a cookie.
 */
import { getCookie } from 'hono/cookie';
import type { AppContext } from './context.ts';

export const BANNER_COOKIE = 'quire_banner';

export function SiteBanner({ c }: { c: AppContext }) {
  const site = c.get('site');
  if (!site?.bannerText) return null;
  if (getCookie(c, BANNER_COOKIE) === String(site.bannerId)) return null;
  const url = new URL(c.req.url);
  return (
    <aside class={`site-banner banner-${site.bannerLevel}`} role={site.bannerLevel === 'warning' ? 'alert' : 'note'}>
      <p>{site.bannerText}</p>
      <form method="post" action="/banner/dismiss" class="inline">
        <input type="hidden" name="return_to" value={`${url.pathname}${url.search}`} />
        <button type="submit" class="link-button">
          Dismiss
        </button>
      </form>
    </aside>
  );
}
