/**
 * SQL the post and edit forms need beyond saving: looking up pseuds by the
 * names people type, the series a writer may add a work to, whether a work
 * linked as related exists, and a saved work read back as form values.
 */
import { queryInChunks } from '../db/chunks.ts';
import type { Db } from '../db/database.ts';
import { findWorkTagNames } from './queries.ts';

export interface PseudMatch {
  id: number;
  name: string;
  userId: number;
  username: string;
  isDefault: boolean;
}

/** Every pseud whose name matches one of `names`, ignoring case. */
export async function findPseudsNamed(db: Db, names: readonly string[]): Promise<PseudMatch[]> {
  const keys = [...new Set(names.map((n) => n.toLowerCase()))];
  const rows = await queryInChunks(keys, (batch) =>
    db
      .selectFrom('pseuds')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .select(['pseuds.id', 'pseuds.name', 'pseuds.user_id', 'users.username', 'pseuds.is_default'])
      .where((eb) => eb(eb.fn('lower', ['pseuds.name']), 'in', batch))
      .execute(),
  );
  rows.sort((a, b) => a.id - b.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    userId: r.user_id,
    username: r.username,
    isDefault: r.is_default === 1,
  }));
}

/**
 * Series a writer may put a work into: their own, those they accepted to co-create (series_creators),
 * plus any the work already belongs to.
 */
export async function listSeriesChoices(db: Db, userId: number, workId?: number) {
  return db
    .selectFrom('series')
    .select(['series.id', 'series.title'])
    .where((eb) =>
      eb.or([
        eb('series.owner_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('series_creators')
            .innerJoin('pseuds', 'pseuds.id', 'series_creators.pseud_id')
            .select('series_creators.id')
            .whereRef('series_creators.series_id', '=', 'series.id')
            .where('series_creators.is_accepted', '=', 1)
            .where('pseuds.user_id', '=', userId),
        ),
        ...(workId
          ? [eb('series.id', 'in', eb.selectFrom('series_works').select('series_id').where('work_id', '=', workId))]
          : []),
      ]),
    )
    .orderBy('series.title')
    .execute();
}

export async function countChapters(db: Db, workId: number): Promise<number> {
  const row = await db
    .selectFrom('chapters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', workId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Everything the edit form shows about a saved work, in stored form. */
export async function findWorkForForm(db: Db, workId: number) {
  const work = await db
    .selectFrom('works')
    .innerJoin('languages', 'languages.id', 'works.language_id')
    .select([
      'works.id',
      'works.title',
      'works.summary',
      'works.notes',
      'works.end_notes',
      'works.rating',
      'works.status',
      'works.expected_chapters',
      'works.is_restricted',
      'works.comment_permission',
      'works.moderated_comments',
      'works.published_on',
      'works.source_ref',
      'languages.code as language',
    ])
    .where('works.id', '=', workId)
    .executeTakeFirst();
  if (!work) return undefined;
  const tags = await findWorkTagNames(db, workId);
  const creators = await db
    .selectFrom('creatorships')
    .leftJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .leftJoin('users', 'users.id', 'pseuds.user_id')
    .select([
      'creatorships.pseud_id',
      'creatorships.external_name',
      'creatorships.is_accepted',
      'pseuds.name',
      'pseuds.user_id',
      'users.username',
    ])
    .where('creatorships.work_id', '=', workId)
    .orderBy('creatorships.position')
    .execute();
  const series = await db
    .selectFrom('series_works')
    .select(['series_id', 'position'])
    .where('work_id', '=', workId)
    .orderBy('series_id')
    .execute();
  const related = await db
    .selectFrom('related_works')
    .select(['parent_work_id', 'parent_url', 'relation'])
    .where('work_id', '=', workId)
    .orderBy('id')
    .execute();
  const gifts = await db
    .selectFrom('gifts')
    .leftJoin('pseuds', 'pseuds.id', 'gifts.recipient_pseud_id')
    .leftJoin('users', 'users.id', 'pseuds.user_id')
    .select(['gifts.recipient_name', 'pseuds.name as pseud_name', 'users.username'])
    .where('gifts.work_id', '=', workId)
    .orderBy('gifts.id')
    .execute();
  return { work, tags, creators, series, related, gifts };
}

export type WorkForForm = NonNullable<Awaited<ReturnType<typeof findWorkForForm>>>;

export async function findWorkTitle(db: Db, workId: number): Promise<string | undefined> {
  const row = await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst();
  return row?.title;
}
