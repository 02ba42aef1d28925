/**
 * A collection's listing through the in-memory index keeps the collection's
 * works between requests: every change to its items (added, approved,
 * removed, deleted) shows at the next request, as on the SQL path, because
 * the database raises the collection's items version with each (migration
 * 0059).
 */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork } from '../../../test/support/factories.ts';
import { insertCollection, putItem, setItemStatus } from '../../collections/queries.ts';
import type { Db } from '../../db/database.ts';
import { findWorks } from '../find-works.ts';
import { emptyFilters } from '../filters.ts';
import { startMemoryIndex } from '../memory/work-index.ts';

const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

forEachDatabase('a collection’s listing in the in-memory index', (t) => {
  let indexed: Db;
  let collectionId: number;
  let works: number[];

  beforeAll(async () => {
    const writer = await makeUser(t.db);
    works = [];
    for (const title of ['Reedbed', 'Saltpan', 'Mudflat']) works.push(await makeWork(t.db, writer, { title }));
    collectionId = await insertCollection(
      t.db,
      writer.id,
      {
        name: 'estuary_fest',
        title: 'Estuary Fest',
        description: '',
        introduction: '',
        rules: '',
        faq: '',
        isClosed: false,
        isModerated: false,
        isMembersOnly: false,
        isUnrevealed: false,
        isAnonymous: false,
        parentId: null,
      },
      new Date(),
    );
    indexed = t.db.withPlugin(passThrough);
    const index = startMemoryIndex(indexed)!;
    await index.build();
    expect(index.isReady, String(index.lastError)).toBe(true);
  });

  const listed = async () => {
    const filters = emptyFilters({ sort: 'title', order: 'asc' });
    const scope = { includeRestricted: false, collectionIds: [collectionId] };
    const [sql, memory] = await Promise.all([findWorks(t.db, filters, scope), findWorks(indexed, filters, scope)]);
    expect(memory.workIds, 'in memory as on SQL').toEqual(sql.workIds);
    expect(memory.total).toBe(sql.total);
    return memory.workIds;
  };
  const version = async () =>
    (
      await t.db
        .selectFrom('collections')
        .select('items_version')
        .where('id', '=', collectionId)
        .executeTakeFirstOrThrow()
    ).items_version;
  const itemOf = async (workId: number) =>
    (
      await t.db
        .selectFrom('collection_items')
        .select('id')
        .where('work_id', '=', workId)
        .where('collection_id', '=', collectionId)
        .executeTakeFirstOrThrow()
    ).id;

  it('shows each change to the items at the next request, and reads no item while none changed', async () => {
    const [reedbed, saltpan, mudflat] = works;
    expect(await listed()).toEqual([]);
    const start = await version();
    await putItem(t.db, collectionId, reedbed!, 'approved', new Date());
    await putItem(t.db, collectionId, saltpan!, 'awaiting', new Date());
    expect(await version()).toBe(start + 2);
    expect(await listed()).toEqual([reedbed]);

    await setItemStatus(t.db, [await itemOf(saltpan!)], 'approved', new Date());
    expect(await listed()).toEqual([reedbed, saltpan]);
    await putItem(t.db, collectionId, mudflat!, 'approved', new Date());
    expect(await listed()).toEqual([mudflat, reedbed, saltpan]);

    await setItemStatus(t.db, [await itemOf(reedbed!)], 'removed', new Date());
    expect(await listed()).toEqual([mudflat, saltpan]);
    await t.db.deleteFrom('collection_items').where('work_id', '=', mudflat!).execute();
    expect(await listed()).toEqual([saltpan]);
    // Nothing changed: the same answer, and the version stands.
    const now = await version();
    expect(await listed()).toEqual([saltpan]);
    expect(await version()).toBe(now);
  });
});
