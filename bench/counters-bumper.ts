/**
 * The other side of bench/counters: a process of its own, on its own
 * connection, giving kudos at a steady rate — each `kudos_count + 1` on a
 * random work in its own transaction, as leaving kudos commits it —
 * until SIGTERM, then prints how many it gave. With --touch-facts each update
 * also sets a fact column to itself, which logs a fact change as every
 * update of `works` did before migration 0012 (for the before figure).
 *
 *   tsx bench/counters-bumper.ts --per-second 1000 [--touch-facts]   (QUIRE_DATA_DIR or DATABASE_URL)
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase, sqliteFileIn } from '../src/db/connect.ts';

const { values: args } = parseArgs({
  options: { 'per-second': { type: 'string', default: '1000' }, 'touch-facts': { type: 'boolean', default: false } },
});
const perSecond = Number(args['per-second']);
const config = loadConfig({ ...process.env, QUIRE_BASE_URL: 'http://127.0.0.1:3000' });
const db = openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { sqliteFile: sqliteFileIn(config.dataDir) },
);
const ids = (await db.selectFrom('works').select('id').execute()).map((w) => w.id);
let state = 12345;
const randomId = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return ids[state % ids.length];
};

let given = 0;
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
console.log('bumping');
const started = performance.now();
while (!stopping) {
  // Catch up to the rate every few milliseconds, so a slow commit does not lower it.
  const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
  while (given < due && !stopping) {
    const id = randomId();
    await db.transaction().execute((trx) =>
      trx
        .updateTable('works')
        .set((eb) => ({
          kudos_count: eb('kudos_count', '+', 1),
          ...(args['touch-facts'] ? { revised_at: sql<string>`revised_at` } : {}),
        }))
        .where('id', '=', id)
        .execute(),
    );
    given++;
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
const seconds = (performance.now() - started) / 1000;
console.log(`given ${given} ${seconds.toFixed(2)}`);
await db.destroy();
process.exit(0);
