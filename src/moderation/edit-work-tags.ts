/**
 * A moderator's edit of a work's tags, rating, archive warnings, categories or language: one audited command
 * with a reason (`work.edit-tags`, the classification before and after in its audit row) that saves through
 * the work-saving path (src/works/save-work.ts `reclassifyWork`: filter tags re-derived, the search index,
 * the change logs the in-memory index and the page cache read), and in the same transaction tells each of
 * the work's creators what changed and why — a notice in their inbox and a mail — never who acted.
 */
import { runCommand, type Actor } from '../audit/run-command.ts';
import { findRecipients, insertInboxNotice } from '../comments/inbox-queries.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Rating } from '../domain-facts.ts';
import { queueMail } from '../outbox/mail.ts';
import { findWorkAccess } from '../visibility/index.ts';
import { findWorkTagNames, listLanguages } from '../works/queries.ts';
import { reclassifyWork, type WorkClassification } from '../works/save-work.ts';
import { findWorkClassification } from './queries.ts';
import { NothingThereError } from './work-actions.ts';

export class NothingChangedError extends Error {}

const LIST_FIELDS = [
  ['warnings', 'Archive warnings'],
  ['categories', 'Categories'],
  ['fandoms', 'Fandoms'],
  ['relationships', 'Relationships'],
  ['characters', 'Characters'],
  ['freeforms', 'Additional tags'],
] as const;

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

/** One line per field that changed, as the creators read it. */
export function describeChanges(
  before: WorkClassification,
  after: WorkClassification,
  languageName: (code: string) => string,
): string[] {
  const lines: string[] = [];
  if (before.rating !== after.rating) lines.push(`Rating: ${before.rating} → ${after.rating}.`);
  for (const [field, label] of LIST_FIELDS) {
    const key = (name: string) => name.toLocaleLowerCase('und');
    const had = new Set(before[field].map(key));
    const has = new Set(after[field].map(key));
    const added = after[field].filter((name) => !had.has(key(name)));
    const removed = before[field].filter((name) => !has.has(key(name)));
    if (!added.length && !removed.length) continue;
    const parts = [added.length ? `added ${quoted(added)}` : '', removed.length ? `removed ${quoted(removed)}` : ''];
    lines.push(`${label}: ${parts.filter(Boolean).join('; ')}.`);
  }
  if (before.languageCode !== after.languageCode) {
    lines.push(`Language: ${languageName(before.languageCode)} → ${languageName(after.languageCode)}.`);
  }
  return lines;
}

export async function editWorkClassification(
  db: Db,
  actor: Actor,
  workId: number,
  change: WorkClassification,
  reason: string,
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  now = new Date(),
): Promise<string[]> {
  return runCommand(
    db,
    { actor, action: 'work.edit-tags', target: { type: 'work', id: workId }, reason },
    async (trx) => {
      const work = await findWorkClassification(trx, workId);
      if (!work || work.deleted_at || work.status !== 'posted')
        throw new NothingThereError(`There is no work ${workId}.`);
      const before: WorkClassification = {
        rating: work.rating as Rating,
        languageCode: work.language,
        ...(await findWorkTagNames(trx, workId)),
      };
      const names = new Map((await listLanguages(trx)).map((l) => [l.code, l.name]));
      const lines = describeChanges(before, change, (code) => names.get(code) ?? code);
      if (!lines.length) throw new NothingChangedError('Nothing was changed.');
      await reclassifyWork(trx, workId, change);
      await tellCreators(trx, workId, work.title, lines, reason, config, now);
      return { before, after: { ...before, ...change }, result: lines };
    },
  );
}

async function tellCreators(
  trx: Db,
  workId: number,
  title: string,
  lines: string[],
  reason: string,
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
  now: Date,
): Promise<void> {
  const access = await findWorkAccess(trx, workId);
  const path = `/works/${workId}`;
  const text = `A moderator changed “${title}”. ${lines.join(' ')} Why: ${reason}`;
  for (const creator of await findRecipients(trx, access?.creatorUserIds ?? [])) {
    await insertInboxNotice(trx, { userId: creator.id, reason: 'moderation', text, path, now });
    await queueMail(trx, {
      to: creator.email,
      subject: `A moderator changed your work “${title}”`,
      text: [
        `Hello ${creator.username},`,
        '',
        `A moderator of ${config.archiveName} changed your work “${title}”:`,
        '',
        ...lines,
        '',
        `Why: ${reason}`,
        '',
        `Your work: ${config.baseUrl}${path}`,
      ].join('\n'),
    });
  }
}
