/**
 * SQL of saved filters: a reader's named filter sets (stored as the
 * canonical query string of the filters), one of which may be the default
 * applied to every listing they open without filters of its own.
 */
import type { Db } from '../../db/database.ts';

export interface SavedFilter {
  id: number;
  name: string;
  query: string;
  isDefault: boolean;
}

export async function listSavedFilters(db: Db, userId: number): Promise<SavedFilter[]> {
  const rows = await db
    .selectFrom('saved_filters')
    .select(['id', 'name', 'query', 'is_default'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, query: r.query, isDefault: r.is_default === 1 }));
}

/** Saves filters under a name; saving again under the same name (any case) replaces them. */
export async function saveFilter(
  db: Db,
  userId: number,
  input: { name: string; query: string; isDefault: boolean },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (input.isDefault)
      await trx.updateTable('saved_filters').set({ is_default: 0 }).where('user_id', '=', userId).execute();
    const existing = await trx
      .selectFrom('saved_filters')
      .select('id')
      .where('user_id', '=', userId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()))
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('saved_filters')
        .set({ name: input.name, query: input.query, is_default: input.isDefault ? 1 : 0 })
        .where('id', '=', existing.id)
        .execute();
      return existing.id;
    }
    const row = await trx
      .insertInto('saved_filters')
      .values({
        user_id: userId,
        name: input.name,
        query: input.query,
        is_default: input.isDefault ? 1 : 0,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function deleteSavedFilter(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_filters')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Makes one saved filter the default (or, with `isDefault` false, leaves the reader with none). */
export async function setDefaultFilter(db: Db, userId: number, id: number, isDefault: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('saved_filters')
      .select('id')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found) return false;
    await trx.updateTable('saved_filters').set({ is_default: 0 }).where('user_id', '=', userId).execute();
    if (isDefault) await trx.updateTable('saved_filters').set({ is_default: 1 }).where('id', '=', id).execute();
    return true;
  });
}
