/**
 * The readers of bench/write-under-reads.ts, in a process of their own so
 * that answering 256 readers' pages never delays the measured writer's own
 * event loop: `--readers` clients request /works listing pages as fast as
 * they are answered (a 503 with Retry-After waits as asked, like a person
 * reloading) for `--seconds`, once all are connected (`ready`). Prints
 * `reads N` each second and, at the end, `result {latencies, statuses}`.
 */
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { base: { type: 'string' }, readers: { type: 'string' }, seconds: { type: 'string' } },
});
const base = args.base!;
const readers = Number(args.readers);
const seconds = Number(args.seconds);
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let page = 0;
/** One listing page; the seconds a 503 asks to wait, or 0. */
async function readOnce(count: boolean): Promise<number> {
  const t0 = performance.now();
  let status = -1; // the connection failed
  let retryAfter = 0;
  try {
    // Pages 2–21 (page 1 redirects to /works itself).
    const response = await fetch(`${base}/works?page=${(page++ % 20) + 2}`, { redirect: 'manual' });
    await response.arrayBuffer();
    status = response.status;
    if (status === 503) retryAfter = Number(response.headers.get('retry-after') ?? '1') || 1;
  } catch {
    // counted as -1
  }
  if (count) {
    latencies.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return retryAfter;
}

// Every reader first opens its connection, a few at a time, and is answered once: 256 connections opened in
// the same instant spent the first 12–15 s of a run in TCP's retries, whatever the server did.
for (let i = 0; i < readers; i += 16) {
  await Promise.all(Array.from({ length: Math.min(16, readers - i) }, () => readOnce(false)));
}
console.log('ready');
const deadline = performance.now() + seconds * 1000;

async function reader(): Promise<void> {
  while (performance.now() < deadline) {
    const wait = await readOnce(true);
    if (wait) await sleep(Math.max(0, Math.min(wait * 1000, deadline - performance.now())));
  }
}

const ticker = setInterval(() => console.log(`reads ${latencies.length}`), 1000);
await Promise.all(Array.from({ length: readers }, reader));
clearInterval(ticker);
console.log(`result ${JSON.stringify({ latencies, statuses })}`);
