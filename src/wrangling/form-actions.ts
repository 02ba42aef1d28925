/**
 * Turns a submitted wrangling form (on a tag's page, or a mass action in a
 * bin) into one wrangling command: reads the fields with zod, looks the
 * named tags up, and runs the command. The CLI resolves names the same way.
 */
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Tag } from '../tags/tags.table.ts';
import { parseTagKind } from '../tags/kinds.ts';
import { requireTagNamed, WranglingError, type Actor, type WranglingOutcome } from './command.ts';
import { addMetaTag, attachParent, detachParent, removeMetaTag } from './link-commands.ts';
import { changeKind, makeCanonical, markUnwrangleable, renameTag } from './status-commands.ts';
import { makeSynonym } from './synonym-command.ts';

export const WRANGLING_ACTIONS = [
  'canonical',
  'synonym',
  'add_meta',
  'remove_meta',
  'attach_parent',
  'detach_parent',
  'kind',
  'unwrangleable',
  'wrangleable',
  'rename',
] as const;

const text = z.string().max(500).optional().default('');

export const wranglingFormSchema = z.object({
  action: z.enum(WRANGLING_ACTIONS),
  synonym_of: text,
  meta: text,
  parent: text,
  kind: text,
  name: text,
});
export type WranglingForm = z.infer<typeof wranglingFormSchema>;

/** Reads a form body; a missing or unknown action is a refusal, not a crash. */
export function parseWranglingForm(body: Record<string, unknown>): WranglingForm {
  const parsed = wranglingFormSchema.safeParse(body);
  if (!parsed.success) throw new WranglingError('That wrangling action is not one this archive knows.');
  return parsed.data;
}

async function named(db: Db, value: string, what: string): Promise<Tag> {
  if (!value.trim()) throw new WranglingError(`Type the name of the ${what}.`);
  return requireTagNamed(db, value);
}

export async function runWranglingForm(db: Db, actor: Actor, tag: Tag, form: WranglingForm): Promise<WranglingOutcome> {
  switch (form.action) {
    case 'canonical':
      return makeCanonical(db, actor, tag.id);
    case 'synonym':
      return makeSynonym(db, actor, tag.id, (await named(db, form.synonym_of, 'canonical tag')).id);
    case 'add_meta':
      return addMetaTag(db, actor, tag.id, (await named(db, form.meta, 'meta tag')).id);
    case 'remove_meta':
      return removeMetaTag(db, actor, tag.id, (await named(db, form.meta, 'meta tag')).id);
    case 'attach_parent':
      return attachParent(db, actor, tag.id, (await named(db, form.parent, 'fandom')).id);
    case 'detach_parent':
      return detachParent(db, actor, tag.id, (await named(db, form.parent, 'fandom')).id);
    case 'kind': {
      const kind = parseTagKind(form.kind);
      if (!kind) throw new WranglingError('Choose a kind.');
      return changeKind(db, actor, tag.id, kind);
    }
    case 'unwrangleable':
      return markUnwrangleable(db, actor, tag.id, true);
    case 'wrangleable':
      return markUnwrangleable(db, actor, tag.id, false);
    case 'rename':
      return renameTag(db, actor, tag.id, form.name);
  }
}

/** The result of one action applied to many tags: what changed and what was refused, tag by tag. */
export interface MassOutcome {
  changed: string[];
  unchanged: string[];
  refused: string[];
}

export async function runMassWrangling(db: Db, actor: Actor, tags: Tag[], form: WranglingForm): Promise<MassOutcome> {
  const outcome: MassOutcome = { changed: [], unchanged: [], refused: [] };
  // One command (and transaction) per tag, so one refusal does not undo the others.
  for (const tag of tags) {
    try {
      const result = await runWranglingForm(db, actor, tag, form);
      (result.changed ? outcome.changed : outcome.unchanged).push(result.message);
    } catch (error) {
      if (!(error instanceof WranglingError)) throw error;
      outcome.refused.push(error.message);
    }
  }
  return outcome;
}

export function massOutcomeMessage(outcome: MassOutcome): string {
  const parts: string[] = [];
  if (outcome.changed.length) parts.push(`${outcome.changed.length} tag(s) changed: ${outcome.changed.join(' ')}`);
  if (outcome.unchanged.length) parts.push(`Nothing to do: ${outcome.unchanged.join(' ')}`);
  if (outcome.refused.length) parts.push(`Refused: ${outcome.refused.join(' ')}`);
  const message = parts.join(' ') || 'Select at least one tag.';
  // The message travels in a flash cookie, which browsers cap at about 4 KB.
  return message.length > 1500 ? `${message.slice(0, 1500)}…` : message;
}
