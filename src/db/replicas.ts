/**
 * Streaming replicas of the PostgreSQL primary (DATABASE_REPLICA_URLS), for reads that tolerate a little lag.
 *
 * `ReplicaSet.db` is one Kysely handle whose driver takes each connection from the next healthy replica, with
 * a short connect timeout. A replica that does not answer — refused, timed out, or ended under a query — is
 * taken out of rotation for `retryAfterMs` and that query runs on the primary instead, so a reader never sees
 * the failure. A write that reaches a replica by mistake (read-only transaction) is also run on the primary.
 * Which requests may read here is decided once, in `src/web/read-db.ts`.
 */
import { createRequire } from 'node:module';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Db } from './database.ts';

/** How long a replica that failed stays out of rotation before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;
/** A replica that does not accept a connection within this is treated as down (the primary answers instead). */
export const REPLICA_CONNECT_TIMEOUT_MS = 1_000;

export interface ReplicaStatus {
  /** The URL without its password. */
  url: string;
  /** In rotation now (not marked down by a recent failure). */
  inRotation: boolean;
  /** Answered the health query just now. */
  answers: boolean;
  /** Seconds behind the primary (0 when it has replayed all it received), null when unknown. */
  lagSeconds: number | null;
  error?: string;
}

interface Replica {
  url: string;
  driver: Driver;
  downUntil: number;
  lastError?: string;
}

/** Error codes and messages that mean "this server is not answering", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, or shutting down)
  '08000',
  '08003',
  '08006',
  '25006', // read_only_sql_transaction: a write sent to a replica goes to the primary
]);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = (error as Error | null)?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function postgresPool(url: string, extra: { connectionTimeoutMillis?: number } = {}) {
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10)); // as connect.ts: counts as numbers
  const options = new URL(url).searchParams.has('options') ? undefined : '-c max_parallel_workers_per_gather=0';
  const pool = new pg.Pool({ connectionString: url, max: 10, options, ...extra });
  // A replica that stops ends its idle connections; unhandled, the pool's 'error' would crash the process.
  pool.on('error', () => {});
  return pool;
}

export class ReplicaSet {
  /** The read handle: a healthy replica for each connection, else the primary. */
  readonly db: Db;
  readonly replicas: Replica[];
  private readonly primaryDriver: Driver;
  private next = 0;
  private initialized: Promise<void> | undefined;

  constructor(
    primaryUrl: string,
    replicaUrls: readonly string[],
    readonly retryAfterMs = REPLICA_RETRY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.replicas = replicaUrls.map((url) => ({
      url,
      driver: new PostgresDialect({
        pool: postgresPool(url, { connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS }),
      }).createDriver(),
      downUntil: 0,
    }));
    this.primaryDriver = new PostgresDialect({ pool: postgresPool(primaryUrl) }).createDriver();
    const db: Db = new Kysely({ dialect: new ReplicaDialect(this) });
    this.db = db;
  }

  /** Kysely's Postgres drivers take their pool in `init()`; once, before the first connection. */
  init(): Promise<void> {
    this.initialized ??= Promise.all([this.primaryDriver.init(), ...this.replicas.map((r) => r.driver.init())]).then(
      () => {},
    );
    return this.initialized;
  }

  /** Replicas in rotation now, starting from the next in turn. */
  private healthyReplicas(): Replica[] {
    const now = this.now();
    const start = this.next++ % Math.max(1, this.replicas.length);
    const ordered = [...this.replicas.slice(start), ...this.replicas.slice(0, start)];
    return ordered.filter((replica) => replica.downUntil <= now);
  }

  markDown(replica: Replica, error: unknown): void {
    replica.downUntil = this.now() + this.retryAfterMs;
    replica.lastError = (error as Error)?.message ?? String(error);
  }

  /** A connection from a healthy replica, or the primary's when none answers. */
  async acquire(): Promise<{ connection: DatabaseConnection; replica: Replica | null }> {
    await this.init();
    for (const replica of this.healthyReplicas()) {
      try {
        return { connection: await replica.driver.acquireConnection(), replica };
      } catch (error) {
        this.markDown(replica, error);
      }
    }
    return { connection: await this.primaryDriver.acquireConnection(), replica: null };
  }

  async release(connection: DatabaseConnection, replica: Replica | null): Promise<void> {
    await (replica ? replica.driver : this.primaryDriver).releaseConnection(connection);
  }

  primary(): Driver {
    return this.primaryDriver;
  }

  /** Each replica: does it answer, is it in rotation, how far behind the primary (`pg_last_xact_replay_timestamp()`). */
  async status(): Promise<ReplicaStatus[]> {
    await this.init();
    return Promise.all(
      this.replicas.map(async (replica): Promise<ReplicaStatus> => {
        const url = redactUrl(replica.url);
        let connection: DatabaseConnection | undefined;
        try {
          connection = await replica.driver.acquireConnection();
          const result = await connection.executeQuery<{ lag: number | string | null }>(replicaLagQuery());
          const lag = result.rows[0]?.lag;
          return {
            url,
            inRotation: replica.downUntil <= this.now(),
            answers: true,
            lagSeconds: lag === null || lag === undefined ? null : Number(lag),
          };
        } catch (error) {
          this.markDown(replica, error);
          return { url, inRotation: false, answers: false, lagSeconds: null, error: (error as Error).message };
        } finally {
          if (connection) await replica.driver.releaseConnection(connection).catch(() => {});
        }
      }),
    );
  }

  async destroy(): Promise<void> {
    await this.db.destroy();
  }

  async destroyDrivers(): Promise<void> {
    await this.init();
    await Promise.all([this.primaryDriver.destroy(), ...this.replicas.map((r) => r.driver.destroy())]);
  }
}

/** 0 when the replica has replayed everything it received (an idle primary is no lag), else seconds since the last replayed commit. */
function replicaLagQuery(): CompiledQuery {
  return CompiledQuery.raw(`select case when not pg_is_in_recovery() then null
      when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
      else extract(epoch from now() - pg_last_xact_replay_timestamp()) end as lag`);
}

/** A connection that moves to the primary when its replica stops answering under a query (outside a transaction). */
class FallbackConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    private readonly set: ReplicaSet,
    public inner: DatabaseConnection,
    public replica: Replica | null,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      if (!this.replica || this.inTransaction || !isUnavailable(error)) throw error;
      this.set.markDown(this.replica, error);
      await this.set.release(this.inner, this.replica).catch(() => {});
      this.inner = await this.set.primary().acquireConnection();
      this.replica = null;
      return this.inner.executeQuery<R>(query);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class ReplicaDriver implements Driver {
  constructor(private readonly set: ReplicaSet) {}

  init(): Promise<void> {
    return this.set.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const { connection, replica } = await this.set.acquire();
    return new FallbackConnection(this.set, connection, replica);
  }

  /** Reads only come here, so a transaction's isolation settings are the server's default. */
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const fallback = connection as FallbackConnection;
    await fallback.executeQuery(CompiledQuery.raw('begin'));
    fallback.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const fallback = connection as FallbackConnection;
    fallback.inTransaction = false;
    await fallback.inner.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const fallback = connection as FallbackConnection;
    fallback.inTransaction = false;
    await fallback.inner.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const fallback = connection as FallbackConnection;
    await this.set.release(fallback.inner, fallback.replica);
  }

  async destroy(): Promise<void> {
    await this.set.destroyDrivers();
  }
}

class ReplicaDialect implements Dialect {
  private readonly postgres = new PostgresDialect({ pool: {} as never });

  constructor(private readonly set: ReplicaSet) {}

  createDriver(): Driver {
    return new ReplicaDriver(this.set);
  }

  createQueryCompiler() {
    return this.postgres.createQueryCompiler();
  }

  createAdapter() {
    return this.postgres.createAdapter();
  }

  createIntrospector(db: Kysely<unknown>) {
    return this.postgres.createIntrospector(db);
  }
}

/** The replicas DATABASE_REPLICA_URLS names, or undefined when it names none. */
export function openReplicas(primaryUrl: string | undefined, replicaUrls: readonly string[]): ReplicaSet | undefined {
  if (!primaryUrl || replicaUrls.length === 0) return undefined;
  return new ReplicaSet(primaryUrl, replicaUrls);
}
