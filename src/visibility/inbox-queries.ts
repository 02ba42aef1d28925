/**
 * Which inbox items a person may still see, as SQL: the inbox page, its API
 * and the header's unread count all ask this one predicate, so the count in
 * the header never promises an item the page will not show (a work hidden,
 * deleted or restricted since the item was made, a comment deleted, held or
 * hidden, or written by someone the person has muted since).
 *
 * The query it goes in names the tables `i` (inbox_items), `c` (comments,
 * left-joined on i.comment_id) and `w` (works, left-joined on c.work_id). A
 * notice (a report's outcome, a moderator's change to one's work; migration
 * 0055) has no comment: it is addressed to this person alone and stays until
 * they delete it.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Tables } from '../db/database.ts';
import { listedWorks } from './queries.ts';
import { MEMBER_AUDIENCE } from './work-states.ts';

type InboxTables = Tables & { i: Tables['inbox_items']; c: Tables['comments']; w: Tables['works'] };

/**
 * Items this person may still see: the comment is not deleted, and they may still read the work — any
 * member's works, or, while they are still its creator, one a moderator hid too. A hidden or held comment
 * shows only to the work's creators; comments by someone they have muted since do not show at all.
 */
export function inboxItemStillVisible<DB, TB extends keyof DB>(outer: ExpressionBuilder<DB, TB>): Expression<SqlBool> {
  // The aliases i, c and w are the caller's (see above); the columns are those tables' own.
  const eb = outer as unknown as ExpressionBuilder<InboxTables, 'i' | 'c' | 'w'>;
  const isStillCreator = eb.exists(
    eb
      .selectFrom('creatorships as cs')
      .innerJoin('pseuds as cp', 'cp.id', 'cs.pseud_id')
      .select('cs.work_id')
      .whereRef('cs.work_id', '=', 'w.id')
      .whereRef('cp.user_id', '=', 'i.user_id')
      .where('cs.is_accepted', '=', 1),
  );
  const asCreator = eb.and([isStillCreator, listedWorks(eb, { includeRestricted: true, includeHidden: true }, 'w')]);
  const asReader = eb.and([
    listedWorks(eb, MEMBER_AUDIENCE, 'w'),
    eb('c.state', '=', 'published'),
    eb('c.is_hidden', '=', 0),
  ]);
  const commentStillVisible = eb.and([
    eb('c.deleted_at', 'is', null),
    eb.or([asCreator, asReader]),
    eb.or([
      eb('c.user_id', 'is', null),
      eb.not(
        eb.exists(
          eb
            .selectFrom('user_mutes as m')
            .select('m.muted_id')
            .whereRef('m.muter_id', '=', 'i.user_id')
            .whereRef('m.muted_id', '=', 'c.user_id'),
        ),
      ),
    ]),
  ]);
  return eb.or([eb('i.comment_id', 'is', null), commentStillVisible]);
}
