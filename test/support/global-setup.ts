/**
 * Says plainly which database suites run. In CI the PostgreSQL suite is
 * mandatory: without QUIRE_TEST_DATABASE_URL, or with a server that does not
 * answer, the run fails instead of silently testing less.
 */
import pg from 'pg';

export default async function setup(): Promise<void> {
  const url = process.env.QUIRE_TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error('CI needs QUIRE_TEST_DATABASE_URL: the PostgreSQL suite is mandatory there.');
    console.log(
      '\n  PostgreSQL suite skipped: set QUIRE_TEST_DATABASE_URL=postgres://… to run every data test on PostgreSQL too.\n',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`QUIRE_TEST_DATABASE_URL is set but PostgreSQL did not answer: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
  console.log(`\n  PostgreSQL suite: running every data test on ${url.replace(/\/\/[^@]*@/, '//')} too.\n`);
}
