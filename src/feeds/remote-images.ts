/**
 * Feed readers and e-reader apps fetch whatever an entry's HTML names, so a
 * feed's (and the OPDS catalog's) entries get the same treatment of images
 * from other hosts as pages do (`QUIRE_REMOTE_IMAGES`, src/html/remote-images.ts).
 */
import type { Config } from '../config.ts';
import { applyRemoteImages } from '../html/remote-images.ts';
import type { AtomEntry } from './atom.ts';

export function entriesWithRemoteImages(
  entries: readonly AtomEntry[],
  config: Pick<Config, 'baseUrl' | 'remoteImages'>,
): AtomEntry[] {
  const host = new URL(config.baseUrl).host;
  const apply = (html: string) => applyRemoteImages(html, config.remoteImages, host);
  return entries.map((entry) => ({
    ...entry,
    summaryHtml: entry.summaryHtml === undefined ? undefined : apply(entry.summaryHtml),
    content: entry.content?.type === 'html' ? { ...entry.content, value: apply(entry.content.value) } : entry.content,
  }));
}
