/**
 * The owner's pages for giving things up: GET/POST /users/:name/orphan
 * (choose works, series and pseuds; keep the pseud's name or not; confirm
 * that it is permanent), and a pseud's edit and delete pages
 * (/users/:name/pseuds/:id/edit, …/delete: move its works to another pseud
 * or orphan them; the default pseud cannot be deleted).
 */
import { Hono } from 'hono';
import type { Pseud, User } from '../accounts/accounts.table.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import { ErrorSummary, TextArea, TextField, type FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { ownAccount } from '../accounts/account-edit-routes.tsx';
import { findPseud, listPseuds, updatePseud } from '../accounts/queries.ts';
import {
  fieldErrorsOf,
  PSEUD_DESCRIPTION_MAX,
  PSEUD_NAME_MAX,
  PSEUD_NAME_TAKEN,
  pseudSchema,
  typedValues,
} from '../accounts/schema.ts';
import { deletePseud, pseudWorksChoice } from './delete-pseud.ts';
import { orphan } from './orphan.ts';
import { listOrphanables } from './queries.ts';
import { IconFields, readIconForm, saveIconPlan } from '../users/pseud-icon-form.tsx';

export const orphaningRoutes = new Hono<AppEnv>();

export const ORPHAN_IS_PERMANENT =
  'Orphaning is permanent: you cannot take the works back, and nothing on them will lead to your account.';

const userPath = (user: User) => `/users/${encodeURIComponent(user.username)}`;

const ids = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value])
    .map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN))
    .filter((n) => Number.isSafeInteger(n) && n > 0);

function KeepNameChoice() {
  return (
    <fieldset class="field choices">
      <legend>Your pseud's name on the orphaned works</legend>
      <label class="choice" for="keep_name-1">
        <input id="keep_name-1" type="radio" name="keep_name" value="1" checked /> Keep it: the byline reads
        "orphan_account (your pseud)"
      </label>
      <label class="choice" for="keep_name-0">
        <input id="keep_name-0" type="radio" name="keep_name" value="0" /> Remove it: the byline reads "orphan_account"
      </label>
    </fieldset>
  );
}

async function renderOrphan(c: AppContext, user: User, errors: FieldErrors = {}, status = 200) {
  const { db } = c.get('deps');
  const { works, series } = await listOrphanables(db, user.id);
  const pseuds = await listPseuds(db, user.id);
  const chosen = new Set(ids(c.req.queries('work') ?? []));
  return renderPage(
    c,
    { title: 'Orphan works', status },
    <section class="account-form">
      <h1>Orphan works</h1>
      <p>
        Orphaned works stay on the archive, credited to the archive's <strong>orphan_account</strong>. On works you made
        with others, only your part is orphaned. Comments you left stay under your name.
      </p>
      <p class="warning">
        <strong>{ORPHAN_IS_PERMANENT}</strong>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${userPath(user)}/orphan`}>
        <fieldset class="field choices">
          <legend>Works</legend>
          {works.map((work) => (
            <label class="choice" for={`work-${work.id}`}>
              <input
                id={`work-${work.id}`}
                type="checkbox"
                name="work_id"
                value={String(work.id)}
                checked={chosen.has(work.id)}
              />{' '}
              {work.title}
            </label>
          ))}
        </fieldset>
        {series.length ? (
          <fieldset class="field choices">
            <legend>Series (every work of yours in it)</legend>
            {series.map((s) => (
              <label class="choice" for={`series-${s.id}`}>
                <input id={`series-${s.id}`} type="checkbox" name="series_id" value={String(s.id)} /> {s.title}
              </label>
            ))}
          </fieldset>
        ) : null}
        <fieldset class="field choices">
          <legend>Pseuds (every work posted under it)</legend>
          {pseuds.map((p) => (
            <label class="choice" for={`pseud-${p.id}`}>
              <input id={`pseud-${p.id}`} type="checkbox" name="pseud_id" value={String(p.id)} /> {p.name}
            </label>
          ))}
        </fieldset>
        <KeepNameChoice />
        <div class={errors.understood ? 'field has-error' : 'field'}>
          <label class="choice" for="understood">
            <input id="understood" type="checkbox" name="understood" value="1" /> I understand that orphaning is
            permanent.
          </label>
          {errors.understood ? <p class="field-error">{errors.understood}</p> : null}
        </div>
        <button type="submit">Orphan</button>
      </form>
    </section>,
  );
}

orphaningRoutes.get('/users/:name/orphan', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  return renderOrphan(c, owned.user);
});

orphaningRoutes.post('/users/:name/orphan', async (c) => {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const form = await c.req.parseBody({ all: true });
  const workIds = ids(form.work_id);
  const seriesIds = ids(form.series_id);
  const pseudIds = ids(form.pseud_id);
  const errors: FieldErrors = {};
  if (!workIds.length && !seriesIds.length && !pseudIds.length) errors.form = 'Choose what to orphan.';
  if (form.understood !== '1') errors.understood = 'Tick the box to say you understand that orphaning is permanent.';
  if (Object.keys(errors).length) return renderOrphan(c, owned.user, errors, 422);
  const changed = await orphan(c.get('deps').db, {
    userId: owned.user.id,
    workIds,
    seriesIds,
    pseudIds,
    keepName: form.keep_name !== '0',
  });
  return redirectWithFlash(
    c,
    userPath(owned.user),
    `Orphaned ${changed.length} ${changed.length === 1 ? 'work' : 'works'}; they are now credited to orphan_account.`,
  );
});

async function ownPseud(c: AppContext): Promise<{ user: User; pseud: Pseud } | Response> {
  const owned = await ownAccount(c);
  if (owned instanceof Response) return owned;
  const pseud = await findPseud(c.get('deps').db, owned.user.id, Number(c.req.param('pseudId')));
  if (!pseud) return renderMessage(c, 404, 'Not found', 'That pseud is not one of yours.');
  return { user: owned.user, pseud };
}

function renderPseudEdit(
  c: AppContext,
  user: User,
  pseud: Pseud,
  values: { name?: string; description?: string; icon_alt?: string } = {},
  errors: FieldErrors = {},
  status = 200,
) {
  return renderPage(
    c,
    { title: `Edit ${pseud.name}`, status },
    <section class="account-form">
      <h1>Edit the pseud {pseud.name}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${userPath(user)}/pseuds/${pseud.id}/edit`} enctype="multipart/form-data" novalidate>
        <TextField
          name="name"
          label="Name"
          value={values.name ?? pseud.name}
          errors={errors}
          required
          maxlength={PSEUD_NAME_MAX}
        />
        <TextArea
          name="description"
          label="Description"
          value={values.description ?? pseud.description}
          errors={errors}
          maxlength={PSEUD_DESCRIPTION_MAX}
          rows={3}
        />
        <IconFields pseud={pseud} alt={values.icon_alt} errors={errors} />
        <label class="choice" for="is_default">
          <input id="is_default" type="checkbox" name="is_default" value="1" checked={pseud.is_default === 1} /> My
          default pseud
        </label>
        <button type="submit">Save pseud</button>
      </form>
      {pseud.is_default ? (
        <p>This is your default pseud, so it cannot be deleted.</p>
      ) : (
        <p>
          <a href={`${userPath(user)}/pseuds/${pseud.id}/delete`}>Delete this pseud</a>
        </p>
      )}
    </section>,
  );
}

orphaningRoutes.get('/users/:name/pseuds/:pseudId{[0-9]+}/edit', async (c) => {
  const found = await ownPseud(c);
  if (found instanceof Response) return found;
  return renderPseudEdit(c, found.user, found.pseud);
});

orphaningRoutes.post('/users/:name/pseuds/:pseudId{[0-9]+}/edit', async (c) => {
  const found = await ownPseud(c);
  if (found instanceof Response) return found;
  const form = await c.req.parseBody();
  const typed = typedValues(form);
  const kept = { name: typed.name, description: typed.description, icon_alt: typed.icon_alt };
  const parsed = pseudSchema.safeParse(form);
  const icon = await readIconForm(form, found.pseud);
  const errors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...icon.errors };
  if (!parsed.success || Object.keys(errors).length) {
    return renderPseudEdit(c, found.user, found.pseud, kept, errors, 422);
  }
  const { db, config } = c.get('deps');
  const outcome = await updatePseud(db, found.user.id, found.pseud.id, {
    ...parsed.data,
    makeDefault: form.is_default === '1',
  });
  if (outcome === 'taken') {
    return renderPseudEdit(c, found.user, found.pseud, kept, { name: PSEUD_NAME_TAKEN }, 422);
  }
  await saveIconPlan(db, config.dataDir, found.user.id, found.pseud.id, icon.plan);
  return redirectWithFlash(c, `${userPath(found.user)}/pseuds`, `Saved the pseud ${parsed.data.name}.`);
});

async function renderPseudDelete(c: AppContext, user: User, pseud: Pseud, errors: FieldErrors = {}, status = 200) {
  const others = (await listPseuds(c.get('deps').db, user.id)).filter((p) => p.id !== pseud.id);
  return renderPage(
    c,
    { title: `Delete ${pseud.name}`, status },
    <section class="account-form">
      <h1>Delete the pseud {pseud.name}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${userPath(user)}/pseuds/${pseud.id}/delete`}>
        <fieldset class="field choices">
          <legend>Its works</legend>
          <label class="choice" for="works-move">
            <input id="works-move" type="radio" name="works" value="move" checked /> Move them to my pseud
          </label>
          <select name="move_to" aria-label="The pseud to move them to">
            {others.map((p) => (
              <option value={String(p.id)} selected={p.is_default === 1}>
                {p.name}
              </option>
            ))}
          </select>
          <label class="choice" for="works-orphan-keep">
            <input id="works-orphan-keep" type="radio" name="works" value="orphan-keep" /> Orphan them, keeping the
            name: "orphan_account ({pseud.name})"
          </label>
          <label class="choice" for="works-orphan-drop">
            <input id="works-orphan-drop" type="radio" name="works" value="orphan-drop" /> Orphan them without the name
          </label>
        </fieldset>
        <p>
          {ORPHAN_IS_PERMANENT} Bookmarks and comments under this pseud move to the pseud chosen above (or your
          default).
        </p>
        <button type="submit">Delete pseud</button>
      </form>
    </section>,
  );
}

orphaningRoutes.get('/users/:name/pseuds/:pseudId{[0-9]+}/delete', async (c) => {
  const found = await ownPseud(c);
  if (found instanceof Response) return found;
  if (found.pseud.is_default) return renderMessage(c, 409, 'Default pseud', 'Your default pseud cannot be deleted.');
  return renderPseudDelete(c, found.user, found.pseud);
});

orphaningRoutes.post('/users/:name/pseuds/:pseudId{[0-9]+}/delete', async (c) => {
  const found = await ownPseud(c);
  if (found instanceof Response) return found;
  const form = await c.req.parseBody();
  const choice = pseudWorksChoice(form.works, form.move_to);
  const outcome = await deletePseud(c.get('deps').db, found.user.id, found.pseud.id, choice);
  if (outcome === 'is-default') return renderMessage(c, 409, 'Default pseud', 'Your default pseud cannot be deleted.');
  if (outcome === 'bad-target') {
    return renderPseudDelete(c, found.user, found.pseud, { move_to: 'Choose another of your pseuds.' }, 422);
  }
  if (outcome === 'not-found') return renderMessage(c, 404, 'Not found', 'That pseud is not one of yours.');
  return redirectWithFlash(c, `${userPath(found.user)}/pseuds`, `Deleted the pseud ${found.pseud.name}.`);
});
