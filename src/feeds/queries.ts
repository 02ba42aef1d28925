/**
 * SQL behind the Atom feeds. Feeds are fetched without cookies and end up in
 * shared readers, so they hold only what a guest may list (src/visibility),
 * newest first.
 */
import type { Db } from '../db/database.ts';
import { creatorPageAudience, GUEST_AUDIENCE, listedWorksWhere } from '../visibility/index.ts';

export const FEED_SIZE = 20;

/** What a guest may list: feeds carry no login. */
const isPublic = listedWorksWhere(GUEST_AUDIENCE);

/**
 * New public works under a tag. A canonical tag reaches its synonyms' and
 * sub tags' works through the derived filter tags; any other tag finds the
 * works tagged with it; a rating is a column of the work.
 */
export async function listPublicWorkIdsForTag(
  db: Db,
  tag: { id: number; kind: string; name: string; is_canonical: number },
  limit = FEED_SIZE,
): Promise<number[]> {
  const rows = await db
    .selectFrom('works')
    .select('works.id')
    .where(isPublic)
    .where((eb) => {
      if (tag.kind === 'rating') return eb('works.rating', '=', tag.name);
      const through = tag.is_canonical
        ? eb
            .selectFrom('filter_taggings')
            .select('filter_taggings.work_id')
            .whereRef('filter_taggings.work_id', '=', 'works.id')
            .where('filter_taggings.tag_id', '=', tag.id)
        : eb
            .selectFrom('taggings')
            .select('taggings.work_id')
            .whereRef('taggings.work_id', '=', 'works.id')
            .where('taggings.tag_id', '=', tag.id);
      return eb.exists(through);
    })
    .orderBy('works.published_on', (ob) => ob.desc().nullsLast())
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A user's newest public works, by any of their pseuds; anonymous and unrevealed works stay off their feed. */
export async function listPublicWorkIdsForUser(db: Db, userId: number, limit = FEED_SIZE): Promise<number[]> {
  const rows = await db
    .selectFrom('works')
    .select('works.id')
    // A creator's feed is their page as a guest sees it: no anonymous or unrevealed works.
    .where(listedWorksWhere(creatorPageAudience(null, userId)))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('creatorships')
          .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
          .select('creatorships.work_id')
          .whereRef('creatorships.work_id', '=', 'works.id')
          .where('creatorships.is_accepted', '=', 1)
          .where('pseuds.user_id', '=', userId),
      ),
    )
    .orderBy('works.published_on', (ob) => ob.desc().nullsLast())
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A collection's newest public works (approved into it or its subcollections). A guest may list no
 * unrevealed work, so a Mystery Work joins the feed only when it is revealed.
 */
export async function listPublicWorkIdsForCollections(
  db: Db,
  collectionIds: readonly number[],
  limit = FEED_SIZE,
): Promise<number[]> {
  if (!collectionIds.length) return [];
  const rows = await db
    .selectFrom('works')
    .select('works.id')
    .where(isPublic)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('collection_items')
          .select('collection_items.work_id')
          .whereRef('collection_items.work_id', '=', 'works.id')
          .where('collection_items.collection_id', 'in', [...collectionIds])
          .where('collection_items.status', '=', 'approved'),
      ),
    )
    .orderBy('works.published_on', (ob) => ob.desc().nullsLast())
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A public work's title and dates, or undefined when a guest could not read it. */
export async function findPublicWork(db: Db, workId: number) {
  return db
    .selectFrom('works')
    .select(['works.id', 'works.title', 'works.revised_at', 'works.is_anonymous'])
    .where('works.id', '=', workId)
    .where(isPublic)
    .executeTakeFirst();
}

/** A work's posted chapters, newest first. */
export async function listPostedChaptersNewestFirst(db: Db, workId: number, limit = FEED_SIZE) {
  return db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'summary', 'word_count', 'published_on', 'updated_at'])
    .where('work_id', '=', workId)
    .where('is_posted', '=', 1)
    .orderBy('position', 'desc')
    .limit(limit)
    .execute();
}
