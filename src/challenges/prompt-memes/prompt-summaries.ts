/**
 * Prompts as the pages and the API show them to one viewer: the row, its
 * tags, its prompter through the presenter (anonymous honoured) and its
 * fills, only those whose works the viewer may read (src/visibility/).
 */
import type { Db } from '../../db/database.ts';
import { findWorkAccesses, whyCannotReadWork } from '../../visibility/index.ts';
import type { Viewer } from '../../web/context.ts';
import { prompterOf } from './presenters.ts';
import { listFillsOfPrompts, listPrompters, listPromptTags } from './queries.ts';
import type { PromptSummary } from './views.tsx';

type Row = Omit<PromptSummary, 'tags' | 'prompter'> & { is_anonymous: number; user_id: number };

export async function summarise(db: Db, viewer: Viewer | null, rows: Row[], isMaintainer: boolean) {
  const ids = rows.map((r) => r.id);
  const [tags, prompters] = await Promise.all([listPromptTags(db, ids), listPrompters(db, ids)]);
  const prompterById = new Map(prompters.map((p) => [p.prompt_id, p]));
  return rows.map((row): PromptSummary & { isAnonymous: boolean; userId: number } => {
    const facts = prompterById.get(row.id);
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      url: row.url,
      created_at: row.created_at,
      claims: row.claims,
      fills: row.fills,
      tags: tags.filter((t) => t.prompt_id === row.id).map((t) => ({ kind: t.kind, name: t.name, id: t.id })),
      prompter: facts ? prompterOf(viewer, { ...facts, is_anonymous: row.is_anonymous }, isMaintainer) : null,
      isAnonymous: row.is_anonymous === 1,
      userId: row.user_id,
    };
  });
}

/** The fills of these prompts whose works this viewer may read, oldest first. */
export async function readableFills(db: Db, viewer: Viewer | null, promptIds: readonly number[]) {
  const fills = await listFillsOfPrompts(db, promptIds);
  const accesses = await findWorkAccesses(
    db,
    fills.map((f) => f.work_id),
  );
  return fills.filter((f) => {
    const access = accesses.get(f.work_id);
    return !!access && whyCannotReadWork(viewer, access) === null && !access.states.includes('draft');
  });
}
