/**
 * The archive's own pages (About, Terms of Service, Privacy, Help) and the front page's description: a
 * default text each, which an admin replaces by putting `about.html`, `tos.html`, `privacy.html`, `help.html`
 * or `description.html` in the data folder. Their HTML is sanitized like a chapter's.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { plainTextToHtml, sanitizeBody } from '../html/body.ts';
import type { SiteSettings } from '../web/site-settings.ts';

export type InfoFile = 'about' | 'tos' | 'privacy' | 'help' | 'description';

export const INFO_PAGES: ReadonlyArray<{ path: string; file: InfoFile; title: string }> = [
  { path: '/about', file: 'about', title: 'About' },
  { path: '/tos', file: 'tos', title: 'Terms of Service' },
  { path: '/privacy', file: 'privacy', title: 'Privacy' },
  { path: '/help', file: 'help', title: 'Help' },
];

const DEFAULTS: Record<InfoFile, string> = {
  description: '<p>An archive of fanworks: stories by fans about the characters they love.</p>',
  about:
    '<p>This is an archive of fanworks, run on Quire, a self-hostable archive. Anyone may read the works ' +
    'posted here; members may post their own, leave kudos and comments, and follow what they like.</p>',
  tos:
    '<p>By posting here you confirm the work is yours to share, and that you have rated and tagged it ' +
    'honestly. Do not harass other members. The people who run this archive may hide or remove what breaks ' +
    'these terms.</p>',
  privacy:
    '<p>This archive keeps your email address, your password (hashed), what you post and your preferences. ' +
    'It sets a cookie to keep you logged in. It does not sell or share your data. You may delete your works ' +
    'at any time.</p>',
  help:
    '<p>Browse <a href="/works">works</a> or <a href="/media">fandoms</a>, or <a href="/works/search">search</a>. ' +
    'Once logged in, post from <a href="/works/new">Post</a>, and find your inbox, saved filters and blocklist ' +
    'in your menu. Reading apps can use the <a href="/opds">OPDS catalogue</a>; programs can use the ' +
    '<a href="/api/v1/docs">API</a>.</p>',
};

/** The texts an admin may set at /admin/settings (plain text), which win over the data folder's files. */
function settingFor(site: SiteSettings | undefined, file: InfoFile): string | null {
  if (!site) return null;
  if (file === 'description') return site.description;
  if (file === 'tos') return site.tosText;
  if (file === 'privacy') return site.privacyText;
  return null;
}

/** The page's HTML: the admin's setting, else the admin's file in the data folder, sanitized, or the default text. */
export async function loadInfoPage(dataDir: string, file: InfoFile, site?: SiteSettings): Promise<string> {
  const setting = settingFor(site, file);
  if (setting) return plainTextToHtml(setting);
  try {
    return sanitizeBody(await fs.readFile(path.join(dataDir, `${file}.html`), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULTS[file];
    throw error;
  }
}
