/**
 * The readers of bench/write-under-reads.ts, in a process of their own so
 * that answering 256 readers' pages never delays the measured writer's own
 * event loop: `--readers` clients request /works listing pages as fast as
 * they are answered (a 503 with Retry-After waits as asked, like a person
 * reloading) for `--seconds`. Prints `reads N` each second and, at the end,
 * `result {latencies, statuses}`.
 */
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { base: { type: 'string' }, readers: { type: 'string' }, seconds: { type: 'string' } },
});
const base = args.base!;
const readers = Number(args.readers);
const deadline = performance.now() + Number(args.seconds) * 1000;
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let page = 0;
async function reader(): Promise<void> {
  while (performance.now() < deadline) {
    const t0 = performance.now();
    let status = -1;
    let retryAfter = 0;
    try {
      // Pages 2–21 (page 1 redirects to /works itself).
      const response = await fetch(`${base}/works?page=${(page++ % 20) + 2}`, { redirect: 'manual' });
      await response.arrayBuffer();
      status = response.status;
      if (status === 503) retryAfter = Number(response.headers.get('retry-after') ?? '1') || 1;
    } catch {
      // The connection failed: counted as -1.
    }
    latencies.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (retryAfter) await sleep(Math.max(0, Math.min(retryAfter * 1000, deadline - performance.now())));
  }
}

const ticker = setInterval(() => console.log(`reads ${latencies.length}`), 1000);
await Promise.all(Array.from({ length: readers }, reader));
clearInterval(ticker);
console.log(`result ${JSON.stringify({ latencies, statuses })}`);
