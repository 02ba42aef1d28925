/** The Download menu above a work's details, for works that have downloads (a reading extra). */
import { hasDownloads } from '../visibility/index.ts';
import type { ReadingExtra } from '../works/reading-extras.ts';
import { DownloadLinks } from './links.tsx';

export const downloadLinksExtra: ReadingExtra = {
  name: 'downloads',
  place: 'tools',
  async load({ access, work, site }) {
    // An admin may turn downloads off for the whole archive (src/settings/guards.ts refuses the files too).
    if (site && !site.downloads) return null;
    return hasDownloads(access) ? <DownloadLinks work={work} /> : null;
  },
};
