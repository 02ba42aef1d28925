/**
 * Column helpers that let one migration run on SQLite and PostgreSQL.
 * Times are ISO-8601 text (sortable on both), dates `YYYY-MM-DD` text,
 * booleans integers 0/1: the same values come back from either driver.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): Dialect {
  const adapter = db.getExecutor().adapter;
  return adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

/** An auto-incrementing integer primary key on either dialect. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: Dialect,
): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (col) =>
    dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
  );
}

export const flag = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(0);
export const counter = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(0);

/** `lower(name)` unique index, written once for both dialects. */
export function lowerUniqueIndex(db: Kysely<any>, name: string, table: string, column: string) {
  return sql`create unique index ${sql.id(name)} on ${sql.id(table)} (lower(${sql.id(column)}))`.execute(db);
}
