/**
 * Shows the post or edit form page: loads the choices the form offers (the
 * viewer's pseuds, languages, series) and renders it with the given values,
 * errors and optional preview.
 */
import type { Child } from 'hono/jsx';
import { listPseuds } from '../accounts/queries.ts';
import type { AppContext, Viewer } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { renderPage } from '../web/layout.tsx';
import { TAG_AUTOCOMPLETE_SCRIPT } from '../tags/autocomplete-asset.tsx';
import type { WorkFormValues } from './form-schema.ts';
import { listSeriesChoices } from './form-queries.ts';
import { PostForm } from './post-form.tsx';
import { listLanguages } from './queries.ts';

export interface WorkFormPage {
  mode: 'new' | 'edit';
  values: WorkFormValues;
  errors?: FieldErrors;
  status?: number;
  workId?: number;
  isDraft?: boolean;
  preview?: Child;
}

export async function showWorkForm(c: AppContext, viewer: Viewer, page: WorkFormPage): Promise<Response> {
  const { db } = c.get('deps');
  const [ownPseuds, languages, seriesChoices] = await Promise.all([
    listPseuds(db, viewer.id),
    listLanguages(db),
    listSeriesChoices(db, viewer.id, page.workId),
  ]);
  const errors = page.errors ?? {};
  const title = page.mode === 'new' ? 'Post a new work' : `Edit ${page.values.title || 'work'}`;
  return renderPage(
    c,
    {
      title: Object.keys(errors).length ? `Error: ${title}` : title,
      status: page.status,
      head: TAG_AUTOCOMPLETE_SCRIPT, // tag suggestions (progressive enhancement: the form works without it)
    },
    <PostForm
      mode={page.mode}
      action={page.mode === 'new' ? '/works/new' : `/works/${page.workId}/edit`}
      values={page.values}
      errors={errors}
      ownPseuds={ownPseuds}
      languages={languages}
      seriesChoices={seriesChoices}
      isDraft={page.isDraft}
      preview={page.preview}
    />,
  );
}

/** The title of the series a previewed form names, for the preview's meta block. */
export async function previewSeriesTitle(c: AppContext, viewer: Viewer, values: WorkFormValues, workId?: number) {
  if (values.series_title.trim()) return values.series_title.trim();
  if (!values.series_id) return undefined;
  const choices = await listSeriesChoices(c.get('deps').db, viewer.id, workId);
  return choices.find((s) => String(s.id) === values.series_id)?.title;
}
