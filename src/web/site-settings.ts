/**
 * The archive's settings as every request sees them (`c.get('site')`): what admins set at `/admin/settings`,
 * kept in the database by src/settings/ and put on each request by its middleware. Declared here, below every
 * feature, so the page layout and the sign-up, comment and download routes may read them without importing
 * the settings folder (which imports the layout).
 */

export type AccountCreation = 'open' | 'invitation' | 'closed';
export type BannerLevel = 'notice' | 'warning';

export interface SiteSettings {
  accountCreation: AccountCreation;
  /** People may ask for an invitation at /invite_requests, and the queue sends some each day. */
  inviteQueueOn: boolean;
  invitesPerDay: number;
  guestComments: boolean;
  downloads: boolean;
  /**
   * The one "new account" age, in hours: an account younger than this waits before it may post a work, and
   * its works and comments with many links or text other accounts posted are held for review
   * (src/works/hold-for-review.ts). 0 turns both off.
   */
  newAccountPostHours: number;
  /** Comments per 15 minutes for accounts younger than a day. */
  newAccountCommentLimit: number;
  /** Null: the configured name (QUIRE_ARCHIVE_NAME) stands. */
  archiveName: string | null;
  /** Plain text; null: the data folder's description.html or the default stands. */
  description: string | null;
  /** Plain text each; null: the data folder's file or the default stands. */
  tosText: string | null;
  privacyText: string | null;
  /** 0 while no version was published; a new version asks every member once. */
  tosVersion: number;
  /** Lower-case domains (`example.com`) and addresses (`someone@example.com`) refused at sign-up. */
  refusedEmails: string[];
  bannerText: string | null;
  bannerLevel: BannerLevel;
  /** Goes up with each new banner text, so a dismissal covers only the banner it dismissed. */
  bannerId: number;
}

/**
 * The hours a fresh archive starts with, before an admin saves any: `QUIRE_NEW_ACCOUNT_HOURS` when set (a
 * whole number), else 0. Once the setting is saved at /admin/settings the environment no longer counts.
 */
export function defaultNewAccountHours(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.QUIRE_NEW_ACCOUNT_HOURS?.trim();
  return raw && /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  accountCreation: 'open',
  inviteQueueOn: false,
  invitesPerDay: 10,
  guestComments: true,
  downloads: true,
  newAccountPostHours: defaultNewAccountHours(),
  newAccountCommentLimit: 3,
  archiveName: null,
  description: null,
  tosText: null,
  privacyText: null,
  tosVersion: 0,
  refusedEmails: [],
  bannerText: null,
  bannerLevel: 'notice',
  bannerId: 0,
};

/** Whether `email` is refused by the list: its whole address or its domain (or a parent domain) is listed. */
export function isEmailRefused(settings: Pick<SiteSettings, 'refusedEmails'>, email: string): boolean {
  const address = email.trim().toLowerCase();
  if (settings.refusedEmails.includes(address)) return true;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (settings.refusedEmails.includes(labels.slice(i).join('.'))) return true;
  }
  return false;
}

/** Where requests read the settings (src/settings/store.ts); `invalidate` after a change made here. */
export interface SettingsSource {
  current(): Promise<SiteSettings>;
  invalidate(): void;
}
