/**
 * Filling a prompt from the post and edit forms: the "In response to
 * prompt" field names a prompt (its number or its address); `checkInResponseTo`
 * refuses, before anything is saved, a prompt that does not exist or whose
 * collection would not take the work, and `recordFill` runs inside the work's
 * own saving transaction (save-work.ts's `alsoInTransaction`): the fill row,
 * the work put into the prompt's collection through the collection's own
 * command (`submitWork`: moderated collections make it wait), and — once the
 * work is posted — the `prompt.filled` event that tells the prompter.
 */
import { submitWork } from '../../collections/commands.ts';
import { canPostTo } from '../../collections/policy.ts';
import { findCollectionById, findRole } from '../../collections/queries.ts';
import type { Db } from '../../db/database.ts';
import type { WorkFormExtra } from '../../web/work-form-extras.ts';
import { recordEvent } from '../../outbox/outbox.ts';
import type { Viewer } from '../../web/context.ts';
import {
  deleteOtherFillsOfWork,
  findMemeById,
  findPrompt,
  findWorkStatus,
  insertFill,
  listPromptsFilledBy,
  promptIdFilledBy,
} from './queries.ts';

export const IN_RESPONSE_TO = 'in_response_to';

/** "12", "#12" or "…/collections/name/prompts/12" → 12; '' → null; anything else → undefined. */
export function promptIdIn(text: string): number | null | undefined {
  const value = text.trim();
  if (!value) return null;
  const match = /^#?(\d{1,9})$/.exec(value) ?? /\/prompts\/(\d{1,9})\/?(?:[?#].*)?$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

export type InResponseTo = { promptId: number | null } | { error: string };

/** `workId`: the work being edited, whose fill of the prompt stands even if the collection closed since. */
export async function checkInResponseTo(db: Db, viewer: Viewer, text: string, workId?: number): Promise<InResponseTo> {
  const promptId = promptIdIn(text);
  if (promptId === null) return { promptId: null };
  if (promptId === undefined)
    return { error: 'In response to prompt: give the prompt’s number or its address (…/prompts/12).' };
  const prompt = await findPrompt(db, promptId);
  const meme = prompt ? await findMemeById(db, prompt.prompt_meme_id) : undefined;
  const collection = meme ? await findCollectionById(db, meme.collection_id) : undefined;
  if (!prompt || !collection) return { error: `In response to prompt: there is no prompt ${promptId}.` };
  if (workId !== undefined && (await promptIdFilledBy(db, workId)) === promptId) return { promptId };
  if (!canPostTo(viewer, collection, await findRole(db, collection.id, viewer.id)))
    return {
      error: `In response to prompt: ${collection.title} takes no new works from you, so the work cannot fill its prompt.`,
    };
  return { promptId };
}

/**
 * The work answers `promptId` (or, null, no prompt any more): in the saving transaction. A refusal from the
 * collection (closed since the check) throws, so the whole save rolls back and nothing is half done.
 */
export async function recordFill(trx: Db, viewer: Viewer, promptId: number | null, workId: number, now: Date) {
  await deleteOtherFillsOfWork(trx, workId, promptId);
  if (promptId !== null) {
    const prompt = await findPrompt(trx, promptId);
    const meme = prompt ? await findMemeById(trx, prompt.prompt_meme_id) : undefined;
    const collection = meme ? await findCollectionById(trx, meme.collection_id) : undefined;
    if (!prompt || !collection) throw new Error(`Prompt ${promptId} is gone.`);
    // A fill already recorded keeps the work where its collection put it (a closed collection's is not re-asked).
    if (await insertFill(trx, promptId, workId, viewer.id, now)) {
      const submitted = await submitWork(trx, viewer, collection, workId, now);
      if (!submitted.ok) throw new Error(submitted.reason);
    }
  }
  await announceFills(trx, workId);
}

/** Once the work is posted, its untold fills' prompters hear of it (fill-notices.ts), once each. */
export async function announceFills(trx: Db, workId: number): Promise<void> {
  const work = await findWorkStatus(trx, workId);
  if (!work || work.status !== 'posted' || work.is_held === 1) return;
  const untold = (await listPromptsFilledBy(trx, workId)).filter((f) => f.is_told === 0);
  if (untold.length) await recordEvent(trx, 'prompt.filled', { workId });
}

/** The post and edit forms' "In response to prompt" field, as a work form extra (src/web/work-form-extras.ts). */
export const promptFillFormExtra: WorkFormExtra = {
  field: IN_RESPONSE_TO,
  valueOf: async (db, workId) => String((await promptIdFilledBy(db, workId)) ?? ''),
  async check(db, viewer, typed, workId) {
    const answer = await checkInResponseTo(db, viewer, typed, workId);
    if ('error' in answer) return { error: answer.error };
    return { save: (trx, id) => recordFill(trx, viewer, answer.promptId, id, new Date()) };
  },
  // The prompter hears once the filling work is posted.
  onPost: announceFills,
};
