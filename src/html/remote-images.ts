/**
 * Images from other hosts, as readers get them (`QUIRE_REMOTE_IMAGES`). An
 * `<img>` that points at another host makes every reader's browser ask that
 * host for it, telling it the reader's address and when they read. In
 * `click` mode (the default) such an image becomes a plain link, "Show image
 * from example.com", so nothing is fetched until the reader chooses to; in
 * `show` mode it stays an image. This runs when a page is rendered, never on
 * the stored HTML, so an admin may switch modes at any time.
 *
 * The HTML it reads is ours: stored bodies passed the sanitizer, which writes
 * every attribute double-quoted with `<`, `>` and `"` escaped, so a tag ends
 * at the first `>` and its attributes match one simple pattern.
 */
import fs from 'node:fs';

export type RemoteImageMode = 'click' | 'show';

/** The script that shows a clicked image in place (assets/remote-images.js), served by src/server.ts. */
export const REMOTE_IMAGES_SCRIPT_PATH = '/assets/remote-images.js';
export const remoteImagesScript = fs.readFileSync(new URL('./assets/remote-images.js', import.meta.url), 'utf8');

export const REMOTE_IMAGE_MODES: readonly RemoteImageMode[] = ['click', 'show'];

const TAG = /<(\/?)(a|img)\b([^>]*)>/gi;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/gi;

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(ATTRIBUTE)) attributes[name.toLowerCase()] = value;
  return attributes;
}

const unescapeAttribute = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The other host an image's address names, or null for this archive's own (or a relative or data: address). */
export function remoteHostOf(src: string, ownHost: string): string | null {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null; // relative: this archive's own
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.host.toLowerCase() === ownHost.toLowerCase() ? null : url.hostname;
}

/** A whole page with its remote-image links: the script that opens them in place, in its <head>. */
export function withRemoteImageScript(page: string): string {
  if (!page.includes('class="remote-image"')) return page;
  return page.replace('</head>', `<script src="${REMOTE_IMAGES_SCRIPT_PATH}" defer></script></head>`);
}

/** `html` with every image from another host made a link (click mode), or unchanged (show mode). */
export function applyRemoteImages(html: string, mode: RemoteImageMode, ownHost: string): string {
  if (mode === 'show' || !/<img\b/i.test(html)) return html;
  let linkDepth = 0;
  return html.replace(TAG, (tag: string, closing: string, name: string, rest: string) => {
    if (name.toLowerCase() === 'a') {
      linkDepth = Math.max(0, linkDepth + (closing ? -1 : 1));
      return tag;
    }
    const attributes = attributesOf(rest);
    const src = attributes.src ?? '';
    const host = remoteHostOf(unescapeAttribute(src), ownHost);
    if (!host) return tag;
    const alt = unescapeAttribute(attributes.alt ?? '').trim();
    const label = `Show image from ${host}${alt ? `: ${alt}` : ''}`;
    // Inside a link a second link cannot nest: the reader gets the label, the outer link stays.
    if (linkDepth > 0) return `<span class="remote-image">[${escapeText(label)}]</span>`;
    return `<a class="remote-image" href="${src}" data-alt="${attributes.alt ?? ''}" rel="nofollow noopener noreferrer">${escapeText(label)}</a>`;
  });
}
