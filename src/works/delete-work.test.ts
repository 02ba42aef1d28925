/**
 * Deleting works: every deletion, from the page or the API, by a creator or
 * an admin, leaves an audit entry (who, the work before, why) and nothing
 * when refused; soft deletion keeps the row but takes the work out of
 * search; the purge removes works deleted over 30 days ago, once however
 * many processes queue it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { createCredential } from '../accounts/credentials.ts';
import { listAuditEntriesFor } from '../audit/queries.ts';
import { backgroundHandlers, queueHourlyJobs } from '../background.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/schema-helpers.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { foldedText } from '../indexing/text.ts';
import { deleteWorkAs, softDeleteWork } from './delete-work.ts';
import { PURGE_JOB, purgeDeletedWorks } from './purge-deleted-works.ts';

const DAY = 86_400_000;

/** Ids of works the full-text index finds by a title word, straight from the index. */
async function foundByTitle(db: Db, word: string): Promise<number[]> {
  const term = foldedText(word);
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{
          id: number;
        }>`select rowid as id from work_text where work_text match ${`title : "${term}"`}`.execute(db)
      : await sql<{ id: number }>`select work_id as id from work_search
          where title_tsv @@ phraseto_tsquery('simple', ${term})`.execute(db);
  return rows.map((r) => r.id);
}

const workRow = (db: Db, id: number) =>
  db.selectFrom('works').select(['id', 'deleted_at']).where('id', '=', id).executeTakeFirst();

forEachDatabase('deleting works', (t) => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-purge-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs a creator’s deletion from the page, with who, the work before and why', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Driftwood' });
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, writer);
    expect(await browser.page(`/works/${workId}/delete`)).not.toContain('name="reason"');
    expect((await browser.post(`/works/${workId}/delete`)).status).toBe(303);
    expect((await workRow(t.db, workId))?.deleted_at).toBeTruthy(); // kept until the purge
    expect((await browser.get(`/works/${workId}`)).status).toBe(404);
    const [entry, ...more] = await listAuditEntriesFor(t.db, 'work', workId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor_user_id: writer.id,
      actor_name: writer.username,
      action: 'work.delete',
      target_type: 'work',
      target_id: workId,
      reason: 'deleted by its creator',
    });
    expect(JSON.parse(entry.before!)).toEqual({ title: 'Driftwood', status: 'posted' });
    expect(JSON.parse(entry.after!).deleted_at).toBe((await workRow(t.db, workId))?.deleted_at);
    expect(Date.parse(entry.created_at)).not.toBeNaN();
  });

  it('logs an admin’s deletion with the reason they give, and nothing for a refused one', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Flotsam' });
    const stranger = new Browser(makeTestApp(t.db));
    await signIn(stranger, t.db, await makeUser(t.db));
    expect((await stranger.post(`/works/${workId}/delete`)).status).toBe(403);
    expect(await listAuditEntriesFor(t.db, 'work', workId)).toEqual([]);

    const admin = await makeUser(t.db, { isAdmin: true });
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, admin);
    expect(await browser.page(`/works/${workId}/delete`)).toContain('name="reason"');
    await browser.post(`/works/${workId}/delete`, { reason: '  Copied from a published novel.  ' });
    const [entry] = await listAuditEntriesFor(t.db, 'work', workId);
    expect(entry).toMatchObject({
      actor_user_id: admin.id,
      actor_name: admin.username,
      reason: 'Copied from a published novel.',
    });
    expect(JSON.parse(entry.before!)).toEqual({ title: 'Flotsam', status: 'posted' });
  });

  it('logs a deletion through the API, with its reason', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Jetsam', post: false });
    const token = (await createCredential(t.db, writer.id, 'delete', 'write')).secret;
    const response = await makeTestApp(t.db).request(
      `${TEST_ORIGIN}/api/v1/works/${workId}?reason=${encodeURIComponent('Posting it elsewhere')}`,
      { method: 'DELETE', headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(204);
    const [entry] = await listAuditEntriesFor(t.db, 'work', workId);
    expect(entry).toMatchObject({ actor_user_id: writer.id, action: 'work.delete', reason: 'Posting it elsewhere' });
    expect(JSON.parse(entry.before!)).toEqual({ title: 'Jetsam', status: 'draft' });
  });

  it('soft-deletes: the row stays, dated, and search no longer finds the work', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Breakwater' });
    expect(await foundByTitle(t.db, 'breakwater')).toEqual([workId]);
    const changesBefore = await t.db.selectFrom('search_changes').select('id').where('work_id', '=', workId).execute();
    const now = new Date('2026-11-01T10:00:00.000Z');
    await t.db.transaction().execute((trx) => softDeleteWork(trx, workId, now));
    expect(await workRow(t.db, workId)).toEqual({ id: workId, deleted_at: now.toISOString() });
    expect(await foundByTitle(t.db, 'breakwater')).toEqual([]);
    expect(await t.db.selectFrom('work_search').select('work_id').where('work_id', '=', workId).execute()).toEqual([]);
    const changesAfter = await t.db.selectFrom('search_changes').select('id').where('work_id', '=', workId).execute();
    expect(changesAfter.length).toBeGreaterThan(changesBefore.length); // every process's listing index hears of it
  });

  it('forgets a deleted work’s cached downloads once its work.deleted event is delivered', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Cached Lighthouse' });
    const cacheDir = path.join(dataDir, 'cache', 'downloads', String(workId));
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(path.join(cacheDir, 'abc.epub'), 'cached');
    await deleteWorkAs(t.db, workId, { actor: { userId: writer.id, name: writer.username }, byCreator: true });
    const events = await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'event:work.deleted').execute();
    expect(events.map((e) => JSON.parse(e.payload))).toContainEqual({ workId });
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir });
    await runPendingJobs(t.db, backgroundHandlers({ config, mailer: createMailer(config, () => {}) }));
    expect(fs.existsSync(cacheDir)).toBe(false);
  });

  it('purges works deleted more than 30 days ago, with their cached files, and logs each', async () => {
    const writer = await makeUser(t.db);
    const now = new Date('2026-12-02T03:07:00.000Z');
    const old = await makeWork(t.db, writer, { title: 'Old Pier' });
    const recent = await makeWork(t.db, writer, { title: 'New Pier' });
    const kept = await makeWork(t.db, writer, { title: 'Standing Pier' });
    await t.db.transaction().execute(async (trx) => {
      await softDeleteWork(trx, old, new Date(now.getTime() - 31 * DAY));
      await softDeleteWork(trx, recent, new Date(now.getTime() - 29 * DAY));
    });
    const cacheDir = path.join(dataDir, 'cache', 'downloads', String(old));
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(path.join(cacheDir, 'abc.epub'), 'cached');

    const purged = await purgeDeletedWorks(t.db, now); // with the earlier tests' deleted works
    expect(purged).toContain(old);
    expect(purged).not.toContain(recent);
    expect(await workRow(t.db, old)).toBeUndefined();
    expect(fs.existsSync(cacheDir)).toBe(true); // until the work.purged event is delivered
    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir });
    await runPendingJobs(t.db, backgroundHandlers({ config, mailer: createMailer(config, () => {}) }));
    expect(fs.existsSync(cacheDir)).toBe(false);
    expect(await workRow(t.db, recent)).toMatchObject({ id: recent });
    expect(await workRow(t.db, kept)).toMatchObject({ id: kept, deleted_at: null });
    const [entry] = await listAuditEntriesFor(t.db, 'work', old);
    expect(entry).toMatchObject({ actor_user_id: null, actor_name: 'purge', action: 'work.purge' });
    expect(JSON.parse(entry.before!)).toMatchObject({ title: 'Old Pier', status: 'posted' });
    expect(await purgeDeletedWorks(t.db, now)).toEqual([]);
  });

  it('queues the hourly purge once however many processes ask, and runs it as a job', async () => {
    const writer = await makeUser(t.db);
    const workId = await makeWork(t.db, writer, { title: 'Sunken Jetty' });
    await t.db.transaction().execute((trx) => softDeleteWork(trx, workId, new Date(Date.now() - 40 * DAY)));
    const hour = new Date();
    // Two server processes' schedules fire at the same moment, and one fires again later in the hour.
    await Promise.all([queueHourlyJobs(t.db, hour), queueHourlyJobs(t.db, hour)]);
    await queueHourlyJobs(t.db, new Date(hour.getTime() + 1000));
    const purges = await t.db.selectFrom('jobs').select(['id', 'once_key']).where('kind', '=', PURGE_JOB).execute();
    expect(purges).toHaveLength(1);

    const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: dataDir });
    await runPendingJobs(t.db, backgroundHandlers({ config, mailer: createMailer(config, () => {}) }));
    expect(await workRow(t.db, workId)).toBeUndefined();
    expect(await t.db.selectFrom('jobs').select('status').where('id', '=', purges[0].id).executeTakeFirst()).toEqual({
      status: 'done',
    });
  });
});
