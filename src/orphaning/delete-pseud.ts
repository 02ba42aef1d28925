/**
 * Deleting a pseud: its works move to another of the person's pseuds, or are
 * orphaned (with or without the pseud's name kept); its bookmarks, comments
 * and gifts move to the chosen pseud, else to the default one. The default
 * pseud cannot be deleted. Its icon file goes after commit. One transaction.
 */
import type { Db } from '../db/database.ts';
import { findPseud, findDefaultPseud } from '../accounts/queries.ts';
import { recordEvent } from '../outbox/outbox.ts';
import { orphanInTransaction } from './orphan.ts';
import {
  bylineChanged,
  deletePseudRow,
  findCreatorshipsOf,
  findSeriesCreatorsOf,
  moveCreatorship,
  moveSeriesCreator,
  movePseudBelongings,
} from './queries.ts';

export type PseudWorksChoice = { moveTo: number } | { orphan: true; keepName: boolean };

/** What becomes of a deleted pseud's works, as the page's radio buttons and the API's `works` say it. */
export const PSEUD_WORKS_CHOICES = ['move', 'orphan-keep', 'orphan-drop'] as const;

export function pseudWorksChoice(works: unknown, moveTo: unknown): PseudWorksChoice {
  if (works === 'orphan-keep') return { orphan: true, keepName: true };
  if (works === 'orphan-drop') return { orphan: true, keepName: false };
  return { moveTo: Number(moveTo) };
}

export type DeletePseudOutcome = 'deleted' | 'not-found' | 'is-default' | 'bad-target';

export async function deletePseud(
  db: Db,
  userId: number,
  pseudId: number,
  choice: PseudWorksChoice,
): Promise<DeletePseudOutcome> {
  return db.transaction().execute(async (trx) => {
    const pseud = await findPseud(trx, userId, pseudId);
    if (!pseud) return 'not-found';
    if (pseud.is_default) return 'is-default';
    let heir = (await findDefaultPseud(trx, userId)).id;
    if ('moveTo' in choice) {
      const target = await findPseud(trx, userId, choice.moveTo);
      if (!target || target.id === pseud.id) return 'bad-target';
      heir = target.id;
      const creatorships = await findCreatorshipsOf(trx, userId, { pseudIds: [pseud.id] });
      for (const creatorship of creatorships) await moveCreatorship(trx, creatorship, heir);
      for (const row of await findSeriesCreatorsOf(trx, userId, { pseudIds: [pseud.id] })) {
        await moveSeriesCreator(trx, row, heir);
      }
      await bylineChanged(
        trx,
        creatorships.map((c) => c.work_id),
      );
    } else {
      await orphanInTransaction(trx, { userId, pseudIds: [pseud.id], keepName: choice.keepName });
    }
    await movePseudBelongings(trx, pseud.id, heir);
    await deletePseudRow(trx, pseud.id);
    if (pseud.icon_file) await recordEvent(trx, 'pseud-icons.dropped', { files: [pseud.icon_file] });
    return 'deleted';
  });
}
