/**
 * The corpus's collections, for bench/browse's collection scope: `count`
 * open collections whose sizes follow Zipf's law (the k-th largest holds
 * `largest / k` works, at least one), each work drawn at random from the
 * whole archive, approved. Written straight into the tables (collections,
 * their owner, approved items) once, after the corpus is loaded; a second
 * run finds them and does nothing. None is anonymous or unrevealed, so no
 * work's own flags change and the works' rows stay as loaded.
 */
import type { Db } from '../../src/db/database.ts';
import { seededRandom } from './random.ts';

const NAME_PREFIX = 'bench_collection_';
const ROWS_PER_INSERT = 800;

export interface BenchCollections {
  /** The largest collection's short name and how many works it holds. */
  largest: { name: string; works: number };
  count: number;
  items: number;
}

/** The k-th (from 1) collection's size. */
export const zipfSize = (largest: number, k: number) => Math.max(1, Math.round(largest / k));

export async function ensureCollections(
  db: Db,
  options: { count: number; largest: number; seed: number },
): Promise<BenchCollections> {
  const name = (k: number) => `${NAME_PREFIX}${k}`;
  const existing = await db
    .selectFrom('collections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', 'like', `${NAME_PREFIX}%`)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) === 0) await insertCollections(db, options, name);
  const sizes = await db
    .selectFrom('collection_items as ci')
    .innerJoin('collections as c', 'c.id', 'ci.collection_id')
    .select(['c.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.name', 'like', `${NAME_PREFIX}%`)
    .groupBy('c.name')
    .orderBy('n', 'desc')
    .execute();
  return {
    largest: { name: sizes[0]!.name, works: Number(sizes[0]!.n) },
    count: sizes.length,
    items: sizes.reduce((sum, s) => sum + Number(s.n), 0),
  };
}

async function insertCollections(
  db: Db,
  { count, largest, seed }: { count: number; largest: number; seed: number },
  name: (k: number) => string,
) {
  const random = seededRandom(seed * 7919 + 18);
  const works = (await db.selectFrom('works').select('id').where('status', '=', 'posted').orderBy('id').execute()).map(
    (w) => w.id,
  );
  const owner = await db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let k = 1; k <= count; k++) {
      const { id } = await trx
        .insertInto('collections')
        .values({ name: name(k), title: `Bench Collection ${k}`, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('collection_participants')
        .values({ collection_id: id, user_id: owner.id, role: 'owner' })
        .execute();
      // A partial shuffle draws `size` distinct works.
      const size = Math.min(works.length, zipfSize(largest, k));
      const pool = works.slice();
      for (let i = 0; i < size; i++) {
        const j = i + Math.floor(random() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      const rows = pool.slice(0, size).map((workId) => ({
        collection_id: id,
        work_id: workId,
        status: 'approved' as const,
        created_at: now,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto('collection_items')
          .values(rows.slice(i, i + ROWS_PER_INSERT))
          .execute();
    }
  });
}

/** The canonical tag whose filter-tag count is nearest `size`: the tag listing a collection is compared with. */
export async function tagOfSize(db: Db, size: number): Promise<{ name: string; works: number }> {
  const rows = await db
    .selectFrom('filter_taggings as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .select(['t.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.is_canonical', '=', 1)
    .where('t.kind', 'in', ['fandom', 'character', 'relationship', 'freeform'])
    .groupBy(['t.id', 't.name'])
    .execute();
  const best = rows
    .map((r) => ({ name: r.name, works: Number(r.n) }))
    .sort((a, b) => Math.abs(a.works - size) - Math.abs(b.works - size))[0];
  if (!best) throw new Error('the corpus has no canonical tags');
  return best;
}
