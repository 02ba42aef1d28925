/** The pages a logged-in member comes back for: the header's menu and the front page's shortcuts. */
import type { Viewer } from './context.ts';

export interface MenuLink {
  href: string;
  label: string;
}

/** Each page exists on this archive (a route test follows every link). Log out is a form, not a link. */
export function memberLinks(viewer: Viewer): MenuLink[] {
  const me = `/users/${encodeURIComponent(viewer.username)}`;
  return [
    { href: me, label: 'Dashboard' },
    { href: `${me}/works`, label: 'My works' },
    { href: `${me}#drafts-heading`, label: 'Drafts' },
    { href: `${me}/series`, label: 'Series' },
    { href: `${me}/bookmarks`, label: 'Bookmarks' },
    { href: `${me}/inbox`, label: 'Inbox' },
    { href: `${me}/readings`, label: 'History' },
    { href: `${me}/readings/to-read`, label: 'Marked for later' },
    { href: `${me}/subscriptions`, label: 'Subscriptions' },
    { href: '/preferences', label: 'Preferences' },
    { href: `${me}/export`, label: 'Export my data' },
    { href: '/saved-filters', label: 'Saved filters' },
    { href: '/blocklist', label: 'Blocklist' },
    { href: '/works/new', label: 'Post new work' },
    { href: '/works/import', label: 'Import a work' },
  ];
}
