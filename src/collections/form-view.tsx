/**
 * The collection form, for a new collection and for its settings page:
 * every field with its error beside it and what was typed kept. On the
 * settings page the short name (its address) shows but does not change.
 */
import { ChoiceGroup, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import { SETTING_LABELS, SETTINGS, type CollectionFormValues } from './form.ts';

export function CollectionForm({
  values,
  errors,
  action,
  editing,
}: {
  values: CollectionFormValues;
  errors: FieldErrors;
  action: string;
  editing?: boolean;
}) {
  const html = 'Some HTML is allowed, cleaned as in work notes.';
  return (
    <form method="post" action={action} class="collection-form" novalidate>
      <ErrorSummary errors={errors} />
      {editing ? (
        <p>
          Short name: <code>{values.name}</code> (its address; it does not change)
        </p>
      ) : (
        <TextField
          name="name"
          label="Short name (its address)"
          required
          value={values.name}
          errors={errors}
          hint="3 to 60 letters, digits or underscores: /collections/short_name."
        />
      )}
      <TextField name="title" label="Title" required value={values.title} errors={errors} maxlength={255} />
      <TextArea name="description" label="Description" value={values.description} errors={errors} hint={html} />
      <TextArea name="introduction" label="Introduction" value={values.introduction} errors={errors} hint={html} />
      <TextArea name="rules" label="Rules" value={values.rules} errors={errors} hint={html} />
      <TextArea name="faq" label="FAQ" value={values.faq} errors={errors} hint={html} />
      <TextField
        name="parent"
        label="Parent collection (short name)"
        value={values.parent}
        errors={errors}
        hint="Optional: this collection’s works are then listed in the parent’s too."
      />
      <ChoiceGroup
        name="settings"
        label="Settings"
        chosen={values.settings}
        errors={errors}
        options={SETTINGS.map((s) => [s, SETTING_LABELS[s]] as const)}
      />
      <div class="actions">
        <button type="submit">{editing ? 'Save settings' : 'Create collection'}</button>
      </div>
    </form>
  );
}

/** The settings page's list of people, each with a Remove button, and the form naming someone. */
export function PeopleSection({
  path,
  people,
  canManage,
}: {
  path: string;
  people: ReadonlyArray<{ user_id: number; username: string; role: string }>;
  /** An owner's page: Remove buttons and the form naming someone (a moderator sees the list only). */
  canManage: boolean;
}) {
  return (
    <section class="collection-people" aria-labelledby="people-heading">
      <h2 id="people-heading">Maintainers and members</h2>
      <ul>
        {people.map((p) => (
          <li>
            <a href={`/users/${encodeURIComponent(p.username)}`}>{p.username}</a> ({p.role}){' '}
            {canManage ? (
              <form method="post" action={`${path}/people/${p.user_id}/remove`} class="inline">
                <button type="submit" class="secondary">
                  Remove {p.username}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? <NameSomeone path={path} /> : null}
    </section>
  );
}

function NameSomeone({ path }: { path: string }) {
  return (
    <form method="post" action={`${path}/participants`}>
      <TextField name="username" label="Username" errors={{}} />
      <SelectField
        name="role"
        label="Role"
        errors={{}}
        options={[
          ['member', 'Member: may post when the collection is closed or members only'],
          ['moderator', 'Moderator: approves works, invites, reveals, edits'],
          ['owner', 'Owner: a moderator who also names people'],
        ]}
      />
      <button type="submit">Add or change role</button>
    </form>
  );
}
