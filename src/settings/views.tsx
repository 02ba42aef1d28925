/** The `/admin/settings` form: every setting of the archive on one page, grouped as admins look for them. */
import { ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import type { SiteSettings } from '../web/site-settings.ts';
import { BANNER_MAX, DESCRIPTION_MAX, NAME_MAX } from './schema.ts';
import { SETTINGS_ADMIN_LINKS } from './admin-links.ts';

function Toggle({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="choice-with-hint">
      <label class="choice" for={name}>
        <input id={name} type="checkbox" name={name} value="1" checked={checked} /> {label}
      </label>
      {hint ? <p class="hint">{hint}</p> : null}
    </div>
  );
}

const CREATION: ReadonlyArray<readonly [string, string]> = [
  ['open', 'Open: anyone may sign up'],
  ['invitation', 'By invitation: a sign-up needs an invitation code'],
  ['closed', 'Closed: no new accounts'],
];

export function SettingsForm({ site, errors }: { site: SiteSettings; errors: FieldErrors }) {
  return (
    <section class="admin-settings">
      <h1>Archive settings</h1>
      <nav aria-label="Admin pages">
        <ul class="inline-list">
          {SETTINGS_ADMIN_LINKS.map((link) => (
            <li>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/settings">
        <fieldset class="field choices">
          <legend>Accounts</legend>
          {CREATION.map(([value, label], index) => (
            <label class="choice" for={`account_creation-${index}`}>
              <input
                id={`account_creation-${index}`}
                type="radio"
                name="account_creation"
                value={value}
                checked={site.accountCreation === value}
              />{' '}
              {label}
            </label>
          ))}
          <Toggle
            name="invite_queue"
            label="Invitation queue: people may ask for an invitation at /invite_requests"
            checked={site.inviteQueueOn}
          />
          <TextField
            name="invites_per_day"
            label="Invitations the queue sends each day"
            value={String(site.invitesPerDay)}
            errors={errors}
          />
          <TextArea
            name="refused_emails"
            label="Email domains and addresses refused at sign-up"
            hint="One a line: example.com refuses every address there (and at its subdomains); someone@example.com one address."
            value={site.refusedEmails.join('\n')}
            errors={errors}
          />
        </fieldset>
        <fieldset class="field choices">
          <legend>New accounts and guests</legend>
          <Toggle name="guest_comments" label="Guests may comment" checked={site.guestComments} />
          <Toggle name="downloads" label="Works may be downloaded (EPUB, PDF, HTML…)" checked={site.downloads} />
          <TextField
            name="new_account_post_hours"
            label="Hours a new account waits before posting a work"
            hint="An account this young also has its works and comments with many links or repeated text held for review. 0 turns both off."
            value={String(site.newAccountPostHours)}
            errors={errors}
          />
          <TextField
            name="new_account_comment_limit"
            label="Comments per 15 minutes for accounts younger than a day"
            value={String(site.newAccountCommentLimit)}
            errors={errors}
          />
        </fieldset>
        <fieldset class="field choices">
          <legend>The archive</legend>
          <TextField
            name="archive_name"
            label="Name"
            hint="Empty: the name the server was started with."
            value={site.archiveName ?? ''}
            maxlength={NAME_MAX}
            errors={errors}
          />
          <TextArea
            name="description"
            label="Short description (front page)"
            hint="Plain text. Empty: the data folder's description.html, or the default."
            value={site.description ?? ''}
            maxlength={DESCRIPTION_MAX}
            errors={errors}
          />
        </fieldset>
        <fieldset class="field choices">
          <legend>Terms of Service and privacy</legend>
          <p class="hint">
            {site.tosVersion > 0
              ? `Version ${site.tosVersion} is published.`
              : 'No version is published yet: sign-up asks no acceptance.'}
          </p>
          <TextArea name="tos_text" label="Terms of Service" rows={10} value={site.tosText ?? ''} errors={errors} />
          <TextArea name="privacy_text" label="Privacy" rows={8} value={site.privacyText ?? ''} errors={errors} />
          <Toggle
            name="new_tos_version"
            label="Publish these terms as a new version"
            checked={false}
            hint="New accounts accept it at sign-up; every member is asked to accept it once."
          />
        </fieldset>
        <fieldset class="field choices">
          <legend>Site banner</legend>
          <TextArea
            name="banner_text"
            label="Banner text"
            hint="Shown above every page until a reader dismisses it. Empty: no banner."
            value={site.bannerText ?? ''}
            maxlength={BANNER_MAX}
            errors={errors}
          />
          <SelectField
            name="banner_level"
            label="Level"
            value={site.bannerLevel}
            options={[
              ['notice', 'Notice'],
              ['warning', 'Warning'],
            ]}
            errors={errors}
          />
        </fieldset>
        <button type="submit">Save settings</button>
      </form>
    </section>
  );
}
