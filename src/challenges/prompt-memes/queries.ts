/**
 * All SQL of prompt memes: a collection's meme, its prompts with their tags,
 * claims and fills (claim-queries.ts, re-exported here), and the prompt listing's filters, sorts and counts.
 * Fills are counted and listed only for works the audience may see
 * (`listedWorks`, src/visibility/): a fill that is a draft, hidden or a
 * Mystery Work is no fill to the people who may not see it.
 */
import type { Db } from '../../db/database.ts';
import type { TagSetKind } from '../../tag-sets/tag-sets.table.ts';
import { listedWorks, type WorkAudience } from '../../visibility/index.ts';
import type { PromptMemeRow, PromptRow } from './prompt-memes.table.ts';

export * from './claim-queries.ts';

// The meme

export async function findMemeOfCollection(db: Db, collectionId: number): Promise<PromptMemeRow | undefined> {
  return db.selectFrom('prompt_memes').selectAll().where('collection_id', '=', collectionId).executeTakeFirst();
}

export async function findMemeById(db: Db, id: number): Promise<PromptMemeRow | undefined> {
  return db.selectFrom('prompt_memes').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MemeInput {
  tagSetId: number | null;
  opensAt: string | null;
  closesAt: string | null;
  rules: string;
  isAnonymousAllowed: boolean;
}

export async function saveMeme(db: Db, collectionId: number, input: MemeInput, now: Date): Promise<void> {
  const at = now.toISOString();
  const columns = {
    tag_set_id: input.tagSetId,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    rules: input.rules,
    is_anonymous_allowed: input.isAnonymousAllowed ? 1 : 0,
    updated_at: at,
  };
  await db
    .insertInto('prompt_memes')
    .values({ collection_id: collectionId, created_at: at, ...columns })
    .onConflict((oc) => oc.column('collection_id').doUpdateSet(columns))
    .execute();
}

export async function setCollectionTimeZone(db: Db, collectionId: number, zone: string): Promise<void> {
  await db.updateTable('collections').set({ time_zone: zone }).where('id', '=', collectionId).execute();
}

/** The collections that hold a challenge, among these: the /collections "has a challenge" filter. */
export async function listCollectionIdsWithChallenge(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('prompt_memes').select('collection_id').execute();
  return rows.map((r) => r.collection_id);
}

// Prompts

export async function countPromptsOf(db: Db, memeId: number, userId: number): Promise<number> {
  const row = await db
    .selectFrom('prompts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('prompt_meme_id', '=', memeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface PromptColumns {
  pseudId: number | null;
  title: string;
  description: string;
  url: string;
  isAnonymous: boolean;
}

const promptColumns = (p: PromptColumns) => ({
  pseud_id: p.pseudId,
  title: p.title,
  description: p.description,
  url: p.url,
  is_anonymous: p.isAnonymous ? 1 : 0,
});

export async function insertPrompt(
  db: Db,
  memeId: number,
  userId: number,
  prompt: PromptColumns,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('prompts')
    .values({ prompt_meme_id: memeId, user_id: userId, ...promptColumns(prompt), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePrompt(db: Db, promptId: number, prompt: PromptColumns, now: Date): Promise<void> {
  await db
    .updateTable('prompts')
    .set({ ...promptColumns(prompt), updated_at: now.toISOString() })
    .where('id', '=', promptId)
    .execute();
}

export async function replacePromptTags(
  db: Db,
  promptId: number,
  tags: ReadonlyArray<{ tagId: number; kind: TagSetKind }>,
): Promise<void> {
  await db.deleteFrom('prompt_tags').where('prompt_id', '=', promptId).execute();
  const unique = [...new Map(tags.map((t) => [t.tagId, t])).values()];
  if (unique.length)
    await db
      .insertInto('prompt_tags')
      .values(unique.map((t) => ({ prompt_id: promptId, tag_id: t.tagId, kind: t.kind })))
      .execute();
}

export async function deletePromptRow(db: Db, promptId: number): Promise<void> {
  await db.deleteFrom('prompts').where('id', '=', promptId).execute();
}

export async function findPrompt(db: Db, promptId: number): Promise<PromptRow | undefined> {
  return db.selectFrom('prompts').selectAll().where('id', '=', promptId).executeTakeFirst();
}

/** A prompt's tags, for these prompts, in kind then name order. */
export async function listPromptTags(db: Db, promptIds: readonly number[]) {
  if (!promptIds.length) return [];
  return db
    .selectFrom('prompt_tags as pt')
    .innerJoin('tags as t', 't.id', 'pt.tag_id')
    .select(['pt.prompt_id', 'pt.kind', 't.id', 't.name'])
    .where('pt.prompt_id', 'in', [...promptIds])
    .orderBy('t.name')
    .execute();
}

/** Who posted each prompt: user, username and pseud name (presenters decide whether it is shown). */
export async function listPrompters(db: Db, promptIds: readonly number[]) {
  if (!promptIds.length) return [];
  return db
    .selectFrom('prompts as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('pseuds as ps', 'ps.id', 'p.pseud_id')
    .select(['p.id as prompt_id', 'p.user_id', 'u.username', 'ps.name as pseud_name'])
    .where('p.id', 'in', [...promptIds])
    .execute();
}

export type PromptSort = 'date' | 'claims' | 'fills';

export interface PromptFilters {
  /** Every one of these tags (fandom included) is named by the prompt. */
  tagIds: readonly number[];
  claimed?: boolean;
  filled?: boolean;
  sort: PromptSort;
  limit: number;
  offset: number;
}

/** A meme's prompts, filtered, sorted and paged, with their claim and (visible) fill counts, and the total. */
export async function listPrompts(db: Db, memeId: number, filters: PromptFilters, audience: WorkAudience) {
  let query = db.selectFrom('prompts as p').where('p.prompt_meme_id', '=', memeId);
  for (const tagId of filters.tagIds) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('prompt_tags as pt')
          .select('pt.tag_id')
          .whereRef('pt.prompt_id', '=', 'p.id')
          .where('pt.tag_id', '=', tagId),
      ),
    );
  }
  if (filters.claimed !== undefined) {
    const claimed = filters.claimed;
    query = query.where((eb) => {
      const any = eb.exists(eb.selectFrom('prompt_claims as c').select('c.id').whereRef('c.prompt_id', '=', 'p.id'));
      return claimed ? any : eb.not(any);
    });
  }
  if (filters.filled !== undefined) {
    const filled = filters.filled;
    query = query.where((eb) => {
      const any = eb.exists(
        eb
          .selectFrom('prompt_fills as f')
          .innerJoin('works as w', 'w.id', 'f.work_id')
          .select('f.id')
          .whereRef('f.prompt_id', '=', 'p.id')
          .where((e) => listedWorks(e, audience, 'w')),
      );
      return filled ? any : eb.not(any);
    });
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .select((eb) => [
      'p.id',
      'p.title',
      'p.description',
      'p.url',
      'p.is_anonymous',
      'p.user_id',
      'p.created_at',
      eb
        .selectFrom('prompt_claims as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.prompt_id', '=', 'p.id')
        .as('claims'),
      eb
        .selectFrom('prompt_fills as f')
        .innerJoin('works as w', 'w.id', 'f.work_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.prompt_id', '=', 'p.id')
        .where((e) => listedWorks(e, audience, 'w'))
        .as('fills'),
    ])
    .orderBy(filters.sort === 'date' ? 'p.created_at' : filters.sort, 'desc')
    .orderBy('p.id', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({ ...r, claims: Number(r.claims ?? 0), fills: Number(r.fills ?? 0) })),
  };
}

/** Tags by name among a tag set's (for the listing's filters): unknown names are left out. */
export async function findSetTagsByNames(db: Db, tagSetId: number, names: readonly string[]) {
  if (!names.length) return [];
  return db
    .selectFrom('tag_set_tags as st')
    .innerJoin('tags as t', 't.id', 'st.tag_id')
    .select(['t.id', 't.name', 'st.kind'])
    .where('st.tag_set_id', '=', tagSetId)
    .where(
      (eb) => eb.fn('lower', ['t.name']),
      'in',
      names.map((n) => n.toLowerCase()),
    )
    .execute();
}
