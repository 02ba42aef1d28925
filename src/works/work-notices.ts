/**
 * Emails about a work that other people need to know of: a parent work's
 * creators hear when a related work links to theirs and waits for their
 * approval, and a gift's recipient hears about the gift (and that they may
 * refuse it). Routes that post or edit a work take a snapshot before the
 * change and send after it commits, so each person is written to once, when
 * the link or gift first becomes visible (a draft's wait until it is posted).
 */
import { RELATIONS } from '../domain-facts.ts';
import { sendInBackground } from '../mail/mailer.ts';
import type { AppContext } from '../web/context.ts';
import type { Database } from '../db/database.ts';
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
export async function snapshotNotices(db: Database, workId: number): Promise<NoticeSnapshot> {
  const [parents, gifts] = await Promise.all([listPendingParentIds(db, workId), listGiftRecipientPseudIds(db, workId)]);
  return { parentWorkIds: new Set(parents), giftPseudIds: new Set(gifts) };
}

/**
 * Mails everyone newly concerned since `before`. The mail itself goes out in
 * the background; a failure here is logged and never undoes the saved work.
 */
export async function sendNewNotices(c: AppContext, workId: number, before: NoticeSnapshot): Promise<void> {
  try {
    await mailNotices(c, workId, before);
  } catch (error) {
    console.error(`[mail] could not prepare notices for work ${workId}:`, error);
  }
}

async function mailNotices(c: AppContext, workId: number, before: NoticeSnapshot): Promise<void> {
  const { db, config, mailer } = c.get('deps');
  const after = await snapshotNotices(db, workId);
  const newParents = [...after.parentWorkIds].filter((id) => !before.parentWorkIds.has(id));
  const newGifts = [...after.giftPseudIds].filter((id) => !before.giftPseudIds.has(id));
  if (!newParents.length && !newGifts.length) return;

  const work = await describeWork(db, workId);
  const workUrl = `${config.baseUrl}/works/${workId}`;
  // Writers linking to their own work, or gifting themselves, need no email about it.
  const ownIds = new Set((await listContacts(db, { workIds: [workId] })).map((u) => u.id));

  for (const parentId of newParents) {
    const parent = await describeWork(db, parentId);
    const relation = work.relations.get(parentId) ?? 'inspired_by';
    for (const person of await listContacts(db, { workIds: [parentId] })) {
      if (ownIds.has(person.id)) continue;
      sendInBackground(mailer, {
        to: person.email,
        subject: `A work on ${config.archiveName} links to “${parent.title}”`,
        text: [
          `Hello ${person.username},`,
          '',
          `“${work.title}” by ${work.byline} (${workUrl}) says it is ${RELATIONS[relation].toLowerCase()} your work “${parent.title}”.`,
          'The link shows on your work only if you approve it. Approve or remove it here:',
          '',
          `${config.baseUrl}/users/${encodeURIComponent(person.username)}/related-works`,
        ].join('\n'),
      });
    }
  }
  for (const person of await listContacts(db, { pseudIds: newGifts })) {
    if (ownIds.has(person.id)) continue;
    sendInBackground(mailer, {
      to: person.email,
      subject: `A gift for you on ${config.archiveName}: “${work.title}”`,
      text: [
        `Hello ${person.username},`,
        '',
        `${work.byline} gave you a work as a gift: “${work.title}”`,
        workUrl,
        '',
        'Your gifts, and a button to refuse one if you would rather not have it, are here:',
        `${config.baseUrl}/users/${encodeURIComponent(person.username)}/gifts`,
      ].join('\n'),
    });
  }
}

async function describeWork(db: Database, workId: number) {
  const facts = await describeWorkForNotice(db, workId);
  return {
    title: facts.title,
    byline: facts.isAnonymous ? 'Anonymous' : facts.creators.map(creatorLabel).join(', ') || 'an orphaned account',
    relations: facts.relations,
  };
}
