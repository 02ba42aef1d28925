/**
 * For account deletion tests: every row left that names a user's id or one
 * of their pseuds' ids. The columns are read from the database's own foreign
 * keys (on both dialects), so a table added later is checked without anyone
 * remembering to list it; references without a foreign key (a subscription
 * to a creator names the user in `target_id`) are added by hand.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';

interface Reference {
  table: string;
  column: string;
  references: 'users' | 'pseuds';
}

async function foreignKeysToPeople(db: Db): Promise<Reference[]> {
  const found: Reference[] = [];
  if (dialectOf(db) === 'sqlite') {
    for (const table of await db.introspection.getTables()) {
      const keys = await sql<{
        table: string;
        from: string;
      }>`select * from pragma_foreign_key_list(${table.name})`.execute(db);
      for (const key of keys.rows) {
        if (key.table === 'users' || key.table === 'pseuds')
          found.push({ table: table.name, column: key.from, references: key.table });
      }
    }
    return found;
  }
  const keys = await sql<{ table_name: string; column_name: string; referenced: string }>`
    select kcu.table_name, kcu.column_name, ccu.table_name as referenced
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
      and ccu.table_name in ('users', 'pseuds')`.execute(db);
  return keys.rows.map((k) => ({
    table: k.table_name,
    column: k.column_name,
    references: k.referenced as 'users' | 'pseuds',
  }));
}

/** `table.column` for each kind of row still tied to the person; empty when nothing is. */
export async function rowsTiedTo(db: Db, userId: number, pseudIds: number[]): Promise<string[]> {
  const references: Reference[] = [
    { table: 'users', column: 'id', references: 'users' },
    { table: 'pseuds', column: 'id', references: 'pseuds' },
    ...(await foreignKeysToPeople(db)),
  ];
  const tied: string[] = [];
  for (const { table, column, references: to } of references) {
    const ids = to === 'users' ? [userId] : pseudIds;
    if (!ids.length) continue;
    const rows = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(ids)})`.execute(db);
    if (Number(rows.rows[0]?.n) > 0) tied.push(`${table}.${column}`);
  }
  const creatorSubscriptions = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('kind', '=', 'creator')
    .where('target_id', '=', userId)
    .execute();
  if (creatorSubscriptions.length) tied.push('subscriptions.target_id (creator)');
  return tied;
}
