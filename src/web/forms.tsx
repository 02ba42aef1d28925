/**
 * Form pieces shared by every page: labelled fields that show their error
 * beside them (linked with aria-describedby) and keep what the person typed.
 */
import type { Child } from 'hono/jsx';

/** Field name → message, as the forms' validators return them. */
export type FieldErrors = Record<string, string>;

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: Child;
  required?: boolean;
}

function describedBy(name: string, errors?: FieldErrors, hint?: Child): string | undefined {
  const ids = [hint ? `${name}-hint` : '', errors?.[name] ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldNotes({ name, errors, hint }: FieldProps) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.[name] ? (
        <p class="field-error" id={`${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </>
  );
}

/** One control with its label ("(required)" marked), then its hint and error, in a div styled for errors. */
function Field(props: FieldProps & { children: Child }) {
  const { name, label, errors, required } = props;
  return (
    <div class={errors?.[name] ? 'field has-error' : 'field'}>
      <label for={name}>
        {label}
        {required ? <span class="required"> (required)</span> : null}
      </label>
      {props.children}
      <FieldNotes {...props} />
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string;
    type?: string;
    maxlength?: number;
    autocomplete?: string;
    /** Where assets/tag-autocomplete.js asks for suggestions as the field (comma-separated) is typed in. */
    suggestFrom?: string;
  },
) {
  const { name, errors, required, value, type, maxlength, autocomplete, suggestFrom } = props;
  return (
    <Field {...props}>
      <input
        id={name}
        name={name}
        type={type ?? 'text'}
        value={value ?? ''}
        maxlength={maxlength}
        autocomplete={autocomplete}
        data-suggest-from={suggestFrom}
        required={required}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, errors, props.hint)}
      />
    </Field>
  );
}

/** A file input (its form needs enctype="multipart/form-data"); browsers never refill one, so say so in the hint. */
export function FileField(props: FieldProps & { accept?: string }) {
  const { name, errors, required, accept } = props;
  return (
    <Field {...props}>
      <input
        id={name}
        name={name}
        type="file"
        accept={accept}
        required={required}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, errors, props.hint)}
      />
    </Field>
  );
}

export function TextArea(props: FieldProps & { value?: string; rows?: number; maxlength?: number }) {
  const { name, errors, required, value, rows, maxlength } = props;
  return (
    <Field {...props}>
      <textarea
        id={name}
        name={name}
        rows={rows ?? 4}
        maxlength={maxlength}
        required={required}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, errors, props.hint)}
      >
        {value ?? ''}
      </textarea>
    </Field>
  );
}

export function SelectField(
  props: FieldProps & { value?: string; options: ReadonlyArray<readonly [value: string, label: string]> },
) {
  const { name, errors, required, value, options } = props;
  return (
    <Field {...props}>
      <select
        id={name}
        name={name}
        required={required}
        aria-invalid={errors?.[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, errors, props.hint)}
      >
        {options.map(([optionValue, optionLabel]) => (
          <option value={optionValue} selected={optionValue === value}>
            {optionLabel}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A group of checkboxes (or radios) in a fieldset with a legend. */
export function ChoiceGroup(
  props: FieldProps & {
    type?: 'checkbox' | 'radio';
    chosen: readonly string[];
    options: ReadonlyArray<readonly [value: string, label: string]>;
  },
) {
  const { name, label, errors, required, chosen, options, type } = props;
  return (
    <fieldset
      class={errors?.[name] ? 'field choices has-error' : 'field choices'}
      aria-describedby={describedBy(name, errors, props.hint)}
    >
      <legend>
        {label}
        {required ? <span class="required"> (required)</span> : null}
      </legend>
      {options.map(([value, optionLabel], index) => (
        <label class="choice" for={`${name}-${index}`}>
          <input
            id={`${name}-${index}`}
            type={type ?? 'checkbox'}
            name={name}
            value={value}
            checked={chosen.includes(value)}
          />{' '}
          {optionLabel}
        </label>
      ))}
      <FieldNotes {...props} />
    </fieldset>
  );
}

/** A short list of all errors at the top of a form, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{entries.length === 1 ? 'There is a problem' : `There are ${entries.length} problems`}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
