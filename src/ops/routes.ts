/**
 * What load balancers and Prometheus ask: `/healthz` (the process is up),
 * `/readyz` (it can serve: database, migrations, index) and `/metrics`
 * (Prometheus text), the last only to loopback clients or with
 * `Authorization: Bearer $QUIRE_METRICS_TOKEN`.
 */
import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import type { ReplicaSet } from '../db/replicas.ts';
import type { WorkIndex } from '../search/memory/work-index.ts';
import { clientAddress, type AppEnv } from '../web/context.ts';
import type { Metrics } from './metrics.ts';
import { checkReadiness } from './readiness.ts';

const noStore = { 'cache-control': 'no-store' };

/** The paths these routes answer: asked before any database-backed middleware (src/server.ts). */
export const OPS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

export function opsRoutes({
  db,
  index,
  metrics,
  replicas,
}: {
  db: Db;
  index: WorkIndex | undefined;
  metrics: Metrics;
  replicas?: ReplicaSet | undefined;
}) {
  const routes = new Hono<AppEnv>();

  routes.get('/healthz', (c) => c.text('ok', 200, noStore));

  routes.get('/readyz', async (c) => {
    const [readiness, replicaStatus] = await Promise.all([checkReadiness(db, index), replicas?.status()]);
    // A replica that does not answer is out of rotation and its reads go to the primary: reported, not unready.
    const withReplicas = replicaStatus ? { replicas: replicaStatus } : {};
    if (readiness.isReady) return c.json({ status: 'ready', ...withReplicas }, 200, noStore);
    return c.json({ status: 'not ready', reason: readiness.reason, ...withReplicas }, 503, noStore);
  });

  routes.get('/metrics', async (c) => {
    const token = c.get('deps').config.metricsToken;
    if (!isLoopback(clientAddress(c)) && !hasBearer(c.req.header('authorization'), token)) {
      return c.text(
        token
          ? 'Metrics need Authorization: Bearer <QUIRE_METRICS_TOKEN>.\n'
          : 'Metrics are open to this machine only (set QUIRE_METRICS_TOKEN to scrape from elsewhere).\n',
        403,
        noStore,
      );
    }
    return c.body(await metrics.registry.metrics(), 200, {
      'content-type': metrics.registry.contentType,
      ...noStore,
    });
  });

  return routes;
}

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (what Node reports on a dual-stack socket). */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

function hasBearer(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = crypto.createHash('sha256').update(header.slice(7).trim()).digest();
  const wanted = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(given, wanted);
}
