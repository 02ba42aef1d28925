/**
 * What a load balancer and Prometheus see: /healthz, /readyz waiting for the
 * in-memory index, /metrics open to loopback or the token only, and the
 * request id every response and log line carries.
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { WorkIndex } from '../search/memory/work-index.ts';
import { createApp } from '../server.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { TEST_ORIGIN } from '../../test/support/app.ts';
import { createLogger } from './logging.ts';

const TOKEN = 'scrape-me-please';

function settings(env: Record<string, string> = {}) {
  return loadConfig({
    QUIRE_BASE_URL: TEST_ORIGIN,
    QUIRE_DATA_DIR: '/tmp/quire-unused',
    QUIRE_TRUST_PROXY: '1',
    ...env,
  });
}

const from = (address: string, headers: Record<string, string> = {}) => ({
  headers: { 'x-forwarded-for': address, ...headers },
});

/** A logger writing its JSON lines into an array the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

forEachDatabase('health checks and metrics', (t) => {
  it('answers /healthz with ok', async () => {
    const app = createApp({ db: t.db, config: settings() });
    const response = await app.request(`${TEST_ORIGIN}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('answers /readyz with 503 while the index builds, then 200', async () => {
    const user = await makeUser(t.db);
    await makeWork(t.db, user, { title: 'A Quiet Harbour' });
    const index = new WorkIndex(t.db);
    const app = createApp({ db: t.db, config: settings(), index });

    const waiting = await app.request(`${TEST_ORIGIN}/readyz`);
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toEqual({ status: 'not ready', reason: 'search index is still building' });

    await index.build();
    const ready = await app.request(`${TEST_ORIGIN}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    const metrics = await app.request(`${TEST_ORIGIN}/metrics`, from('127.0.0.1'));
    const text = await metrics.text();
    expect(text).toContain('quire_search_index_ready 1');
    expect(text).toContain('quire_search_index_works 1');
    expect(text).toContain('quire_search_index_lag_changes 0');
  });

  it('refuses /metrics to another address without the token, and serves it with the token or from loopback', async () => {
    const app = createApp({ db: t.db, config: settings({ QUIRE_METRICS_TOKEN: TOKEN }) });
    await app.request(`${TEST_ORIGIN}/works/12345`, from('198.51.100.7'));

    const refused = await app.request(`${TEST_ORIGIN}/metrics`, from('203.0.113.9'));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Authorization: Bearer');
    const wrongToken = await app.request(
      `${TEST_ORIGIN}/metrics`,
      from('203.0.113.9', { authorization: 'Bearer not-the-token' }),
    );
    expect(wrongToken.status).toBe(403);

    const allowed = await app.request(
      `${TEST_ORIGIN}/metrics`,
      from('203.0.113.9', { authorization: `Bearer ${TOKEN}` }),
    );
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toContain('text/plain');
    const text = await allowed.text();
    // The route pattern, not the URL: one series however many works are asked for.
    expect(text).toContain('quire_http_requests_total{method="GET",route="/works/:id{[0-9]+}",status="404"} 1');
    expect(text).not.toContain('12345');
    expect(text).toMatch(/quire_db_query_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toContain('quire_jobs{status="queued"}');
    expect(text).toContain('quire_mail_failed 0');
    expect(text).not.toContain('quire_search_index'); // this app keeps no in-memory index

    const loopback = await app.request(`${TEST_ORIGIN}/metrics`, from('127.0.0.1'));
    expect(loopback.status).toBe(200);
  });

  it('refuses /metrics to other addresses when no token is set', async () => {
    const app = createApp({ db: t.db, config: settings() });
    const refused = await app.request(`${TEST_ORIGIN}/metrics`, from('203.0.113.9', { authorization: 'Bearer ' }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('QUIRE_METRICS_TOKEN');
    expect((await app.request(`${TEST_ORIGIN}/metrics`, from('::1'))).status).toBe(200);
  });

  it('returns X-Request-Id and carries it into every log line of the request', async () => {
    const { lines, logger } = capturedLogger();
    const app = createApp({ db: t.db, config: settings(), logger });
    app.get('/test-only/boom', () => {
      throw new Error('the test route broke');
    });

    const given = await app.request(`${TEST_ORIGIN}/healthz`, { headers: { 'x-request-id': 'lb-7f3a.2' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.2');

    const unsafe = await app.request(`${TEST_ORIGIN}/healthz`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    const replaced = unsafe.headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);

    const failed = await app.request(`${TEST_ORIGIN}/test-only/boom`);
    expect(failed.status).toBe(500);
    const failedId = failed.headers.get('x-request-id');
    expect(failedId).toMatch(/^[0-9a-f-]{36}$/);

    expect(lines.filter((line) => line.reqId === 'lb-7f3a.2')).toEqual([
      expect.objectContaining({ msg: 'request', method: 'GET', route: '/healthz', status: 200 }),
    ]);
    expect(lines.filter((line) => line.reqId === replaced)).toHaveLength(1);
    const ofFailure = lines.filter((line) => line.reqId === failedId);
    expect(ofFailure).toEqual([
      expect.objectContaining({
        msg: 'request failed',
        err: expect.objectContaining({ message: 'the test route broke' }),
      }),
      expect.objectContaining({ msg: 'request', route: '/test-only/boom', status: 500 }),
    ]);
    expect(lines.every((line) => typeof line.ms === 'number' || line.msg !== 'request')).toBe(true);
  });
});

it('answers /readyz with 503 naming the pending migrations of an unmigrated database', async () => {
  const db = openDatabase({ sqliteFile: ':memory:' });
  try {
    const app = createApp({ db, config: settings() });
    const response = await app.request(`${TEST_ORIGIN}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { reason: string };
    expect(body.reason).toMatch(
      /^migrations pending: 0001-foundation, 0002-fixed-vocabulary, .* \(run quire migrate\)$/,
    );
  } finally {
    await db.destroy();
  }
});

it('answers /readyz with 503 when the database does not answer', async () => {
  const db = openDatabase({ url: 'postgres://quire@127.0.0.1:1/archive' });
  try {
    const app = createApp({ db, config: settings() });
    const response = await app.request(`${TEST_ORIGIN}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^database does not answer: /);
    expect((await app.request(`${TEST_ORIGIN}/healthz`)).status).toBe(200);
  } finally {
    await db.destroy();
  }
});
