/**
 * The comment form, for members (which pseud to sign with) and guests (name
 * and email), with the honeypot field people never see and the message
 * beside the box when something is wrong. Many reply forms share a page, so
 * each form's ids carry a prefix.
 */
import type { Viewer } from '../web/context.ts';
import { TextArea, type FieldErrors } from '../web/forms.tsx';
import { MAX_COMMENT_LENGTH, type CommentFormValues } from './comment-input.ts';

export interface CommentFormProps {
  action: string;
  viewer: Viewer | null;
  pseuds: Array<{ id: number; name: string }>;
  returnTo: string;
  chapterId?: number;
  values?: Partial<CommentFormValues>;
  errors?: FieldErrors;
  /** Keeps ids unique when a page has many forms. */
  idPrefix?: string;
  submitLabel?: string;
}

export function CommentForm(props: CommentFormProps) {
  const { viewer, pseuds, values = {}, errors = {}, idPrefix = '' } = props;
  const field = (name: string) => `${idPrefix}${name}`;
  // The field helpers key ids and errors by name; a prefixed copy of the errors keeps them paired.
  const prefixed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [field(k), v]));
  return (
    <form method="post" action={props.action} class="comment-form">
      <input type="hidden" name="return_to" value={props.returnTo} />
      {props.chapterId !== undefined ? <input type="hidden" name="chapter_id" value={String(props.chapterId)} /> : null}
      {viewer ? (
        pseuds.length > 1 ? (
          <div class="field">
            <label for={field('pseud_id')}>Comment as</label>
            <select id={field('pseud_id')} name="pseud_id">
              {pseuds.map((p) => (
                <option value={String(p.id)} selected={values.pseudId === String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : pseuds[0] ? (
          <p class="hint">
            Comment as <strong>{pseuds[0].name}</strong>
            <input type="hidden" name="pseud_id" value={String(pseuds[0].id)} />
          </p>
        ) : null
      ) : (
        <>
          <NamedField prefix={idPrefix} name="guest_name" label="Name" value={values.guestName} errors={prefixed} />
          <NamedField
            prefix={idPrefix}
            name="guest_email"
            label="Email (only moderators see it)"
            type="email"
            value={values.guestEmail}
            errors={prefixed}
          />
        </>
      )}
      <div class="visually-hidden" aria-hidden="true">
        <label for={field('website')}>Leave this field empty</label>
        <input id={field('website')} name="website" type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
      <NamedArea prefix={idPrefix} value={values.body} errors={prefixed} />
      <button type="submit">{props.submitLabel ?? 'Comment'}</button>
    </form>
  );
}

/** A text field whose id carries the form's prefix while its name stays the one the server reads. */
function NamedField(props: {
  prefix: string;
  name: string;
  label: string;
  value?: string;
  type?: string;
  errors: FieldErrors;
}) {
  const id = `${props.prefix}${props.name}`;
  return (
    <div class={props.errors[id] ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        <span class="required"> (required)</span>
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required
        aria-invalid={props.errors[id] ? 'true' : undefined}
        aria-describedby={props.errors[id] ? `${id}-error` : undefined}
      />
      {props.errors[id] ? (
        <p class="field-error" id={`${id}-error`}>
          {props.errors[id]}
        </p>
      ) : null}
    </div>
  );
}

function NamedArea({ prefix, value, errors }: { prefix: string; value?: string; errors: FieldErrors }) {
  if (!prefix) {
    return (
      <TextArea
        name="body"
        label="Comment"
        value={value}
        rows={6}
        maxlength={MAX_COMMENT_LENGTH}
        errors={errors}
        required
        hint="Plain text, or HTML as in chapters."
      />
    );
  }
  const id = `${prefix}body`;
  return (
    <div class="field">
      <label for={id}>Reply</label>
      <textarea id={id} name="body" rows={4} maxlength={MAX_COMMENT_LENGTH} required>
        {value ?? ''}
      </textarea>
    </div>
  );
}
