/**
 * Bookmarking a work hosted elsewhere (`GET/POST /external_works/new`): a
 * member types what they know of it — address, title, creator, rating,
 * fandoms and other tags, summary — beside their bookmark's notes, tags and
 * flags; and the external work's page with its public bookmarks
 * (`/external_works/:id`).
 */
import { Hono } from 'hono';
import { RATINGS } from '../domain-facts.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { SelectField, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { readBookmarkForm, type BookmarkForm } from './bookmark-input.ts';
import {
  checkExternalWorkForm,
  readExternalWorkForm,
  EXTERNAL_TAG_FIELDS,
  type ExternalWorkForm,
} from './external-input.ts';
import { findExternalWork, insertExternalWork } from './external-queries.ts';
import { listingAsk, renderBookmarkListing } from './listing-routes.tsx';
import { listPseuds } from './queries.ts';
import { createFromForm } from './routes.tsx';
import { BookmarkFormView } from './views.tsx';

export const externalWorkRoutes = new Hono<AppEnv>();

const LABELS: Record<(typeof EXTERNAL_TAG_FIELDS)[number], string> = {
  fandoms: 'Fandoms',
  relationships: 'Relationships',
  characters: 'Characters',
  freeforms: 'Additional tags',
};

const blankExternal: ExternalWorkForm = {
  url: '',
  title: '',
  creator: '',
  rating: 'Not Rated',
  summary: '',
  fandoms: '',
  relationships: '',
  characters: '',
  freeforms: '',
};
const blankBookmark: BookmarkForm = { notes: '', tags: '', isRec: false, isPrivate: false, pseudId: '' };

function ExternalFields({ values, errors }: { values: ExternalWorkForm; errors: FieldErrors }) {
  return (
    <fieldset class="external-work">
      <legend>The work</legend>
      <TextField name="url" label="Web address" type="url" value={values.url} errors={errors} required />
      <TextField name="title" label="Title" value={values.title} errors={errors} required maxlength={255} />
      <TextField name="creator" label="Creator" value={values.creator} errors={errors} required maxlength={255} />
      <SelectField
        name="rating"
        label="Rating"
        value={values.rating}
        errors={errors}
        options={RATINGS.map((r) => [r, r] as const)}
      />
      {EXTERNAL_TAG_FIELDS.map((field) => (
        <TextField
          name={field}
          label={LABELS[field]}
          value={values[field]}
          errors={errors}
          required={field === 'fandoms'}
          hint="Separated by commas."
        />
      ))}
      <TextArea name="summary" label="Summary" value={values.summary} errors={errors} rows={4} />
    </fieldset>
  );
}

async function renderForm(
  c: AppContext,
  viewerId: number,
  external: ExternalWorkForm,
  bookmark: BookmarkForm,
  errors: FieldErrors,
) {
  const title = 'Bookmark an external work';
  return renderPage(
    c,
    { title, status: Object.keys(errors).length ? 422 : 200 },
    <>
      <BookmarkFormView
        action="/external_works/new"
        title={title}
        values={bookmark}
        errors={errors}
        pseuds={await listPseuds(c.get('deps').db, viewerId)}
        before={<ExternalFields values={external} errors={errors} />}
      />
    </>,
  );
}

externalWorkRoutes.get('/external_works/new', async (c) => {
  const viewer = c.get('viewer');
  if (!viewer) return c.redirect(`/login?return_to=${encodeURIComponent(c.req.path)}`, 303);
  return renderForm(c, viewer.id, blankExternal, blankBookmark, {});
});

externalWorkRoutes.post('/external_works/new', async (c) => {
  const viewer = c.get('viewer');
  if (!viewer) return c.redirect(`/login?return_to=${encodeURIComponent(c.req.path)}`, 303);
  const body = await c.req.parseBody();
  const external = readExternalWorkForm(body);
  const bookmark = readBookmarkForm(body);
  const checked = checkExternalWorkForm(external);
  const { db } = c.get('deps');
  let externalId = 0;
  const done = await createFromForm(
    c,
    { kind: 'external', id: 0 },
    viewer.id,
    checked.input.title,
    '',
    bookmark,
    checked.errors,
    async () => {
      externalId = await insertExternalWork(db, checked.input, viewer.id);
      return { kind: 'external', id: externalId };
    },
  );
  if ('response' in done) return c.redirect(`/external_works/${externalId}`, 303);
  return renderForm(c, viewer.id, external, bookmark, done.errors);
});

externalWorkRoutes.get('/external_works/:id{[0-9]+}', async (c) => {
  const id = Number(c.req.param('id'));
  const work = id <= 1e9 ? await findExternalWork(c.get('deps').db, id) : undefined;
  if (!work) return renderMessage(c, 404, 'Not found', 'There is no external work at this address.');
  const intro = (
    <div class="external-work">
      <p>
        <a href={work.url} rel="nofollow noopener">
          {work.url}
        </a>{' '}
        by {work.creator} · {work.rating}
      </p>
      <ul class="tags">
        {work.tags.map((tag) => (
          <li class={tag.field}>{tag.name}</li>
        ))}
      </ul>
      {work.summary ? <blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: work.summary }} /> : null}
    </div>
  );
  return renderBookmarkListing(c, `${work.title} (external work)`, await listingAsk(c, { externalWorkId: id }), intro);
});
