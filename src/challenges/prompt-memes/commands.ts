/**
 * What changes prompts and claims, each in one transaction: posting,
 * editing and deleting one's own prompt (with its tags), claiming and
 * dropping a claim, and the maintainers' removals of others' prompts and
 * claims, which are audited commands (src/audit/) like every moderating
 * act. The routes check the policy first; these only write.
 */
import { actorOf, runCommand } from '../../audit/run-command.ts';
import type { Db } from '../../db/database.ts';
import { sanitizeNote } from '../../html/body.ts';
import type { Viewer } from '../../web/context.ts';
import type { PromptRow } from './prompt-memes.table.ts';
import {
  deleteClaim,
  deletePromptRow,
  findClaim,
  insertClaim,
  insertPrompt,
  replacePromptTags,
  updatePrompt,
} from './queries.ts';
import type { CheckedPrompt } from './validate-prompt.ts';

const columnsOf = (prompt: CheckedPrompt, pseudId: number | null) => ({
  pseudId,
  title: prompt.title,
  description: prompt.description ? sanitizeNote(prompt.description) : '',
  url: prompt.url,
  isAnonymous: prompt.isAnonymous,
});

export async function postPrompt(
  db: Db,
  memeId: number,
  viewer: Viewer,
  prompt: CheckedPrompt,
  pseudId: number | null,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await insertPrompt(trx, memeId, viewer.id, columnsOf(prompt, pseudId), now);
    await replacePromptTags(trx, id, prompt.tags);
    return id;
  });
}

export async function editPrompt(
  db: Db,
  promptId: number,
  prompt: CheckedPrompt,
  pseudId: number | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updatePrompt(trx, promptId, columnsOf(prompt, pseudId), now);
    await replacePromptTags(trx, promptId, prompt.tags);
  });
}

/** A prompter deletes their own prompt (its claims and fills' links go with it; the works stay). */
export async function deleteOwnPrompt(db: Db, promptId: number): Promise<void> {
  await deletePromptRow(db, promptId);
}

/** A maintainer removes someone's prompt: logged, with its text as it was. */
export async function removePrompt(db: Db, viewer: Viewer, prompt: PromptRow, reason: string | null): Promise<void> {
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'prompt.remove', target: { type: 'prompt', id: prompt.id }, reason },
    async (trx) => {
      await deletePromptRow(trx, prompt.id);
      return { before: { title: prompt.title, userId: prompt.user_id }, after: null, result: undefined };
    },
  );
}

/** Claims a prompt (again: nothing changes). Several people may claim one. */
export async function claimPrompt(db: Db, promptId: number, userId: number, now: Date): Promise<boolean> {
  return insertClaim(db, promptId, userId, now);
}

export async function dropClaim(db: Db, claimId: number): Promise<void> {
  await deleteClaim(db, claimId);
}

/** A maintainer removes someone's claim: logged. */
export async function removeClaim(db: Db, viewer: Viewer, claimId: number, reason: string | null): Promise<void> {
  await runCommand(
    db,
    { actor: actorOf(viewer), action: 'prompt-claim.remove', target: { type: 'prompt_claim', id: claimId }, reason },
    async (trx) => {
      const claim = await findClaim(trx, claimId);
      await deleteClaim(trx, claimId);
      return {
        before: claim ? { promptId: claim.prompt_id, userId: claim.user_id } : null,
        after: null,
        result: undefined,
      };
    },
  );
}
