/**
 * What collections change on a guest's pages, logged into the page change
 * log (migrations 0040, 0042) so the guest page cache drops those pages at
 * once: a work joining, leaving or waiting in a collection changes its own
 * pages ("Collections: …") and its blurb in every listing (work id 0); a
 * collection renamed or retitled changes every page of its works and every
 * listing.
 */
import type { Kysely } from 'kysely';
import { createPageSourceTriggers, LISTINGS, type PageSource } from './0042-page-change-sources.ts';

const WATCHED: PageSource[] = [
  { table: 'collection_items', body: (r) => [[`${r}.work_id`], [LISTINGS]] },
  {
    table: 'collections',
    events: ['update'],
    columns: ['name', 'title'],
    body: (r) => [[LISTINGS], ['work_id', `from collection_items where collection_id = ${r}.id`]],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await createPageSourceTriggers(db, WATCHED);
}
