/**
 * What other domains add to a work's post and edit forms (a plug-in point, like blurb-extras.ts): a field
 * the form shows and keeps, checked with the rest of the form, and what it writes in the work's own save
 * transaction — so src/works/ imports none of those domains. Listed in src/server.ts: the Collections field
 * (src/collections/work-form.ts) and "In response to prompt" (src/challenges/prompt-memes/fill.ts).
 */
import type { Db } from '../db/database.ts';
import type { Viewer } from './context.ts';
import type { FieldErrors } from './forms.tsx';

/** Writes of another domain that belong to a work's save, run in its transaction once the work exists. */
export type SaveInTransaction = (trx: Db, workId: number) => Promise<void>;

export interface WorkFormExtra {
  /** The form field it reads and answers for. */
  field: string;
  /** The field's value on an existing work's edit form. */
  valueOf(db: Db, workId: number): Promise<string>;
  /** The message beside the field, or what to write with the work. `workId`: the work being edited. */
  check(
    db: Db,
    viewer: Viewer,
    typed: string,
    workId?: number,
  ): Promise<{ error: string } | { save: SaveInTransaction }>;
  /** Run in the transaction that posts a draft. */
  onPost?: SaveInTransaction;
}

/** Every extra's field checked: their errors by field, and one save that runs each extra's in turn. */
export async function checkWorkFormExtras(
  extras: readonly WorkFormExtra[],
  db: Db,
  viewer: Viewer,
  values: Record<string, unknown>,
  workId?: number,
): Promise<{ errors: FieldErrors; save: SaveInTransaction }> {
  const errors: FieldErrors = {};
  const saves: SaveInTransaction[] = [];
  for (const extra of extras) {
    const typed = values[extra.field];
    const answer = await extra.check(db, viewer, typeof typed === 'string' ? typed : '', workId);
    if ('error' in answer) errors[extra.field] = answer.error;
    else saves.push(answer.save);
  }
  return {
    errors,
    save: async (trx, id) => {
      for (const save of saves) await save(trx, id);
    },
  };
}

/** The extras' fields as an existing work's edit form shows them. */
export async function workFormExtraValues(
  extras: readonly WorkFormExtra[],
  db: Db,
  workId: number,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const extra of extras) values[extra.field] = await extra.valueOf(db, workId);
  return values;
}

/** What the extras write as a draft is posted, in that transaction. */
export function onPostOfExtras(extras: readonly WorkFormExtra[]): SaveInTransaction {
  return async (trx, workId) => {
    for (const extra of extras) await extra.onPost?.(trx, workId);
  };
}
