import { expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { findAffectedWorkIds, rederiveForTag, rederiveWorkFilterTags } from './filter-tags.ts';
import { findOrCreateTags } from '../tags/queries.ts';
import { verifyFilterTags } from './verify-filter-tags.ts';

// The graph is laid by hand here so the derivation is tested apart from the wrangling commands.
async function tag(db: Db, name: string, kind: TagKind, links: { canonical?: boolean; synonymOf?: number } = {}) {
  const [id] = await findOrCreateTags(db, [name], kind);
  await db
    .updateTable('tags')
    .set({ is_canonical: links.canonical ? 1 : 0, synonym_of_id: links.synonymOf ?? null })
    .where('id', '=', id)
    .execute();
  return id;
}

async function filterTagNames(db: Db, workId: number): Promise<Array<[string, number]>> {
  const rows = await db
    .selectFrom('filter_taggings')
    .innerJoin('tags', 'tags.id', 'filter_taggings.tag_id')
    .select(['tags.name', 'filter_taggings.is_inherited'])
    .where('filter_taggings.work_id', '=', workId)
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => [r.name, r.is_inherited]);
}

forEachDatabase('filter tags', (t) => {
  it('holds canonical forms, inherited meta tags and the fandoms of wrangled relationships', async () => {
    const db = t.db;
    const lesMis = await tag(db, 'Les Misérables - Victor Hugo', 'fandom', { canonical: true });
    const pairing = await tag(db, 'Javert/Jean Valjean', 'relationship', { canonical: true });
    await tag(db, 'Valjean/Javert', 'relationship', { synonymOf: pairing });
    await db.insertInto('tag_parents').values({ parent_id: lesMis, child_id: pairing }).execute();
    const au = await tag(db, 'Alternate Universe', 'freeform', { canonical: true });
    const divergence = await tag(db, 'Alternate Universe - Canon Divergence', 'freeform', { canonical: true });
    await tag(db, 'canon divergence au', 'freeform', { synonymOf: divergence });
    await db.insertInto('meta_taggings').values({ meta_tag_id: au, sub_tag_id: divergence }).execute();

    const user = await makeUser(db);
    const workId = await makeWork(db, user, {
      fandoms: ['Les Mis (unwrangled spelling)'],
      relationships: ['valjean/javert'],
      freeforms: ['Canon Divergence AU', 'Some Unwrangled Feeling'],
    });
    expect(await filterTagNames(db, workId)).toEqual([
      ['Alternate Universe', 1],
      ['Alternate Universe - Canon Divergence', 0],
      ['General Audiences', 0],
      ['Javert/Jean Valjean', 0],
      ['Les Misérables - Victor Hugo', 1],
      ['No Archive Warnings Apply', 0],
    ]);
  });

  it('re-derives the works of a tag when the graph around it changes, and verify finds drift', async () => {
    const db = t.db;
    const user = await makeUser(db);
    const fluff = await tag(db, 'Fluff', 'freeform', { canonical: true });
    const workId = await makeWork(db, user, { freeforms: ['Fluff'] });
    const comfort = await tag(db, 'Comfort', 'freeform', { canonical: true });
    await db.insertInto('meta_taggings').values({ meta_tag_id: comfort, sub_tag_id: fluff }).execute();
    expect((await filterTagNames(db, workId)).map(([n]) => n)).not.toContain('Comfort');

    const drifted = await verifyFilterTags(db);
    expect(drifted.drift).toContainEqual({ workId, missing: ['Comfort'], extra: [] });

    expect(await rederiveForTag(db, comfort)).toMatchObject({ queued: false });
    expect(await filterTagNames(db, workId)).toContainEqual(['Comfort', 1]);
    expect((await verifyFilterTags(db)).drift).toEqual([]);

    await db.deleteFrom('filter_taggings').where('work_id', '=', workId).where('tag_id', '=', fluff).execute();
    const fixed = await verifyFilterTags(db, { fix: true });
    expect(fixed.drift.map((d) => d.workId)).toEqual([workId]);
    expect(fixed.fixed).toBe(true);
    expect(await filterTagNames(db, workId)).toContainEqual(['Fluff', 0]);
  });

  it('gives unwrangled and unwrangleable tags no filter tag, and follows a work whose tags change', async () => {
    const db = t.db;
    const user = await makeUser(db);
    const workId = await makeWork(db, user, { freeforms: ['a feeling I cannot name'] });
    expect((await filterTagNames(db, workId)).map(([n]) => n)).not.toContain('a feeling I cannot name');
    await tag(db, 'a feeling I cannot name', 'freeform', { canonical: true });
    await rederiveWorkFilterTags(db, [workId]);
    expect(await filterTagNames(db, workId)).toContainEqual(['a feeling I cannot name', 0]);
  });
  it('counts as affected every work tagged below, two meta levels down and through synonyms, from the graph alone', async () => {
    const db = t.db;
    const user = await makeUser(db);
    const top = await tag(db, 'Weather', 'freeform', { canonical: true });
    const middle = await tag(db, 'Storms', 'freeform', { canonical: true });
    const bottom = await tag(db, 'Thunderstorms', 'freeform', { canonical: true });
    await tag(db, 'thunder and lightning', 'freeform', { synonymOf: bottom });
    await db.insertInto('meta_taggings').values({ meta_tag_id: top, sub_tag_id: middle }).execute();
    await db.insertInto('meta_taggings').values({ meta_tag_id: middle, sub_tag_id: bottom }).execute();
    const fandom = await tag(db, 'The Weather Station', 'fandom', { canonical: true });
    const forecaster = await tag(db, 'Mira the Forecaster', 'character', { canonical: true });
    await db.insertInto('tag_parents').values({ parent_id: fandom, child_id: forecaster }).execute();
    const direct = await makeWork(db, user, { freeforms: ['Thunderstorms'] });
    const bySynonym = await makeWork(db, user, { freeforms: ['thunder and lightning'] });
    const byCharacter = await makeWork(db, user, { fandoms: [], characters: ['Mira the Forecaster'] });
    const unrelated = await makeWork(db, user, { freeforms: ['Fog'] });
    // With no derived rows to go by, only walking the graph down from the tag finds them.
    await db.deleteFrom('filter_taggings').where('work_id', 'in', [direct, bySynonym, byCharacter]).execute();
    expect(await findAffectedWorkIds(db, [top])).toEqual([direct, bySynonym]);
    expect(await findAffectedWorkIds(db, [fandom])).toEqual([byCharacter]);
    expect(await findAffectedWorkIds(db, [top, fandom])).not.toContain(unrelated);
    await rederiveWorkFilterTags(db, [direct, bySynonym, byCharacter]);
  });
});
