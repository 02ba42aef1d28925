/**
 * Puts the archive's settings on every request (`c.get('site')`), and where an admin set the archive's name,
 * the request's config carries it: every page, feed and download that names the archive reads
 * `config.archiveName`, so the setting wins everywhere a request reaches without each of them asking.
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import type { SiteSettings } from '../web/site-settings.ts';

// One derived deps object per settings snapshot (snapshots are replaced, never changed).
const derived = new WeakMap<SiteSettings, WeakMap<AppDeps, AppDeps>>();

function depsFor(deps: AppDeps, site: SiteSettings): AppDeps {
  if (!site.archiveName || site.archiveName === deps.config.archiveName) return deps;
  let byDeps = derived.get(site);
  if (!byDeps) derived.set(site, (byDeps = new WeakMap()));
  let withName = byDeps.get(deps);
  if (!withName) {
    const config: Config = { ...deps.config, archiveName: site.archiveName };
    withName = { ...deps, config };
    byDeps.set(deps, withName);
  }
  return withName;
}

export const loadSiteSettings: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const site = await deps.settings.current();
  c.set('site', site);
  c.set('deps', depsFor(deps, site));
  await next();
};
