/**
 * A version for each collection's items, raised by the database whenever
 * one of its items is added, changed or removed, in the same transaction.
 * The in-memory work index keeps a collection's approved works between
 * requests and reads only this number to know they are still current, in
 * every process (src/search/scopes/collection.ts): an item approved a
 * moment ago is listed at once, and a 20,000-work collection's page no
 * longer reads 20,000 rows to find its works.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .alterTable('collections')
    .addColumn('items_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (d === 'sqlite') {
    const bump = (ref: string) =>
      sql.raw(`update collections set items_version = items_version + 1 where id = ${ref}.collection_id;`);
    await sql`create trigger collection_items_version_insert after insert on collection_items begin
      ${bump('new')}
    end`.execute(db);
    await sql`create trigger collection_items_version_update after update on collection_items begin
      ${bump('new')}
      ${sql.raw('update collections set items_version = items_version + 1 where id = old.collection_id and old.collection_id != new.collection_id;')}
    end`.execute(db);
    await sql`create trigger collection_items_version_delete after delete on collection_items begin
      ${bump('old')}
    end`.execute(db);
    return;
  }
  await sql`create function bump_collection_items_version() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        update collections set items_version = items_version + 1 where id = old.collection_id;
      end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.collection_id <> old.collection_id) then
        update collections set items_version = items_version + 1 where id = new.collection_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger collection_items_version after insert or update or delete on collection_items
    for each row execute function bump_collection_items_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger collection_items_version_${op}`).execute(db);
  } else {
    await sql`drop trigger collection_items_version on collection_items`.execute(db);
    await sql`drop function bump_collection_items_version()`.execute(db);
  }
  await db.schema.alterTable('collections').dropColumn('items_version').execute();
}
