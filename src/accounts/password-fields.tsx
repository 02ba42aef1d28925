/**
 * The two fields that set a new password — type it, then type it again — as
 * signing up and resetting a password both ask for them. The values are
 * never sent back to the browser, so neither field takes one.
 */
import { TextField, type FieldErrors } from '../web/forms.tsx';
import { PASSWORD_MIN } from './schema.ts';

export function NewPasswordFields(props: { errors: FieldErrors; label: string; confirmLabel: string }) {
  return (
    <>
      <TextField
        name="password"
        label={props.label}
        type="password"
        errors={props.errors}
        required
        autocomplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <TextField
        name="password_confirmation"
        label={props.confirmLabel}
        type="password"
        errors={props.errors}
        required
        autocomplete="new-password"
      />
    </>
  );
}
