import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { makeUser, makeWork } from '../../../test/support/factories.ts';
import { main } from '../main.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

forEachDatabase('quire search reindex', (t) => {
  function pointCliAtTestDatabase() {
    const { url, sqliteFile } = t.test.target;
    if (url) vi.stubEnv('DATABASE_URL', url);
    else {
      vi.stubEnv('DATABASE_URL', '');
      vi.stubEnv('QUIRE_DATA_DIR', path.dirname(sqliteFile!));
    }
  }

  it('rebuilds a lost index and says how many works it indexed', async () => {
    const user = await makeUser(t.db);
    const first = await makeWork(t.db, user, { title: 'Saltmarsh' });
    const second = await makeWork(t.db, user, { title: 'Tidewater' });
    await t.db.deleteFrom('work_search').execute();
    if (t.test.dialect === 'sqlite') await sql`delete from work_text`.execute(t.db);

    pointCliAtTestDatabase();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['search', 'reindex'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(/Indexed \d+ works in/);

    const rows = await t.db.selectFrom('work_search').select('work_id').orderBy('work_id').execute();
    expect(rows.map((r) => r.work_id)).toEqual(expect.arrayContaining([first, second]));
  });

  it('refuses an unknown subcommand with the usage', async () => {
    pointCliAtTestDatabase();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['search', 'rebuild-everything'])).toBe(2);
    expect(error.mock.calls.flat().join('\n')).toContain('Usage: quire search reindex');
  });
});
