/** Reading the `/admin/settings` form into settings, with a message beside each field that is wrong. */
import type { FieldErrors } from '../web/forms.tsx';
import type { AccountCreation, BannerLevel, SiteSettings } from '../web/site-settings.ts';

type Form = Record<string, string | File | (string | File)[]>;

const text = (form: Form, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
};
const isOn = (form: Form, name: string) => text(form, name) === '1';

export const NAME_MAX = 80;
export const DESCRIPTION_MAX = 1000;
export const TERMS_MAX = 50_000;
export const BANNER_MAX = 500;

function count(form: Form, name: string, max: number, errors: FieldErrors): number {
  const raw = text(form, name);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) {
    errors[name] = `Enter a whole number from 0 to ${max}.`;
    return 0;
  }
  return value;
}

function bounded(form: Form, name: string, max: number, errors: FieldErrors): string | null {
  const value = text(form, name);
  if (value.length > max) errors[name] = `At most ${max} characters.`;
  return value || null;
}

/** Domains and addresses, one a line (or separated by commas or spaces), lower-cased, without repeats. */
export function refusedListOf(raw: string, errors: FieldErrors): string[] {
  const entries = [
    ...new Set(
      raw
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ].map((e) => e.replace(/^@/, ''));
  const wrong = entries.filter((e) => !/^([^@\s]+@)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(e));
  if (wrong.length) errors.refused_emails = `Not a domain or an address: ${wrong.slice(0, 3).join(', ')}.`;
  return entries;
}

export function readSettingsForm(
  form: Form,
  current: SiteSettings,
): { settings: Omit<SiteSettings, 'bannerId' | 'tosVersion'> & { newTermsVersion: boolean }; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const creation = text(form, 'account_creation');
  const level = text(form, 'banner_level');
  const settings = {
    accountCreation: (['open', 'invitation', 'closed'].includes(creation)
      ? creation
      : current.accountCreation) as AccountCreation,
    inviteQueueOn: isOn(form, 'invite_queue'),
    invitesPerDay: count(form, 'invites_per_day', 10_000, errors),
    guestComments: isOn(form, 'guest_comments'),
    downloads: isOn(form, 'downloads'),
    newAccountPostHours: count(form, 'new_account_post_hours', 24 * 90, errors),
    newAccountCommentLimit: count(form, 'new_account_comment_limit', 1000, errors),
    archiveName: bounded(form, 'archive_name', NAME_MAX, errors),
    description: bounded(form, 'description', DESCRIPTION_MAX, errors),
    tosText: bounded(form, 'tos_text', TERMS_MAX, errors),
    privacyText: bounded(form, 'privacy_text', TERMS_MAX, errors),
    refusedEmails: refusedListOf(text(form, 'refused_emails'), errors),
    bannerText: bounded(form, 'banner_text', BANNER_MAX, errors),
    bannerLevel: (level === 'warning' ? 'warning' : 'notice') as BannerLevel,
    newTermsVersion: isOn(form, 'new_tos_version'),
  };
  return { settings, errors };
}
