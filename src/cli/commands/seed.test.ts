/** `quire seed --demo` on an empty archive: what it prints a person about to try it. */
import { expect, it } from 'vitest';
import { runQuire } from '../../../test/support/cli.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';

forEachDatabase('quire seed --demo', (t) => {
  it('loads the demo and prints the address with the port the archive will use', async () => {
    const saved = process.env.PORT;
    process.env.PORT = '4123';
    try {
      const result = await runQuire(t.test.target, 'seed', '--demo', '--password', 'demo password 9');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Start it with `PORT=4123 quire serve` and open http://localhost:4123/');
      expect(result.stdout).toContain('Log in at http://localhost:4123/login as any of: demo_admin');
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
