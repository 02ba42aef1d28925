/**
 * One prompt's page: its tags, description and URL, its prompter (or
 * "Anonymous"), its claims, its fills that the viewer may read, and the
 * buttons this viewer may press — claim, post to fill and drop their own
 * claim, edit and delete their own prompt, and for maintainers remove the
 * prompt or a claim.
 */
import { raw } from 'hono/html';
import type { AppContext } from '../../web/context.ts';
import { renderPage } from '../../web/layout.tsx';
import { can, type PromptResource } from './policy.ts';
import type { PromptRow } from './prompt-memes.table.ts';
import { prompterLabel } from './presenters.ts';
import { readableFills, summarise } from './prompt-summaries.ts';
import { hasFilled, listClaimsOfPrompt } from './queries.ts';
import { promptPath, promptsPath, type MemeGate } from './route-helpers.ts';
import { PromptTags } from './views.tsx';

export async function PromptPage(
  c: AppContext,
  gate: MemeGate & {
    prompt: PromptRow;
    resource: PromptResource & { prompt: { userId: number; isAnonymous: boolean } };
  },
) {
  const { db } = c.get('deps');
  const viewer = c.get('viewer');
  const { prompt, collection } = gate;
  const [claims, fills] = await Promise.all([
    listClaimsOfPrompt(db, prompt.id),
    readableFills(db, viewer, [prompt.id]),
  ]);
  const [summary] = await summarise(
    db,
    viewer,
    [{ ...prompt, claims: claims.length, fills: fills.length }],
    gate.maintains,
  );
  const own = viewer ? claims.find((cl) => cl.user_id === viewer.id) : undefined;
  const ownHasFill = own ? await hasFilled(db, prompt.id, own.user_id) : false;
  const path = promptPath(collection.name, prompt.id);
  const title = prompt.title || `Prompt ${prompt.id}`;
  return renderPage(
    c,
    { title: `${title} in ${collection.title}` },
    <article class="prompt">
      <p>
        <a href={promptsPath(collection.name)}>All prompts in {collection.title}</a>
      </p>
      <h1>{title}</h1>
      <p class="prompter">
        Prompt by <strong>{prompterLabel(summary.prompter)}</strong>
        {summary.isAnonymous && summary.prompter ? ' (posted anonymously: others see “Anonymous”)' : ''}, posted{' '}
        {prompt.created_at.slice(0, 10)}
      </p>
      <PromptTags tags={summary.tags} />
      {prompt.description ? <div class="prompt-description">{raw(prompt.description)}</div> : null}
      {prompt.url ? (
        <p>
          URL:{' '}
          <a href={prompt.url} rel="nofollow ugc">
            {prompt.url}
          </a>
        </p>
      ) : null}
      <section class="prompt-claims">
        <h2>{claims.length === 1 ? '1 claim' : `${claims.length} claims`}</h2>
        <ul>
          {claims.map((cl) => (
            <li>
              <a href={`/users/${encodeURIComponent(cl.username)}`}>{cl.username}</a>
              {can(viewer, 'remove-claim', gate.resource) && cl.user_id !== viewer?.id ? (
                <form method="post" action={`/prompt_claims/${cl.id}/delete`} class="inline">
                  {' '}
                  <button type="submit" class="secondary">
                    Remove claim
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {viewer && !own ? (
          <form method="post" action={`${path}/claim`}>
            <button type="submit">Claim</button>
          </form>
        ) : null}
        {own ? (
          <p>
            You claimed this prompt. <a href={`/works/new?prompt=${prompt.id}`}>Post to fill</a>
            {can(viewer, 'drop-claim', { ...gate.resource, claim: { userId: own.user_id, hasFill: ownHasFill } }) ? (
              <form method="post" action={`/prompt_claims/${own.id}/delete`} class="inline">
                {' '}
                <button type="submit" class="secondary">
                  Drop claim
                </button>
              </form>
            ) : null}
          </p>
        ) : null}
      </section>
      <section class="prompt-fills">
        <h2>{fills.length === 1 ? '1 fill' : `${fills.length} fills`}</h2>
        <ul>
          {fills.map((f) => (
            <li>
              <a href={`/works/${f.work_id}`}>{f.title}</a>
            </li>
          ))}
        </ul>
      </section>
      {can(viewer, 'edit', gate.resource) ? (
        <p>
          <a href={`${path}/edit`}>Edit your prompt</a>
        </p>
      ) : null}
      {can(viewer, 'delete', gate.resource) || can(viewer, 'remove', gate.resource) ? (
        <form method="post" action={`${path}/delete`}>
          {can(viewer, 'delete', gate.resource) ? null : (
            <label>
              Reason (kept in the archive’s log) <input type="text" name="reason" maxlength={1000} />
            </label>
          )}{' '}
          <button type="submit" class="secondary">
            {can(viewer, 'delete', gate.resource) ? 'Delete your prompt' : 'Remove prompt'}
          </button>
        </form>
      ) : null}
    </article>,
  );
}
