/** `quire doctor` on a working archive (each database) and with a database URL that answers nothing. */
import { expect, it } from 'vitest';
import { runQuire } from '../../../test/support/cli.ts';
import { createTestDatabase, forEachDatabase } from '../../../test/support/databases.ts';
import { startTestSmtpServer } from '../../mail/smtp-test-server.test-helper.ts';

forEachDatabase('quire doctor', (t) => {
  it('passes a migrated archive, printing each check', async () => {
    const result = await runQuire(t.test.target, 'doctor');
    expect(result.stdout).toMatch(/^ok {4}configuration: /m);
    expect(result.stdout).toMatch(/^ok {4}database: .* answers$/m);
    expect(result.stdout).toContain('ok    migrations: the database has every migration this version knows');
    expect(result.stdout).toMatch(/^(ok {2}|warn) {2}(epubcheck|Calibre): /m);
    expect(result.stdout).toMatch(/^(ok {2}|warn) {2}disk space: \S+ MB free/m);
    expect(result.stdout).not.toContain('FAIL');
    expect(result.status).toBe(0);
  });
});

it('fails a database URL that answers nothing, saying what to check', async () => {
  const result = await runQuire({ url: 'postgres://quire@127.0.0.1:1/archive' }, 'doctor');
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/^FAIL {2}database: PostgreSQL \(DATABASE_URL\) does not answer: /m);
  expect(result.stdout).toContain('fix: check DATABASE_URL');
  expect(result.stdout).toMatch(/1 check\(s\) failed/);
});

it('fails a SQLite data folder with no archive in it', async () => {
  const result = await runQuire({ sqliteFile: '/tmp/quire-doctor-nothing-here/quire.sqlite' }, 'doctor');
  expect(result.status).toBe(1);
  expect(result.stdout).toContain(
    'FAIL  database: there is no database at /tmp/quire-doctor-nothing-here/quire.sqlite',
  );
});

it('connects to the configured SMTP server, and fails one that is not there', async () => {
  const archive = await createTestDatabase('sqlite');
  const smtp = await startTestSmtpServer();
  const saved = process.env.QUIRE_SMTP_URL;
  try {
    process.env.QUIRE_SMTP_URL = smtp.url;
    const reachable = await runQuire(archive.target, 'doctor');
    expect(reachable.stdout).toMatch(/^ok {4}mail: the SMTP server 127\.0\.0\.1:\d+ accepts a connection$/m);
    await smtp.close();
    const gone = await runQuire(archive.target, 'doctor');
    expect(gone.stdout).toMatch(/^FAIL {2}mail: cannot reach the SMTP server 127\.0\.0\.1:\d+: /m);
    expect(gone.status).toBe(1);
  } finally {
    if (saved === undefined) delete process.env.QUIRE_SMTP_URL;
    else process.env.QUIRE_SMTP_URL = saved;
    await archive.destroy();
  }
});
