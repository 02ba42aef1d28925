/** `rate_limits` (migration 0027): one fixed window per key, shared by every server process. */
import type { ColumnType } from 'kysely';

export interface RateLimitsTable {
  key: string;
  /** Epoch ms the key's window began (its first attempt); PostgreSQL returns bigint as a string. */
  window_start: ColumnType<number | string, number, number>;
  expires_at: ColumnType<number | string, number, number>;
  count: number;
}
