/**
 * A database that counts the queries sent through it, for tests that prove a
 * page costs the same few queries however much it shows (no query per work,
 * chapter or tag). Set `queries` back to 0 between the requests compared.
 */
import type { KyselyPlugin } from 'kysely';
import type { Db } from '../../src/db/database.ts';

export interface CountingDatabase {
  db: Db;
  queries: number;
}

export function countingQueries(db: Db): CountingDatabase {
  const counting = { queries: 0 } as CountingDatabase;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      counting.queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  counting.db = db.withPlugin(counter);
  return counting;
}
