/**
 * GET and POST /admin/works/:id/edit: a moderator changes a work's rating, archive warnings, categories,
 * fandoms, relationships, characters, additional tags or language, with a reason — the post form's own
 * fields and rules (src/works/post-form-tags.tsx, form-schema.ts), saved by the audited command in
 * edit-work-tags.ts, which tells the creators. Reached from the work's moderation page (/admin/reports/work/:id).
 */
import { Hono } from 'hono';
import { actorOf } from '../audit/run-command.ts';
import type { Rating } from '../domain-facts.ts';
import { splitTagList } from '../tags/names.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import {
  blankWorkForm,
  checkClassificationForm,
  readWorkForm,
  type ClassificationFormValues,
} from '../works/form-schema.ts';
import { TagFields } from '../works/post-form-tags.tsx';
import { findWorkTagNames, listLanguages } from '../works/queries.ts';
import { editWorkClassification, NothingChangedError } from './edit-work-tags.ts';
import { findWorkClassification } from './queries.ts';
import { staff } from './routes.tsx';
import { itemPath } from './views.tsx';
import { NothingThereError } from './work-actions.ts';

export const workEditRoutes = new Hono<AppEnv>();

const REASON_MAX = 1000;

const workIdOf = (c: AppContext) => {
  const raw = c.req.param('id');
  return raw && /^[0-9]{1,12}$/.test(raw) ? Number(raw) : null;
};

async function showForm(
  c: AppContext,
  work: { id: number; title: string },
  values: ClassificationFormValues,
  reason: string,
  errors: FieldErrors,
  status: 200 | 422 = 200,
): Promise<Response> {
  const languages = await listLanguages(c.get('deps').db);
  return renderPage(
    c,
    { title: `Edit the tags of ${work.title}`, status },
    <section class="moderator-edit">
      <p>
        <a href={itemPath('work', work.id)}>Back to its moderation page</a>
      </p>
      <h1>Edit the tags of “{work.title}”</h1>
      <p>Its creators are told what changed and why (never by whom), in their inbox and by mail.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/admin/works/${work.id}/edit`}>
        <TagFields values={{ ...blankWorkForm(undefined), ...values }} errors={errors} languages={languages} />
        <TextField
          name="reason"
          label="Reason (required; kept in the audit log and told to the creators)"
          value={reason}
          maxlength={REASON_MAX}
          required
          errors={errors}
        />
        <button type="submit">Save the changes</button>
      </form>
    </section>,
  );
}

async function loadWork(c: AppContext) {
  const workId = workIdOf(c);
  const work = workId === null ? undefined : await findWorkClassification(c.get('deps').db, workId);
  return work && !work.deleted_at && work.status === 'posted' ? work : undefined;
}

const notFound = (c: AppContext) => renderMessage(c, 404, 'Not found', 'There is no such work.');

workEditRoutes.get('/admin/works/:id{[0-9]+}/edit', async (c) => {
  const viewer = await staff(c, 'moderate');
  if (viewer instanceof Response) return viewer;
  const work = await loadWork(c);
  if (!work) return notFound(c);
  const tags = await findWorkTagNames(c.get('deps').db, work.id);
  const values: ClassificationFormValues = {
    rating: work.rating,
    warnings: tags.warnings,
    categories: tags.categories,
    fandoms: tags.fandoms.join(', '),
    relationships: tags.relationships.join(', '),
    characters: tags.characters.join(', '),
    freeforms: tags.freeforms.join(', '),
    language: work.language,
  };
  return showForm(c, work, values, '', {});
});

workEditRoutes.post('/admin/works/:id{[0-9]+}/edit', async (c) => {
  const viewer = await staff(c, 'moderate');
  if (viewer instanceof Response) return viewer;
  const work = await loadWork(c);
  if (!work) return notFound(c);
  const { db, config } = c.get('deps');
  const body = await c.req.parseBody({ all: true });
  const values: ClassificationFormValues = readWorkForm(body);
  const reason = (typeof body.reason === 'string' ? body.reason : '').trim();
  const errors = checkClassificationForm(values);
  if (!reason) errors.reason = 'Give a reason: it is kept in the audit log and told to the creators.';
  else if (reason.length > REASON_MAX) errors.reason = `At most ${REASON_MAX} characters.`;
  const languages = await listLanguages(db);
  if (!errors.language && !languages.some((l) => l.code === values.language)) {
    errors.language = 'Choose the language the work is written in.';
  }
  if (Object.keys(errors).length) return showForm(c, work, values, reason, errors, 422);
  try {
    await editWorkClassification(
      db,
      actorOf(viewer),
      work.id,
      {
        rating: values.rating as Rating,
        warnings: [...new Set(values.warnings)],
        categories: [...new Set(values.categories)],
        fandoms: splitTagList(values.fandoms),
        relationships: splitTagList(values.relationships),
        characters: splitTagList(values.characters),
        freeforms: splitTagList(values.freeforms),
        languageCode: values.language,
      },
      reason,
      config,
    );
  } catch (error) {
    if (error instanceof NothingChangedError) {
      return showForm(c, work, values, reason, { form: 'Nothing was changed: edit a field first.' }, 422);
    }
    if (error instanceof NothingThereError) return notFound(c);
    throw error;
  }
  return redirectWithFlash(c, itemPath('work', work.id), 'The work’s tags are changed; its creators are told.');
});
