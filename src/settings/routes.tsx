/**
 * `/admin/settings` (admins, with two-factor sign-in on): the archive's settings on one form, saved as one
 * audited command; every process sees the change within a second (src/settings/store.ts). A new banner text
 * gets a new id (so readers who dismissed the old one see it), and "publish as a new version" moves the
 * Terms of Service version on, which every member is then asked to accept once.
 */
import { Hono } from 'hono';
import { actorOf } from '../audit/run-command.ts';
import { requireAdminArea } from '../accounts/two-factor/admin-gate.tsx';
import type { AppEnv } from '../web/context.ts';
import { setFlash } from '../web/flash.ts';
import { renderPage } from '../web/layout.tsx';
import type { SiteSettings } from '../web/site-settings.ts';
import { readSettingsForm } from './schema.ts';
import { saveSettings } from './store.ts';
import { SettingsForm } from './views.tsx';

export const settingsRoutes = new Hono<AppEnv>();

settingsRoutes.get('/admin/settings', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  return renderPage(c, { title: 'Archive settings' }, <SettingsForm site={c.get('site')} errors={{}} />);
});

settingsRoutes.post('/admin/settings', async (c) => {
  const viewer = await requireAdminArea(c, 'manage-settings');
  if (viewer instanceof Response) return viewer;
  const { db, settings: source } = c.get('deps');
  const current = await source.current();
  const { settings, errors } = readSettingsForm(await c.req.parseBody(), current);
  const { newTermsVersion, ...values } = settings;
  if (Object.keys(errors).length) {
    const typed = { ...current, ...values } as SiteSettings;
    return renderPage(c, { title: 'Archive settings', status: 422 }, <SettingsForm site={typed} errors={errors} />);
  }
  const changes: Partial<SiteSettings> = { ...values };
  if (values.bannerText !== current.bannerText && values.bannerText) changes.bannerId = current.bannerId + 1;
  if (newTermsVersion) changes.tosVersion = current.tosVersion + 1;
  await saveSettings(db, source, actorOf(viewer), changes);
  setFlash(
    c,
    newTermsVersion ? `Settings saved; Terms of Service version ${changes.tosVersion} published.` : 'Settings saved.',
  );
  return c.redirect('/admin/settings', 303);
});
