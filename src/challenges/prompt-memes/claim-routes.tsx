/**
 * Claims: claiming a prompt (POST …/prompts/:id/claim; several people may
 * claim one), dropping one's own claim until it is filled, a maintainer
 * removing anyone's (POST /prompt_claims/:id/delete, audited), and "My
 * claims" (/users/:name/claims, its owner only) with "Post to fill" links.
 */
import { Hono } from 'hono';
import { requireContributor, requireViewer } from '../../accounts/require-login.ts';
import { canMaintain } from '../../collections/policy.ts';
import { findCollectionById, findRole } from '../../collections/queries.ts';
import type { AppEnv } from '../../web/context.ts';
import { nowOf } from '../../web/context.ts';
import { redirectWithFlash } from '../../web/flash.ts';
import { renderMessage, renderPage } from '../../web/layout.tsx';
import { claimPrompt, dropClaim, removeClaim } from './commands.ts';
import { can } from './policy.ts';
import { findClaim, findMemeById, findPrompt, hasFilled, listClaimsOfUser } from './queries.ts';
import { gateMeme, promptPath } from './route-helpers.ts';

export const claimRoutes = new Hono<AppEnv>();

claimRoutes.post('/collections/:name{[A-Za-z0-9_]+}/prompts/:id{[0-9]+}/claim', async (c) => {
  const viewer = requireContributor(c);
  if (viewer instanceof Response) return viewer;
  const gate = await gateMeme(c);
  if (gate instanceof Response) return gate;
  const { db } = c.get('deps');
  const prompt = await findPrompt(db, Number(c.req.param('id')));
  if (!prompt || prompt.prompt_meme_id !== gate.meme.id)
    return renderMessage(c, 404, 'Not found', 'There is no such prompt in this prompt meme.');
  const resource = {
    isMaintainer: gate.maintains,
    prompt: { userId: prompt.user_id, isAnonymous: prompt.is_anonymous === 1 },
  };
  if (!can(viewer, 'claim', resource)) return renderMessage(c, 403, 'Not allowed', 'You may not claim this prompt.');
  const claimed = await claimPrompt(db, prompt.id, viewer.id, nowOf(c));
  return redirectWithFlash(
    c,
    promptPath(gate.collection.name, prompt.id),
    claimed ? 'You claimed this prompt. Post your work to fill it.' : 'You had already claimed this prompt.',
  );
});

claimRoutes.post('/prompt_claims/:id{[0-9]+}/delete', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  const { db } = c.get('deps');
  const claim = await findClaim(db, Number(c.req.param('id')));
  const prompt = claim ? await findPrompt(db, claim.prompt_id) : undefined;
  const meme = prompt ? await findMemeById(db, prompt.prompt_meme_id) : undefined;
  const collection = meme ? await findCollectionById(db, meme.collection_id) : undefined;
  if (!claim || !prompt || !collection) return renderMessage(c, 404, 'Not found', 'There is no such claim.');
  const resource = {
    isMaintainer: canMaintain(viewer, await findRole(db, collection.id, viewer.id)),
    prompt: { userId: prompt.user_id, isAnonymous: prompt.is_anonymous === 1 },
    claim: { userId: claim.user_id, hasFill: await hasFilled(db, prompt.id, claim.user_id) },
  };
  const back = promptPath(collection.name, prompt.id);
  if (can(viewer, 'drop-claim', resource)) {
    await dropClaim(db, claim.id);
    return redirectWithFlash(c, back, 'You dropped your claim.');
  }
  if (can(viewer, 'remove-claim', resource)) {
    await removeClaim(db, viewer, claim.id, null);
    return redirectWithFlash(c, back, 'The claim is removed.');
  }
  return renderMessage(
    c,
    403,
    'Not allowed',
    claim.user_id === viewer.id
      ? 'You have posted a fill for this claim, so it stays.'
      : 'Only the claimer and the maintainers may remove a claim.',
  );
});

claimRoutes.get('/users/:name/claims', async (c) => {
  const viewer = requireViewer(c);
  if (viewer instanceof Response) return viewer;
  if (viewer.username.toLowerCase() !== c.req.param('name').toLowerCase())
    return renderMessage(c, 403, 'Not allowed', 'Only you see your claims.');
  const claims = await listClaimsOfUser(c.get('deps').db, viewer.id);
  return renderPage(
    c,
    { title: 'My claims' },
    <section class="my-claims">
      <h1>My claims</h1>
      {claims.length ? null : <p>You have claimed no prompts.</p>}
      <ul>
        {claims.map((cl) => {
          const filled = Number(cl.own_fills) > 0;
          return (
            <li>
              <a href={promptPath(cl.collection_name, cl.prompt_id)}>{cl.prompt_title || `Prompt ${cl.prompt_id}`}</a>{' '}
              in {cl.collection_title}, claimed {cl.created_at.slice(0, 10)}
              {filled ? ' — filled' : ''} · <a href={`/works/new?prompt=${cl.prompt_id}`}>Post to fill</a>
              {filled ? null : (
                <form method="post" action={`/prompt_claims/${cl.id}/delete`} class="inline">
                  {' '}
                  <button type="submit" class="secondary">
                    Drop claim
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </section>,
  );
});
