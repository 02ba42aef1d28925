import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';
import { findTagByName } from '../tags/queries.ts';
import { rederiveWorkFilterTags } from './filter-tags.ts';
import { deleteWork, updateWork } from '../works/save-work.ts';
import { blankWorkInput } from '../works/work-input.ts';
import { softDeleteWork } from '../works/delete-work.ts';
import { findDefaultPseud } from '../accounts/queries.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { rebuildIndex, reindexWorks } from './indexer.ts';
import { foldedText } from './text.ts';

/** Ids of works whose index matches one word in one column, straight from the index. */
async function indexed(db: Db, column: 'title' | 'creators' | 'tags' | 'summary' | 'body', word: string) {
  const term = foldedText(word);
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{
      id: number;
    }>`select rowid as id from work_text where work_text match ${`${column} : "${term}"`} order by rowid`.execute(db);
    return rows.map((r) => r.id);
  }
  const vector = `${column}_tsv`;
  const { rows } = await sql<{
    id: number;
  }>`select work_id as id from work_search where ${sql.id(vector)} @@ phraseto_tsquery('simple', ${term}) order by work_id`.execute(
    db,
  );
  return rows.map((r) => r.id);
}

async function facts(db: Db, workId: number) {
  return db
    .selectFrom('work_search')
    .select(['title_sort', 'creator_sort', 'is_crossover', 'tag_count'])
    .where('work_id', '=', workId)
    .executeTakeFirst();
}

async function makeCanonical(db: Db, name: string) {
  const tag = (await findTagByName(db, name))!;
  await db.updateTable('tags').set({ is_canonical: 1 }).where('id', '=', tag.id).execute();
  return tag.id;
}

forEachDatabase('the search indexer', (t) => {
  it('indexes title, creators, tags, summary, notes and the text of posted chapters when a work is posted', async () => {
    const user = await makeUser(t.db, { username: 'quillmoth' });
    const workId = await makeWork(t.db, user, {
      title: 'The Clockmaker’s Daughter',
      summary: '<p>A quiet story about gears.</p>',
      notes: '<p>Written for a rainy afternoon.</p>',
      freeforms: ['Found Family'],
      chapters: [chapter('<p>She wound the brass orrery and listened.</p>')],
    });
    expect(await indexed(t.db, 'title', 'clockmaker')).toEqual([workId]);
    expect(await indexed(t.db, 'creators', 'quillmoth')).toEqual([workId]);
    expect(await indexed(t.db, 'tags', 'found family')).toEqual([workId]);
    expect(await indexed(t.db, 'summary', 'gears')).toEqual([workId]);
    expect(await indexed(t.db, 'summary', 'rainy')).toEqual([workId]);
    expect(await indexed(t.db, 'body', 'orrery')).toEqual([workId]);
    expect(await facts(t.db, workId)).toEqual({
      title_sort: 'clockmaker’s daughter',
      creator_sort: 'quillmoth',
      is_crossover: 0,
      tag_count: 3,
    });
  });

  it('matches without regard to accents and case', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, {
      chapters: [chapter('<p>The Café on Rue Plumet served MISÉRABLE coffee.</p>')],
    });
    expect(await indexed(t.db, 'body', 'cafe')).toEqual([workId]);
    expect(await indexed(t.db, 'body', 'Misérable')).toEqual([workId]);
  });

  it('keeps draft text out until the work is posted, and re-indexes on update and removes on delete', async () => {
    const user = await makeUser(t.db);
    const pseud = await findDefaultPseud(t.db, user.id);
    const workId = await makeWork(t.db, user, {
      post: false,
      title: 'Lighthouse',
      chapters: [chapter('<p>A zephyr crossed the dunes.</p>')],
    });
    expect(await indexed(t.db, 'body', 'zephyr')).toEqual([]);
    const { postDraftWork } = await import('../works/save-work.ts');
    await postDraftWork(t.db, workId);
    expect(await indexed(t.db, 'body', 'zephyr')).toEqual([workId]);

    await updateWork(
      t.db,
      workId,
      blankWorkInput({ title: 'Beacon', rating: 'General Audiences', creatorPseudIds: [pseud.id] }),
      user.id,
    );
    expect(await indexed(t.db, 'title', 'lighthouse')).toEqual([]);
    expect(await indexed(t.db, 'title', 'beacon')).toEqual([workId]);

    await deleteWork(t.db, workId);
    expect(await indexed(t.db, 'title', 'beacon')).toEqual([]);
    expect(await facts(t.db, workId)).toBeUndefined();
  });

  it('does not make an anonymous work findable by its creator', async () => {
    const user = await makeUser(t.db, { username: 'hiddenhand' });
    const workId = await makeWork(t.db, user, { title: 'Masquerade' });
    await t.db.updateTable('works').set({ is_anonymous: 1 }).where('id', '=', workId).execute();
    await reindexWorks(t.db, [workId]);
    expect(await indexed(t.db, 'creators', 'hiddenhand')).toEqual([]);
    expect((await facts(t.db, workId))?.creator_sort).toBe('anonymous');
  });

  it('finds a work under the canonical and meta names of its tags', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { freeforms: ['hurt/comfort ish'] });
    const typed = (await findTagByName(t.db, 'hurt/comfort ish'))!;
    const canonical = (
      await t.db
        .insertInto('tags')
        .values({
          name: 'Hurt/Comfort',
          name_key: 'hurt/comfort',
          kind: 'freeform',
          is_canonical: 1,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.db.updateTable('tags').set({ synonym_of_id: canonical }).where('id', '=', typed.id).execute();
    await rederiveWorkFilterTags(t.db, [workId]);
    await reindexWorks(t.db, [workId]);
    expect(await indexed(t.db, 'tags', 'hurt comfort')).toContain(workId);
    expect(await indexed(t.db, 'tags', 'ish')).toEqual([workId]);
  });

  it('marks crossovers the way AO3 does: fandoms with no meta tag in common', async () => {
    const user = await makeUser(t.db);
    const cross = await makeWork(t.db, user, { fandoms: ['Harbour Tales', 'Mountain Songs'] });
    const single = await makeWork(t.db, user, { fandoms: ['Harbour Tales'] });
    expect((await facts(t.db, cross))?.is_crossover).toBe(1);
    expect((await facts(t.db, single))?.is_crossover).toBe(0);

    // Both fandoms under one meta fandom: related, so no longer a crossover.
    const harbour = await makeCanonical(t.db, 'Harbour Tales');
    const mountain = await makeCanonical(t.db, 'Mountain Songs');
    const meta = (
      await t.db
        .insertInto('tags')
        .values({
          name: 'Sea and Stone Cycle',
          name_key: 'sea and stone cycle',
          kind: 'fandom',
          is_canonical: 1,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.db
      .insertInto('meta_taggings')
      .values([
        { meta_tag_id: meta, sub_tag_id: harbour },
        { meta_tag_id: meta, sub_tag_id: mountain },
      ])
      .execute();
    await reindexWorks(t.db, [cross]);
    expect((await facts(t.db, cross))?.is_crossover).toBe(0);
  });

  it('rebuilds the whole index, fresh or in place', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { chapters: [chapter('<p>Quixotic kelp.</p>')] });
    const seen: Array<[number, number]> = [];
    const done = await rebuildIndex(t.db, (p) => seen.push([p.done, p.total]), { fresh: true });
    expect(done).toBeGreaterThan(0);
    expect(seen[0]).toEqual([0, done]);
    expect(seen.at(-1)).toEqual([done, done]);
    expect(await indexed(t.db, 'body', 'kelp')).toEqual([workId]);
  });

  it('keeps a deleted work out of the index, whatever re-indexes it before the purge', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { title: 'Vanished Orchard' });
    expect(await indexed(t.db, 'title', 'orchard')).toEqual([workId]);
    await t.db.transaction().execute((trx) => softDeleteWork(trx, workId, new Date()));
    await reindexWorks(t.db, [workId]); // a tag on it renamed, say
    await rebuildIndex(t.db);
    expect(await indexed(t.db, 'title', 'orchard')).toEqual([]);
    expect(await facts(t.db, workId)).toBeUndefined();
  });
});
