/**
 * The post form page (new work and edit work): every field of docs/DOMAIN.md's
 * work table, errors beside each field and summarised at the top, the
 * optional preview above, and the Preview / Save as draft / Post buttons.
 * It only shows what it is given; routes load the choices.
 */
import type { Child } from 'hono/jsx';
import type { Pseud } from '../accounts/accounts.table.ts';
import { ChapterFields } from './chapter-fields.tsx';
import { ErrorSummary, type FieldErrors } from '../web/forms.tsx';
import type { WorkFormValues } from './form-schema.ts';
import { AssociationFields, ChapterCountAndDateFields, PrefaceFields, PrivacyFields } from './post-form-details.tsx';
import { TagFields } from './post-form-tags.tsx';

export interface PostFormProps {
  /** A new work (with its first chapter) or an existing work's metadata. */
  mode: 'new' | 'edit';
  /** Where the form posts to. */
  action: string;
  values: WorkFormValues;
  errors: FieldErrors;
  ownPseuds: Pseud[];
  languages: ReadonlyArray<{ code: string; name: string }>;
  seriesChoices: ReadonlyArray<{ id: number; title: string }>;
  /** Editing a draft: offer to post it. */
  isDraft?: boolean;
  /** The preview panel, when the person asked for one. */
  preview?: Child;
}

export function PostForm(props: PostFormProps) {
  const { mode, action, values, errors, preview } = props;
  return (
    <div class="post-form">
      <h1>{mode === 'new' ? 'Post a new work' : `Edit “${values.title || 'Untitled'}”`}</h1>
      {preview}
      <ErrorSummary errors={errors} />
      <form method="post" action={action} id="form" novalidate>
        <TagFields values={values} errors={errors} languages={props.languages} />
        <PrefaceFields values={values} errors={errors} ownPseuds={props.ownPseuds} />
        <AssociationFields values={values} errors={errors} seriesChoices={props.seriesChoices} />
        <ChapterCountAndDateFields values={values} errors={errors} />
        <PrivacyFields values={values} errors={errors} />
        {mode === 'new' ? (
          <section class="form-section" aria-labelledby="chapter-heading">
            <h2 id="chapter-heading">Work text</h2>
            <ChapterFields values={values} errors={errors} withNotes={false} />
          </section>
        ) : null}
        <div class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            Preview
          </button>
          {mode === 'new' ? (
            <>
              <button type="submit" name="action" value="draft" class="secondary">
                Save as draft
              </button>
              <button type="submit" name="action" value="post">
                Post
              </button>
            </>
          ) : (
            <>
              <button type="submit" name="action" value="save" class={props.isDraft ? 'secondary' : undefined}>
                {props.isDraft ? 'Save draft' : 'Save changes'}
              </button>
              {props.isDraft ? (
                <button type="submit" name="action" value="post">
                  Post
                </button>
              ) : null}
            </>
          )}
        </div>
      </form>
    </div>
  );
}
