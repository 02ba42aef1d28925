/**
 * The prompt meme's settings page, a maintainers' page of the collection:
 * GET/POST /collections/:name/prompt_meme. Making one and changing it are
 * the same form; dates are typed and shown in the collection's time zone,
 * which the form sets too.
 */
import { Hono } from 'hono';
import { requireViewer } from '../../accounts/require-login.ts';
import type { Collection } from '../../collections/collections.table.ts';
import { gateCollection } from '../../collections/routes.tsx';
import { collectionPath } from '../../collections/views.tsx';
import { TAG_SET_KINDS } from '../../tag-sets/tag-set.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { nowOf } from '../../web/context.ts';
import { redirectWithFlash } from '../../web/flash.ts';
import { ErrorSummary, SelectField, TextField, type FieldErrors } from '../../web/forms.tsx';
import { renderMessage, renderPage } from '../../web/layout.tsx';
import { can } from './policy.ts';
import { findMemeOfCollection, saveMeme, setCollectionTimeZone } from './queries.ts';
import { memeSettingsPath, promptsPath } from './route-helpers.ts';
import { defaultRules, KIND_LABELS, readRules } from './rules.ts';
import { checkMemeForm, memeFormValuesOf, readMemeForm, type MemeFormValues } from './settings-form.ts';

export const memeSettingsRoutes = new Hono<AppEnv>();

const PATH = '/collections/:name{[A-Za-z0-9_]+}/prompt_meme';

async function gateMaintainer(c: AppContext) {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gateCollection(c);
  if (gate instanceof Response) return gate;
  if (!can(viewer, 'configure', { isMaintainer: gate.maintains }))
    return renderMessage(c, 403, 'Not allowed', 'Only the collection’s maintainers may set up its prompt meme.');
  return { ...gate, viewer };
}

memeSettingsRoutes.get(PATH, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const meme = await findMemeOfCollection(c.get('deps').db, gate.collection.id);
  const rules = meme ? readRules(meme.rules) : defaultRules();
  const values = memeFormValuesOf(meme, rules, gate.collection.time_zone || 'UTC');
  return showForm(c, gate.collection, values, {}, !!meme);
});

memeSettingsRoutes.post(PATH, async (c) => {
  const gate = await gateMaintainer(c);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const values = readMemeForm(await c.req.parseBody());
  const existed = !!(await findMemeOfCollection(db, gate.collection.id));
  const { errors, input, zone } = await checkMemeForm(db, gate.viewer, values);
  if (Object.keys(errors).length) return showForm(c, gate.collection, values, errors, existed, 422);
  await db.transaction().execute(async (trx) => {
    await setCollectionTimeZone(trx, gate.collection.id, zone);
    await saveMeme(trx, gate.collection.id, input, nowOf(c));
  });
  return redirectWithFlash(
    c,
    promptsPath(gate.collection.name),
    existed ? 'The prompt meme’s settings are saved.' : 'The collection now holds a prompt meme.',
  );
});

function showForm(
  c: AppContext,
  collection: Collection,
  values: MemeFormValues,
  errors: FieldErrors,
  existed: boolean,
  status?: number,
) {
  const title = `Prompt meme of ${collection.title}`;
  return renderPage(
    c,
    { title: Object.keys(errors).length ? `Error: ${title}` : title, status },
    <section class="prompt-meme-settings">
      <h1>{existed ? title : `Add a prompt meme to ${collection.title}`}</h1>
      <p>
        <a href={collectionPath(collection.name)}>Back to the collection</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={memeSettingsPath(collection.name)} novalidate>
        <TextField
          name="time_zone"
          label="The collection’s time zone"
          value={values.time_zone}
          errors={errors}
          hint="The dates below are in it, and shown in it: an IANA name like Europe/Paris, America/New_York or UTC."
        />
        <TextField
          name="opens_at"
          label="Sign-ups open"
          type="datetime-local"
          value={values.opens_at}
          errors={errors}
          hint="Empty: open now."
        />
        <TextField
          name="closes_at"
          label="Sign-ups close"
          type="datetime-local"
          value={values.closes_at}
          errors={errors}
          hint="Empty: never. Claims and fills go on after sign-ups close."
        />
        <TextField
          name="tag_set_id"
          label="Tag set (its number)"
          value={values.tag_set_id}
          errors={errors}
          hint={
            <>
              Prompts choose their tags from it: see <a href="/tag_sets">tag sets</a>.
            </>
          }
        />
        <fieldset class="prompt-tag-rules">
          <legend>Tags each prompt names</legend>
          {TAG_SET_KINDS.map((kind) => {
            const many = KIND_LABELS[kind][1];
            return (
              <div class="kind-rule">
                <TextField
                  name={`${kind}_required`}
                  label={`${many[0].toUpperCase()}${many.slice(1)} required`}
                  type="number"
                  value={values.tags[kind].required}
                  errors={errors}
                />
                <TextField
                  name={`${kind}_allowed`}
                  label={`${many[0].toUpperCase()}${many.slice(1)} allowed`}
                  type="number"
                  value={values.tags[kind].allowed}
                  errors={errors}
                />
              </div>
            );
          })}
        </fieldset>
        <SelectField
          name="description"
          label="Description"
          value={values.description}
          errors={errors}
          options={[
            ['required', 'Required'],
            ['optional', 'Optional'],
          ]}
        />
        <SelectField
          name="url"
          label="URL"
          value={values.url}
          errors={errors}
          options={[
            ['optional', 'Optional'],
            ['required', 'Required'],
            ['none', 'Not asked for'],
          ]}
        />
        <TextField
          name="prompts_per_person"
          label="Prompts one person may post"
          type="number"
          value={values.prompts_per_person}
          errors={errors}
        />
        <div class="field">
          <label for="anonymous_allowed">
            <input
              id="anonymous_allowed"
              type="checkbox"
              name="anonymous_allowed"
              value="1"
              checked={values.anonymous_allowed}
            />{' '}
            Prompts may be anonymous
          </label>
        </div>
        <div class="actions">
          <button type="submit">{existed ? 'Save settings' : 'Add the prompt meme'}</button>
        </div>
      </form>
    </section>,
  );
}
