/**
 * Splits a list a query matches with `where … in (…)` into fixed-size
 * batches, so no statement grows its bound variables with the size of what
 * someone typed (SQLite caps them at 32,766 and PostgreSQL at 65,535; a
 * 10,000-name gift list came close on its own).
 */
export const IN_LIST_CHUNK = 500;

/** Runs `query` once per batch of at most `size` values and concatenates the rows. */
export async function queryInChunks<T, R>(
  values: readonly T[],
  query: (batch: T[]) => Promise<R[]>,
  size = IN_LIST_CHUNK,
): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < values.length; start += size) {
    rows.push(...(await query(values.slice(start, start + size))));
  }
  return rows;
}
