/**
 * A prompt meme's prompt pages: the listing (`/collections/:name/prompts`,
 * filtered by fandom, tags, claimed and filled, sorted by date, claims or
 * fills, paged), posting a prompt, a prompt's page, editing and deleting
 * one's own while sign-ups are open, and the maintainers' removal of any.
 * Claims are in claim-routes.tsx. Each POST: log in → gate → check the
 * policy → validate → one transaction → 303 with a flash.
 */
import { Hono } from 'hono';
import { findDefaultPseud, listPseuds } from '../../accounts/queries.ts';
import { requireContributor, requireViewer } from '../../accounts/require-login.ts';
import { splitTagList } from '../../tags/names.ts';
import { listingAudience } from '../../visibility/index.ts';
import type { AppContext, AppEnv, Viewer } from '../../web/context.ts';
import { redirectWithFlash } from '../../web/flash.ts';
import type { FieldErrors } from '../../web/forms.tsx';
import { renderMessage, renderPage } from '../../web/layout.tsx';
import { collectionPath } from '../../collections/views.tsx';
import { deleteOwnPrompt, editPrompt, postPrompt, removePrompt } from './commands.ts';
import { can } from './policy.ts';
import { PromptPage } from './prompt-page.tsx';
import { summarise } from './prompt-summaries.ts';
import { countPromptsOf, findPrompt, findSetTagsByNames, listPrompts, listPromptTags } from './queries.ts';
import { gateMeme, memeSettingsPath, promptPath, promptsPath, textOf, type MemeGate } from './route-helpers.ts';
import { blankPromptForm, checkPrompt, readPromptForm, type PromptFormValues } from './validate-prompt.ts';
import { Pager, PromptBlurb, PromptFilters, PromptForm } from './views.tsx';

export const promptRoutes = new Hono<AppEnv>();

const NAME = '/collections/:name{[A-Za-z0-9_]+}';
const PROMPT = `${NAME}/prompts/:id{[0-9]+}`;
const PER_PAGE = 20;

promptRoutes.get(`${NAME}/prompts`, async (c) => {
  const gate = await gateMeme(c);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const query = c.req.query();
  const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);
  const names = [...splitTagList(query.fandom ?? ''), ...splitTagList(query.tags ?? '')];
  const found = gate.meme.tag_set_id ? await findSetTagsByNames(db, gate.meme.tag_set_id, names) : [];
  const page = Math.max(1, Math.min(10_000, Number.parseInt(query.page ?? '1', 10) || 1));
  const sort = query.sort === 'claims' || query.sort === 'fills' ? query.sort : 'date';
  // A tag asked for that is not in the set matches no prompt.
  const { rows, total } =
    found.length < names.length
      ? { rows: [], total: 0 }
      : await listPrompts(
          db,
          gate.meme.id,
          {
            tagIds: found.map((t) => t.id),
            claimed: yesNo(query.claimed),
            filled: yesNo(query.filled),
            sort,
            limit: PER_PAGE,
            offset: (page - 1) * PER_PAGE,
          },
          listingAudience(viewer),
        );
  const prompts = await summarise(db, viewer, rows, gate.maintains);
  const base = promptsPath(gate.collection.name);
  const { page: _page, ...kept } = query;
  return renderPage(
    c,
    { title: `Prompts in ${gate.collection.title}` },
    <section class="prompts">
      <h1>Prompts in {gate.collection.title}</h1>
      <p>
        <a href={collectionPath(gate.collection.name)}>The collection</a>
        {viewer ? (
          <>
            {' '}
            · <a href={`/users/${encodeURIComponent(viewer.username)}/claims`}>My claims</a>
          </>
        ) : null}
        {gate.maintains ? (
          <>
            {' '}
            · <a href={memeSettingsPath(gate.collection.name)}>Prompt meme settings</a>
          </>
        ) : null}
      </p>
      {gate.shut ? (
        <p class="sign-ups-shut">{gate.shut}</p>
      ) : (
        <p>
          <a href={`${base}/new`}>Post a prompt</a>
        </p>
      )}
      <PromptFilters query={query} basePath={base} />
      <p class="prompt-count">{total === 1 ? '1 prompt' : `${total} prompts`}</p>
      <ul class="prompt-list">
        {prompts.map((p) => (
          <PromptBlurb prompt={p} collectionName={gate.collection.name} />
        ))}
      </ul>
      <Pager basePath={base} query={kept} page={page} pages={Math.ceil(total / PER_PAGE)} />
    </section>,
  );
});

async function showForm(
  c: AppContext,
  gate: MemeGate,
  viewer: Viewer,
  values: PromptFormValues,
  errors: FieldErrors,
  editing?: number,
) {
  const pseuds = await listPseuds(c.get('deps').db, viewer.id);
  const heading = editing ? 'Edit your prompt' : `Post a prompt to ${gate.collection.title}`;
  return renderPage(
    c,
    {
      title: Object.keys(errors).length ? `Error: ${heading}` : heading,
      status: Object.keys(errors).length ? 422 : 200,
    },
    <PromptForm
      action={
        editing ? `${promptPath(gate.collection.name, editing)}/edit` : `${promptsPath(gate.collection.name)}/new`
      }
      heading={heading}
      values={values}
      errors={errors}
      rules={gate.rules}
      setTags={gate.setTags}
      pseuds={pseuds}
      isAnonymousAllowed={gate.meme.is_anonymous_allowed === 1}
    />,
  );
}

/** The form's checks that need the database: sign-ups open, the count per person, the pseud being theirs. */
async function checkSubmission(
  c: AppContext,
  gate: MemeGate,
  viewer: Viewer,
  values: PromptFormValues,
  isNew: boolean,
) {
  const { db } = c.get('deps');
  const { errors, prompt } = checkPrompt(values, {
    rules: gate.rules,
    setTags: gate.setTags,
    isAnonymousAllowed: gate.meme.is_anonymous_allowed === 1,
  });
  const pseuds = await listPseuds(db, viewer.id);
  const pseud = pseuds.find((p) => String(p.id) === values.pseud_id) ?? pseuds.find((p) => p.is_default === 1);
  if (values.pseud_id && !pseuds.some((p) => String(p.id) === values.pseud_id))
    errors.pseud_id = 'Post as: choose one of your own pseuds.';
  if (gate.shut) errors.form = gate.shut;
  else if (isNew) {
    const posted = await countPromptsOf(db, gate.meme.id, viewer.id);
    if (posted >= gate.rules.promptsPerPerson)
      errors.form = `Prompts: this prompt meme takes at most ${gate.rules.promptsPerPerson} from one person, and you have posted ${posted}.`;
  }
  return { errors, prompt, pseudId: pseud?.id ?? null };
}

promptRoutes.get(`${NAME}/prompts/new`, async (c) => {
  const viewer = requireContributor(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gateMeme(c);
  if (gate instanceof Response) return gate;
  if (gate.shut) return renderMessage(c, 403, 'Sign-ups are closed', gate.shut);
  const pseud = await findDefaultPseud(c.get('deps').db, viewer.id);
  return showForm(c, gate, viewer, blankPromptForm(pseud.id), {});
});

promptRoutes.post(`${NAME}/prompts/new`, async (c) => {
  const viewer = requireContributor(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gateMeme(c);
  if (gate instanceof Response) return gate;
  const values = readPromptForm(await c.req.parseBody());
  const { errors, prompt, pseudId } = await checkSubmission(c, gate, viewer, values, true);
  if (Object.keys(errors).length) return showForm(c, gate, viewer, values, errors);
  const id = await postPrompt(c.get('deps').db, gate.meme.id, viewer, prompt, pseudId, gate.now);
  return redirectWithFlash(c, promptPath(gate.collection.name, id), 'Your prompt is posted.');
});

/** The prompt at `:id` in this meme, or the 404 page. */
async function gatePrompt(c: AppContext) {
  const gate = await gateMeme(c);
  if (gate instanceof Response) return gate;
  const prompt = await findPrompt(c.get('deps').db, Number(c.req.param('id')));
  if (!prompt || prompt.prompt_meme_id !== gate.meme.id)
    return renderMessage(c, 404, 'Not found', 'There is no such prompt in this prompt meme.');
  const resource = {
    isMaintainer: gate.maintains,
    isOpen: !gate.shut,
    prompt: { userId: prompt.user_id, isAnonymous: prompt.is_anonymous === 1 },
  };
  return { ...gate, prompt, resource };
}

promptRoutes.get(PROMPT, async (c) => {
  const gate = await gatePrompt(c);
  if (gate instanceof Response) return gate;
  return PromptPage(c, gate);
});

promptRoutes.get(`${PROMPT}/edit`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gatePrompt(c);
  if (gate instanceof Response) return gate;
  if (!can(viewer, 'edit', gate.resource))
    return renderMessage(c, 403, 'Not allowed', gate.shut ?? 'Only its prompter may edit a prompt.');
  const tags = await listPromptTags(c.get('deps').db, [gate.prompt.id]);
  const names = (kind: string) =>
    tags
      .filter((t) => t.kind === kind)
      .map((t) => t.name)
      .join(', ');
  const { prompt } = gate;
  return showForm(
    c,
    gate,
    viewer,
    {
      title: prompt.title,
      description: prompt.description,
      url: prompt.url,
      fandom: names('fandom'),
      character: names('character'),
      relationship: names('relationship'),
      freeform: names('freeform'),
      pseud_id: prompt.pseud_id ? String(prompt.pseud_id) : '',
      anonymous: prompt.is_anonymous === 1,
    },
    {},
    prompt.id,
  );
});

promptRoutes.post(`${PROMPT}/edit`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gatePrompt(c);
  if (gate instanceof Response) return gate;
  if (!can(viewer, 'edit', gate.resource))
    return renderMessage(c, 403, 'Not allowed', gate.shut ?? 'Only its prompter may edit a prompt.');
  const values = readPromptForm(await c.req.parseBody());
  const { errors, prompt, pseudId } = await checkSubmission(c, gate, viewer, values, false);
  if (Object.keys(errors).length) return showForm(c, gate, viewer, values, errors, gate.prompt.id);
  await editPrompt(c.get('deps').db, gate.prompt.id, prompt, pseudId, gate.now);
  return redirectWithFlash(c, promptPath(gate.collection.name, gate.prompt.id), 'Your prompt is saved.');
});

promptRoutes.post(`${PROMPT}/delete`, async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gatePrompt(c);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const back = promptsPath(gate.collection.name);
  if (can(viewer, 'delete', gate.resource)) {
    await deleteOwnPrompt(db, gate.prompt.id);
    return redirectWithFlash(c, back, 'Your prompt is deleted.');
  }
  if (can(viewer, 'remove', gate.resource)) {
    await removePrompt(db, viewer, gate.prompt, textOf(await c.req.parseBody(), 'reason').slice(0, 1000) || null);
    return redirectWithFlash(c, back, 'The prompt is removed.');
  }
  return renderMessage(
    c,
    403,
    'Not allowed',
    gate.resource.prompt.userId === viewer.id && gate.shut
      ? gate.shut
      : 'Only its prompter and the maintainers may delete a prompt.',
  );
});
