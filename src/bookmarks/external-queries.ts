/** SQL of external works: recording one a fan bookmarks (with its tags, found or created), and reading it back. */
import type { Db } from '../db/database.ts';
import { findOrCreateTags } from '../tags/queries.ts';
import type { TagKind } from '../tags/tags.table.ts';
import { EXTERNAL_TAG_FIELDS, type ExternalTagField, type ExternalWorkInput } from './external-input.ts';

const KIND_OF: Record<ExternalTagField, TagKind> = {
  fandoms: 'fandom',
  relationships: 'relationship',
  characters: 'character',
  freeforms: 'freeform',
};

export async function insertExternalWork(
  db: Db,
  input: ExternalWorkInput,
  userId: number,
  now = new Date(),
): Promise<number> {
  const tagIds = new Map<ExternalTagField, number[]>();
  for (const field of EXTERNAL_TAG_FIELDS)
    tagIds.set(field, await findOrCreateTags(db, input.tags[field], KIND_OF[field]));
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('external_works')
      .values({
        url: input.url,
        title: input.title,
        creator: input.creator,
        rating: input.rating,
        summary: input.summary,
        created_by_id: userId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = EXTERNAL_TAG_FIELDS.flatMap((field) =>
      [...new Set(tagIds.get(field))].map((tagId) => ({ external_work_id: id, tag_id: tagId, field })),
    );
    if (rows.length) await trx.insertInto('external_work_tags').values(rows).execute();
    return id;
  });
}

export interface ExternalWorkView {
  id: number;
  url: string;
  title: string;
  creator: string;
  rating: string;
  summary: string;
  tags: { field: string; name: string }[];
}

export async function findExternalWork(db: Db, id: number): Promise<ExternalWorkView | undefined> {
  const row = await db
    .selectFrom('external_works')
    .select(['id', 'url', 'title', 'creator', 'rating', 'summary'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const tags = await db
    .selectFrom('external_work_tags as xt')
    .innerJoin('tags as t', 't.id', 'xt.tag_id')
    .select(['xt.field', 't.name'])
    .where('xt.external_work_id', '=', id)
    .orderBy('t.name')
    .execute();
  return { ...row, tags };
}
