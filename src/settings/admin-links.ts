/**
 * The admin pages this part of the archive adds, for the `/admin` home to list (until it exists, each page
 * links the others). All ask `requireAdminArea(c, 'manage-settings')`.
 */
export const SETTINGS_ADMIN_LINKS: ReadonlyArray<{ href: string; label: string }> = [
  { href: '/admin/settings', label: 'Archive settings (accounts, guests, downloads, terms, banner)' },
  { href: '/admin/invitations', label: 'Invitations' },
  { href: '/admin_posts/new', label: 'Write a news post' },
];
