/**
 * What every wrangling command shares: who does it, how a refusal is said,
 * and `wrangle()`, which runs a command's rule checks and writes in one
 * transaction, records it in the wrangling log and re-derives the filter
 * tags of the works it touched — so no action can change the graph and
 * leave filters stale or unlogged.
 */
import type { Db } from '../db/database.ts';
import type { Tag } from '../tags/tags.table.ts';
import { rederiveForTags, type RederiveOutcome } from '../indexing/filter-tags.ts';
import { TAG_KIND_LABELS } from '../tags/kinds.ts';
import { findTagById, findTagByName } from '../tags/queries.ts';
import { logWranglingActions, type NewWranglingAction } from './queries.ts';

/** Who wrangles: a signed-in wrangler or admin, or the command line. */
export interface Actor {
  userId: number | null;
  name: string;
}

export const COMMAND_LINE: Actor = { userId: null, name: 'command line' };

/** A refusal, worded for the wrangler (shown as a flash or printed by the CLI). */
export class WranglingError extends Error {}

export interface Change {
  /** What changed, in a sentence. */
  message: string;
  log: NewWranglingAction[];
  /** Tags whose place in the graph changed; the works below them are re-derived. */
  touched: number[];
}

export interface WranglingOutcome {
  changed: boolean;
  message: string;
  filters?: RederiveOutcome;
}

/**
 * Runs `command` in a transaction. It returns a Change, or a string when
 * there was nothing to do ("already canonical"), and throws WranglingError
 * to refuse.
 */
export async function wrangle(
  db: Db,
  actor: Actor,
  command: (trx: Db) => Promise<Change | string>,
): Promise<WranglingOutcome> {
  return db.transaction().execute(async (trx) => {
    const change = await command(trx);
    if (typeof change === 'string') return { changed: false, message: change };
    await logWranglingActions(trx, actor, change.log);
    const filters = change.touched.length ? await rederiveForTags(trx, change.touched) : undefined;
    let message = change.message;
    if (filters?.queued) message += ` Filters of ${filters.works} works will be updated in the background.`;
    return { changed: true, message, filters };
  });
}

export function quoted(tag: Pick<Tag, 'name'>): string {
  return `"${tag.name}"`;
}

export function kindLabel(tag: Pick<Tag, 'kind'>): string {
  return TAG_KIND_LABELS[tag.kind];
}

/** "a Fandom", "an Additional Tag" ("A Fandom" at the start of a sentence). */
export function withArticle(label: string, atStart = false): string {
  const article = /^[AEIOU]/i.test(label) ? 'an' : 'a';
  return `${atStart ? article[0].toUpperCase() + article.slice(1) : article} ${label}`;
}

/** How a tag stands, for the log and messages: "canonical Character", "synonym of \"X\"", "unwrangled Fandom". */
export async function describeStatus(db: Db, tag: Tag): Promise<string> {
  if (tag.is_canonical) return `canonical ${kindLabel(tag)}`;
  if (tag.synonym_of_id !== null) {
    const canonical = await findTagById(db, tag.synonym_of_id);
    return `${kindLabel(tag)} synonym of ${canonical ? quoted(canonical) : 'a missing tag'}`;
  }
  if (tag.is_unwrangleable) return `unwrangleable ${kindLabel(tag)}`;
  return `unwrangled ${kindLabel(tag)}`;
}

export async function requireTag(db: Db, id: number): Promise<Tag> {
  const tag = await findTagById(db, id);
  if (!tag) throw new WranglingError(`There is no tag #${id}.`);
  return tag;
}

export async function requireTagNamed(db: Db, name: string): Promise<Tag> {
  const tag = await findTagByName(db, name);
  if (!tag) throw new WranglingError(`There is no tag named "${name}".`);
  return tag;
}
