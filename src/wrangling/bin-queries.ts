/**
 * SQL behind the wrangling dashboard: the bins (unwrangled tags of a kind
 * in use in a fandom — on a work filed under it, or attached to it — and the
 * Unsorted and unwrangled-fandom bins), tag search, and who wrangles what.
 */
import type { ExpressionBuilder } from 'kysely';
import { queryInChunks } from '../db/chunks.ts';
import type { Db, Tables } from '../db/database.ts';
import type { Tag, TagKind } from '../tags/tags.table.ts';
import { tagNameKey } from '../tags/names.ts';

type TagsEb = ExpressionBuilder<Tables & { t: Tables['tags'] }, 't'>;

export const BIN_PAGE_SIZE = 100;

export type TagStatusFilter = 'any' | 'canonical' | 'synonym' | 'unwrangled' | 'unwrangleable';

function statusCondition(eb: TagsEb, status: TagStatusFilter) {
  switch (status) {
    case 'canonical':
      return eb('t.is_canonical', '=', 1);
    case 'synonym':
      return eb('t.synonym_of_id', 'is not', null);
    case 'unwrangleable':
      return eb('t.is_unwrangleable', '=', 1);
    case 'unwrangled':
      return eb.and([
        eb('t.is_canonical', '=', 0),
        eb('t.synonym_of_id', 'is', null),
        eb('t.is_unwrangleable', '=', 0),
      ]);
    case 'any':
      return eb.lit(true);
  }
}

/** The tag `t` is used on a work filed under the fandom, or attached to it. */
function inFandom(eb: TagsEb, fandomId: number) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('taggings as tg')
        .innerJoin('filter_taggings as ft', 'ft.work_id', 'tg.work_id')
        .select('tg.work_id')
        .whereRef('tg.tag_id', '=', 't.id')
        .where('ft.tag_id', '=', fandomId),
    ),
    eb.exists(
      eb
        .selectFrom('tag_parents as tp')
        .select('tp.child_id')
        .whereRef('tp.child_id', '=', 't.id')
        .where('tp.parent_id', '=', fandomId),
    ),
  ]);
}

export interface BinTag {
  id: number;
  name: string;
  kind: TagKind;
  status: TagStatusFilter;
  uses: number;
  createdAt: string;
}

export interface BinQuery {
  kind?: TagKind;
  fandomId?: number;
  status?: TagStatusFilter;
  /** Matches a word start of the name (search). */
  q?: string;
  page?: number;
}

function statusOf(row: {
  is_canonical: number;
  synonym_of_id: number | null;
  is_unwrangleable: number;
}): TagStatusFilter {
  if (row.is_canonical) return 'canonical';
  if (row.synonym_of_id !== null) return 'synonym';
  if (row.is_unwrangleable) return 'unwrangleable';
  return 'unwrangled';
}

function binBase(db: Db, query: BinQuery) {
  const key = query.q ? tagNameKey(query.q).replace(/[\\%_]/g, '') : '';
  return db
    .selectFrom('tags as t')
    .where((eb) => statusCondition(eb, query.status ?? 'unwrangled'))
    .where('t.kind', 'not in', ['rating', 'warning', 'category'])
    .$if(query.kind !== undefined, (qb) => qb.where('t.kind', '=', query.kind!))
    .$if(query.fandomId !== undefined, (qb) => qb.where((eb) => inFandom(eb, query.fandomId!)))
    .$if(!!key, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('t.name_key', 'like', `${key}%`),
          eb('t.name_key', 'like', `% ${key}%`),
          eb('t.name_key', 'like', `%/${key}%`),
        ]),
      ),
    );
}

/** One page of a bin (or a search), oldest tags first, with how many works use each. */
export async function listBin(db: Db, query: BinQuery): Promise<{ tags: BinTag[]; total: number }> {
  const counted = await binBase(db, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const page = Math.max(1, query.page ?? 1);
  const rows = await binBase(db, query)
    .select((eb) => [
      't.id',
      't.name',
      't.kind',
      't.is_canonical',
      't.synonym_of_id',
      't.is_unwrangleable',
      't.created_at',
      eb
        .selectFrom('taggings')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('taggings.tag_id', '=', 't.id')
        .as('uses'),
    ])
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(BIN_PAGE_SIZE)
    .offset((page - 1) * BIN_PAGE_SIZE)
    .execute();
  return {
    total: Number(counted.n),
    tags: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: statusOf(r),
      uses: Number(r.uses ?? 0),
      createdAt: r.created_at,
    })),
  };
}

/** How many unwrangled tags of each kind sit in a fandom's bins. */
export async function countFandomBins(db: Db, fandomId: number): Promise<Map<TagKind, number>> {
  const rows = await binBase(db, { fandomId })
    .select((eb) => ['t.kind', eb.fn.countAll<number>().as('n')])
    .groupBy('t.kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Unwrangled tags of a kind anywhere (the unwrangled-fandoms and Unsorted bins). */
export async function countUnwrangled(db: Db, kind: TagKind): Promise<number> {
  return (await listBin(db, { kind, page: 1 })).total;
}

export async function listAssignedFandoms(db: Db, userId: number): Promise<Tag[]> {
  return db
    .selectFrom('wrangler_fandoms')
    .innerJoin('tags', 'tags.id', 'wrangler_fandoms.fandom_id')
    .selectAll('tags')
    .where('wrangler_fandoms.user_id', '=', userId)
    .orderBy('tags.name')
    .execute();
}

export interface WranglerEntry {
  id: number;
  username: string;
  isWrangler: boolean;
  isAdmin: boolean;
  fandoms: Array<{ id: number; name: string }>;
}

/** Wranglers, and anyone else with fandoms assigned, with their fandoms. */
export async function listWranglers(db: Db): Promise<WranglerEntry[]> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'is_wrangler', 'is_admin'])
    .where((eb) =>
      eb.or([
        eb('is_wrangler', '=', 1),
        eb.exists(
          eb.selectFrom('wrangler_fandoms').select('user_id').whereRef('wrangler_fandoms.user_id', '=', 'users.id'),
        ),
      ]),
    )
    .orderBy('username')
    .execute();
  if (!users.length) return [];
  const assignments = await db
    .selectFrom('wrangler_fandoms')
    .innerJoin('tags', 'tags.id', 'wrangler_fandoms.fandom_id')
    .select(['wrangler_fandoms.user_id', 'tags.id', 'tags.name'])
    .where(
      'wrangler_fandoms.user_id',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('tags.name')
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    isWrangler: u.is_wrangler === 1,
    isAdmin: u.is_admin === 1,
    fandoms: assignments.filter((a) => a.user_id === u.id).map((a) => ({ id: a.id, name: a.name })),
  }));
}

/** The tags with these ids, for a mass action (ids the form sent that no longer exist are skipped). */
export async function findTagsByIds(db: Db, ids: number[]): Promise<Tag[]> {
  // The ids come from a form, so any number may arrive: looked up in batches (src/db/chunks.ts).
  const tags = await queryInChunks([...new Set(ids)], (batch) =>
    db.selectFrom('tags').selectAll().where('id', 'in', batch).execute(),
  );
  return tags.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
}
