/**
 * Emails about a work that other people need to know of: a parent work's
 * creators hear when a related work links to theirs and waits for their
 * approval, and a gift's recipient hears about the gift (and that they may
 * refuse it). The commands that save a work (save-work.ts) take a snapshot
 * at the start of their transaction and, before it commits, record an
 * outbox event for whoever is newly concerned, so each person is written to
 * once, when the link or gift first becomes visible (a draft's wait until it
 * is posted). The listeners here turn those events into mail jobs after the
 * commit; they need only the database and the archive's name and address.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { RELATIONS } from '../domain-facts.ts';
import { queueMail } from '../outbox/mail.ts';
import { recordEvent, type EventListeners } from '../outbox/outbox.ts';
import {
  describeWorkForNotice,
  listContacts,
  listGiftRecipientPseudIds,
  listPendingParentIds,
} from './approval-queries.ts';
import { creatorLabel } from './creator-links.tsx';

export interface NoticeSnapshot {
  parentWorkIds: ReadonlySet<number>;
  giftPseudIds: ReadonlySet<number>;
}

/** Before a new work exists, nobody has been told anything. */
export const NOTHING_NOTICED: NoticeSnapshot = { parentWorkIds: new Set(), giftPseudIds: new Set() };

/** Which parents' creators and which gift recipients can already see this work's link or gift. */
export async function snapshotNotices(db: Db, workId: number): Promise<NoticeSnapshot> {
  const [parents, gifts] = await Promise.all([listPendingParentIds(db, workId), listGiftRecipientPseudIds(db, workId)]);
  return { parentWorkIds: new Set(parents), giftPseudIds: new Set(gifts) };
}

/** Records, in the saving transaction, an event for the parents and recipients newly concerned since `before`. */
export async function recordNewNotices(trx: Db, workId: number, before: NoticeSnapshot): Promise<void> {
  const after = await snapshotNotices(trx, workId);
  const parentWorkIds = [...after.parentWorkIds].filter((id) => !before.parentWorkIds.has(id));
  const pseudIds = [...after.giftPseudIds].filter((id) => !before.giftPseudIds.has(id));
  if (parentWorkIds.length) await recordEvent(trx, 'related-work.linked', { workId, parentWorkIds });
  if (pseudIds.length) await recordEvent(trx, 'gift.given', { workId, pseudIds });
}

type NoticeSettings = Pick<Config, 'baseUrl' | 'archiveName'>;

/** The outbox listeners that queue these mails (one mail job per person). */
export function workNoticeListeners(
  config: NoticeSettings,
): Required<Pick<EventListeners, 'gift.given' | 'related-work.linked'>> {
  return {
    'related-work.linked': {
      inTransaction: true,
      run: (db, { workId, parentWorkIds }) => queueLinkNotices(db, config, workId, parentWorkIds),
    },
    'gift.given': {
      inTransaction: true,
      run: (db, { workId, pseudIds }) => queueGiftNotices(db, config, workId, pseudIds),
    },
  };
}

/**
 * A Mystery Work's reveal (`works.revealed`): its gift recipients and its parents' creators were told nothing
 * while it was secret (the snapshot above sees only works readers may see), so they are told now, once.
 */
export async function queueRevealedWorkNotices(db: Db, config: NoticeSettings, workId: number): Promise<void> {
  const { parentWorkIds, giftPseudIds } = await snapshotNotices(db, workId);
  if (parentWorkIds.size) await queueLinkNotices(db, config, workId, [...parentWorkIds]);
  if (giftPseudIds.size) await queueGiftNotices(db, config, workId, [...giftPseudIds]);
}

/** Writers linking to their own work, or gifting themselves, need no email about it. */
async function ownAccountIds(db: Db, workId: number): Promise<Set<number>> {
  return new Set((await listContacts(db, { workIds: [workId] })).map((u) => u.id));
}

async function queueLinkNotices(db: Db, config: NoticeSettings, workId: number, parentIds: number[]) {
  const work = await describeWork(db, workId);
  if (!work) return; // deleted before the notice went out
  const ownIds = await ownAccountIds(db, workId);
  for (const parentId of parentIds) {
    const parent = await describeWork(db, parentId);
    if (!parent) continue;
    const relation = work.relations.get(parentId) ?? 'inspired_by';
    for (const person of await listContacts(db, { workIds: [parentId] })) {
      if (ownIds.has(person.id)) continue;
      await queueMail(db, {
        to: person.email,
        subject: `A work on ${config.archiveName} links to “${parent.title}”`,
        text: [
          `Hello ${person.username},`,
          '',
          `“${work.title}” by ${work.byline} (${workUrl(config, workId)}) says it is ${RELATIONS[relation].toLowerCase()} your work “${parent.title}”.`,
          'The link shows on your work only if you approve it. Approve or remove it here:',
          '',
          `${config.baseUrl}/users/${encodeURIComponent(person.username)}/related-works`,
        ].join('\n'),
      });
    }
  }
}

async function queueGiftNotices(db: Db, config: NoticeSettings, workId: number, pseudIds: number[]) {
  const work = await describeWork(db, workId);
  if (!work) return;
  const ownIds = await ownAccountIds(db, workId);
  for (const person of await listContacts(db, { pseudIds })) {
    if (ownIds.has(person.id)) continue;
    await queueMail(db, {
      to: person.email,
      subject: `A gift for you on ${config.archiveName}: “${work.title}”`,
      text: [
        `Hello ${person.username},`,
        '',
        `${work.byline} gave you a work as a gift: “${work.title}”`,
        workUrl(config, workId),
        '',
        'Your gifts, and a button to refuse one if you would rather not have it, are here:',
        `${config.baseUrl}/users/${encodeURIComponent(person.username)}/gifts`,
      ].join('\n'),
    });
  }
}

const workUrl = (config: NoticeSettings, workId: number) => `${config.baseUrl}/works/${workId}`;

async function describeWork(db: Db, workId: number) {
  const facts = await describeWorkForNotice(db, workId);
  if (!facts) return undefined;
  return {
    title: facts.title,
    byline: facts.isAnonymous ? 'Anonymous' : facts.creators.map(creatorLabel).join(', ') || 'an orphaned account',
    relations: facts.relations,
  };
}
