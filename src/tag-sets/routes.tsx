/**
 * Tag set pages: GET /tag_sets (the list), GET/POST /tag_sets/new, GET
 * /tag_sets/:id, GET/POST /tag_sets/:id/edit (settings), POST …/tags and
 * …/tags/remove (contents), POST …/maintainers and …/maintainers/remove
 * (owners only). Each change is a plain form answered with a 303 and a flash.
 */
import { Hono } from 'hono';
import { requireViewer } from '../accounts/require-login.ts';
import { sanitizeNote } from '../html/body.ts';
import { LIMITS } from '../domain-facts.ts';
import type { AppContext, AppEnv } from '../web/context.ts';
import type { FieldErrors } from '../web/forms.tsx';
import { redirectWithFlash } from '../web/flash.ts';
import { renderMessage, renderPage } from '../web/layout.tsx';
import { tryAgainText } from '../web/rate-limit.ts';
import { addMaintainer, addTagsToSet, removeMaintainers, removeTagsFromSet, type EditOutcome } from './edit-tags.ts';
import { can } from './policy.ts';
import { insertTagSet, listTagSetsFor, updateTagSet, type TagSetValues } from './queries.ts';
import { findTagSetFor, gateTagSet, idsOf, tagSetNotFound, textOf } from './route-helpers.ts';
import { loadTagSetContents, TAG_SET_KINDS, type LoadedTagSet } from './tag-set.ts';
import type { TagSetKind } from './tag-sets.table.ts';
import {
  TagSetForm,
  TagSetListPage,
  TagSetManagePage,
  TagSetPage,
  valuesOfSet,
  type TagSetFormValues,
} from './views.tsx';
import { nominationRoutes } from './nomination-routes.tsx';

export const tagSetRoutes = new Hono<AppEnv>();

const CREATE_RULE = { limit: 10, windowMs: 60 * 60_000 };
const LIMIT_MAX = 100;

function formValues(body: Record<string, unknown>): TagSetFormValues {
  return {
    title: textOf(body, 'title'),
    description: textOf(body, 'description'),
    isVisible: body.is_visible === '1',
    isUsable: body.is_usable === '1',
    areNominationsOpen: body.are_nominations_open === '1',
    fandomLimit: textOf(body, 'fandom_limit').trim() || '0',
    characterLimit: textOf(body, 'character_limit').trim() || '0',
    relationshipLimit: textOf(body, 'relationship_limit').trim() || '0',
  };
}

function checkForm(values: TagSetFormValues): { errors: FieldErrors } | { values: TagSetValues } {
  const errors: FieldErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'Give the tag set a title.';
  else if (title.length > LIMITS.titleMax) errors.title = `The title is at most ${LIMITS.titleMax} characters.`;
  if (values.description.length > LIMITS.summaryMax)
    errors.description = `The description is at most ${LIMITS.summaryMax} characters.`;
  const limit = (name: string, text: string) => {
    if (!/^[0-9]{1,3}$/.test(text) || Number(text) > LIMIT_MAX)
      errors[name] = `Give a whole number from 0 to ${LIMIT_MAX}.`;
    return Number(text);
  };
  const fandomLimit = limit('fandom_limit', values.fandomLimit);
  const characterLimit = limit('character_limit', values.characterLimit);
  const relationshipLimit = limit('relationship_limit', values.relationshipLimit);
  if (Object.keys(errors).length) return { errors };
  return {
    values: {
      title,
      description: sanitizeNote(values.description),
      isVisible: values.isVisible,
      isUsable: values.isUsable,
      areNominationsOpen: values.areNominationsOpen,
      fandomLimit,
      characterLimit,
      relationshipLimit,
    },
  };
}

const BLANK: TagSetFormValues = {
  title: '',
  description: '',
  isVisible: true,
  isUsable: true,
  areNominationsOpen: false,
  fandomLimit: '0',
  characterLimit: '0',
  relationshipLimit: '0',
};

tagSetRoutes.get('/tag_sets', async (c) => {
  const viewer = c.get('viewer');
  const sets = await listTagSetsFor(c.get('deps').db, viewer?.id ?? null);
  return renderPage(c, { title: 'Tag sets' }, <TagSetListPage sets={sets} canCreate={!!viewer} />);
});

const renderNew = (c: AppContext, values: TagSetFormValues, errors: FieldErrors = {}, status = 200) =>
  renderPage(
    c,
    { title: 'New tag set', status },
    <section>
      <h1>New tag set</h1>
      <TagSetForm action="/tag_sets/new" values={values} errors={errors} submit="Create tag set" />
    </section>,
  );

tagSetRoutes.get('/tag_sets/new', (c) => {
  const viewer = requireViewer(c);
  return viewer instanceof Response ? viewer : renderNew(c, BLANK);
});

tagSetRoutes.post('/tag_sets/new', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db, rateLimiter } = c.get('deps');
  const values = formValues(await c.req.parseBody());
  const checked = checkForm(values);
  if ('errors' in checked) return renderNew(c, values, checked.errors, 422);
  const wait = await rateLimiter.hit(`tag-set-create:user:${viewer.id}`, CREATE_RULE);
  if (wait) return renderMessage(c, 429, 'Too many tag sets', `You have started many tag sets. ${tryAgainText(wait)}`);
  const id = await db.transaction().execute((trx) => insertTagSet(trx, checked.values, viewer.id));
  return redirectWithFlash(c, `/tag_sets/${id}`, 'Your tag set is created. Add its tags from Edit tag set.');
});

tagSetRoutes.get('/tag_sets/:id{[0-9]+}', async (c) => {
  const found = await findTagSetFor(c);
  if (!found) return tagSetNotFound(c);
  const viewer = c.get('viewer');
  const contents = await loadTagSetContents(c.get('deps').db, found.set.id);
  return renderPage(
    c,
    { title: `Tag set: ${found.set.title}` },
    <TagSetPage
      set={found.set}
      maintainers={found.maintainers}
      contents={contents}
      canEdit={can(viewer, 'edit', found.access)}
      canReview={can(viewer, 'review', found.access)}
      canNominate={can(viewer, 'nominate', found.access)}
    />,
  );
});

async function renderManage(
  c: AppContext,
  found: LoadedTagSet,
  values: TagSetFormValues,
  errors: FieldErrors = {},
  status = 200,
): Promise<Response> {
  const contents = await loadTagSetContents(c.get('deps').db, found.set.id);
  return renderPage(
    c,
    { title: `Edit tag set: ${found.set.title}`, status },
    <TagSetManagePage
      set={found.set}
      values={values}
      errors={errors}
      maintainers={found.maintainers}
      contents={contents}
      canManageMaintainers={can(c.get('viewer'), 'manage-maintainers', found.access)}
    />,
  );
}

tagSetRoutes.get('/tag_sets/:id{[0-9]+}/edit', async (c) => {
  const found = await gateTagSet(c, 'edit');
  if (found instanceof Response) return found;
  return renderManage(c, found, valuesOfSet(found.set));
});

tagSetRoutes.post('/tag_sets/:id{[0-9]+}/edit', async (c) => {
  const found = await gateTagSet(c, 'edit');
  if (found instanceof Response) return found;
  const values = formValues(await c.req.parseBody());
  const checked = checkForm(values);
  if ('errors' in checked) return renderManage(c, found, values, checked.errors, 422);
  await updateTagSet(c.get('deps').db, found.set.id, checked.values);
  return redirectWithFlash(c, `/tag_sets/${found.set.id}`, 'Your changes to the tag set are saved.');
});

/** A change's answer: back to the edit page with the message, or the page again with the field's problem. */
async function answer(c: AppContext, found: LoadedTagSet, outcome: EditOutcome): Promise<Response> {
  if ('message' in outcome) return redirectWithFlash(c, `/tag_sets/${found.set.id}/edit`, outcome.message);
  return renderManage(c, found, valuesOfSet(found.set), { [outcome.field]: outcome.problem }, 422);
}

tagSetRoutes.post('/tag_sets/:id{[0-9]+}/tags', async (c) => {
  const found = await gateTagSet(c, 'edit');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody();
  const kind = textOf(body, 'kind') as TagSetKind;
  if (!TAG_SET_KINDS.includes(kind)) return answer(c, found, { field: 'kind', problem: 'Choose a kind of tag.' });
  const outcome = await addTagsToSet(c.get('deps').db, found.set.id, {
    kind,
    names: textOf(body, 'names'),
    fandom: textOf(body, 'fandom'),
  });
  return answer(c, found, outcome);
});

tagSetRoutes.post('/tag_sets/:id{[0-9]+}/tags/remove', async (c) => {
  const found = await gateTagSet(c, 'edit');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody({ all: true });
  return answer(c, found, await removeTagsFromSet(c.get('deps').db, found.set.id, idsOf(body, 'tag')));
});

tagSetRoutes.post('/tag_sets/:id{[0-9]+}/maintainers', async (c) => {
  const found = await gateTagSet(c, 'manage-maintainers');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody();
  return answer(c, found, await addMaintainer(c.get('deps').db, found.set.id, textOf(body, 'username')));
});

tagSetRoutes.post('/tag_sets/:id{[0-9]+}/maintainers/remove', async (c) => {
  const found = await gateTagSet(c, 'manage-maintainers');
  if (found instanceof Response) return found;
  const body = await c.req.parseBody({ all: true });
  return answer(c, found, await removeMaintainers(c.get('deps').db, found.set.id, idsOf(body, 'maintainer')));
});

tagSetRoutes.route('/', nominationRoutes);
