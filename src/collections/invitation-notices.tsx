/**
 * Telling creators where their works stand in collections: the mail a
 * maintainer's invitation sends each of the work's creators (the
 * `collection.invited` event, recorded by `inviteWork` in its transaction),
 * and the notice at the top of their inbox and dashboard listing their works
 * invited (with Accept and Decline) or waiting for a maintainer's approval.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { queueMail } from '../outbox/mail.ts';
import type { EventListeners } from '../outbox/outbox.ts';
import type { OwnNotice } from '../web/own-notices.ts';
import { listContacts } from '../works/approval-queries.ts';
import { findCollectionById, findItem, findWorkTitleForNotice, listPendingItemsOfUser } from './queries.ts';
import { collectionPath } from './views.tsx';

type NoticeSettings = Pick<Config, 'baseUrl' | 'archiveName'>;

/** The outbox listener that queues one invitation mail per creator. */
export function invitationNoticeListeners(
  config: NoticeSettings,
): Required<Pick<EventListeners, 'collection.invited'>> {
  return {
    'collection.invited': {
      inTransaction: true,
      run: (db, { collectionId, workId }) => queueInvitationMails(db, config, collectionId, workId),
    },
  };
}

async function queueInvitationMails(db: Db, config: NoticeSettings, collectionId: number, workId: number) {
  const [collection, item, work] = await Promise.all([
    findCollectionById(db, collectionId),
    findItem(db, collectionId, workId),
    findWorkTitleForNotice(db, workId),
  ]);
  // Answered, withdrawn or deleted before the mail went out: nothing to ask any more.
  if (!collection || !work || item?.status !== 'invited') return;
  for (const person of await listContacts(db, { workIds: [workId] })) {
    await queueMail(db, {
      to: person.email,
      subject: `${collection.title} asks for your work “${work.title}”`,
      text: [
        `Hello ${person.username},`,
        '',
        `The maintainers of the collection “${collection.title}” (${config.baseUrl}${collectionPath(collection.name)}) invite your work “${work.title}” (${config.baseUrl}/works/${workId}) to join it.`,
        'It joins only if you accept. Accept or decline here:',
        '',
        `${config.baseUrl}/collection-items`,
      ].join('\n'),
    });
  }
}

/** The top of a creator's inbox and dashboard: their works invited to collections or waiting in them. */
export const collectionItemsNotice: OwnNotice = {
  name: 'collection-items',
  async load(db, viewer) {
    const items = await listPendingItemsOfUser(db, viewer.id);
    if (!items.length) return null;
    return (
      <section class="notice collection-items-notice" aria-labelledby="collection-items-heading">
        <h2 id="collection-items-heading">Your works in collections</h2>
        <ul>
          {items.map((item) => (
            <li>
              <a href={`/works/${item.work_id}`}>{item.work_title}</a>{' '}
              {item.status === 'invited' ? 'is invited to' : 'waits for approval in'}{' '}
              <a href={collectionPath(item.name)}>{item.title}</a>
              {item.status === 'invited' ? (
                <form method="post" action={`/collection-items/${item.id}/answer`} class="inline">
                  {' '}
                  <button type="submit" name="answer" value="accept">
                    Accept
                  </button>{' '}
                  <button type="submit" name="answer" value="decline" class="secondary">
                    Decline
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        <p>
          <a href="/collection-items">All your works in collections</a>
        </p>
      </section>
    );
  },
};
