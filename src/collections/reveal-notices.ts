/**
 * What a reveal (`works.revealed`, recorded by commands.ts) sets going,
 * in one listener: the works become news to their subscribers (as if just
 * posted, src/subscriptions) and their gift recipients and parents'
 * creators hear of them (src/works/work-notices.ts) — everyone who was told
 * nothing while they were Mystery Works, once.
 */
import type { Config } from '../config.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import { recordRevealedUpdates } from '../subscriptions/notice-mail.ts';
import { queueRevealedWorkNotices } from '../works/work-notices.ts';

export function revealNoticeListeners(
  config: Pick<Config, 'baseUrl' | 'archiveName'>,
): Required<Pick<EventListeners, 'works.revealed'>> {
  return {
    'works.revealed': {
      inTransaction: true,
      run: async (db, { workIds }) => {
        await recordRevealedUpdates(db, workIds, new Date());
        for (const workId of workIds) await queueRevealedWorkNotices(db, config, workId);
      },
    },
  };
}
