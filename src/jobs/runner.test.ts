import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { tagNamed, worksUnder } from '../../test/support/tags.ts';
import { verifyFilterTags } from '../indexing/verify-filter-tags.ts';
import type { Actor } from '../wrangling/command.ts';
import { createCanonicalTag } from '../wrangling/status-commands.ts';
import { makeSynonym } from '../wrangling/synonym-command.ts';
import { claimNextJob, enqueueJob, findJob, hasPendingJob } from './queries.ts';
import { FILTER_TAGS_JOB, filterJobSubject, runFilterTagsJob, setFilterJobThreshold } from '../indexing/filter-tags.ts';
import { eventJobHandlers } from '../outbox/outbox.ts';
import { outside, type JobHandlers } from './handlers.ts';
import { retryDelayMs, runPendingJobs, startJobRunner } from './runner.ts';

// The works the tests make record outbox events; with no listener they are simply done.
const handlers: JobHandlers = { [FILTER_TAGS_JOB]: outside(runFilterTagsJob), ...eventJobHandlers({}) };

const actor: Actor = { userId: null, name: 'test wrangler' };
let previousThreshold = 0;
beforeAll(() => {
  previousThreshold = setFilterJobThreshold(3);
});
afterAll(() => {
  setFilterJobThreshold(previousThreshold);
});

it('waits twice as long before each retry', () => {
  expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt))).toEqual([30_000, 60_000, 120_000, 240_000]);
});

forEachDatabase('jobs', (t) => {
  it('a synonym with many works is re-derived by a background job', async () => {
    const user = await makeUser(t.db);
    const works: number[] = [];
    for (let i = 0; i < 5; i++) works.push(await makeWork(t.db, user, { relationships: ['valjean/javert'] }));
    await runPendingJobs(t.db, handlers); // the works' own outbox events (work.posted)
    await createCanonicalTag(t.db, actor, 'Javert/Jean Valjean', 'relationship');
    const canonical = await tagNamed(t.db, 'Javert/Jean Valjean');
    const synonym = await tagNamed(t.db, 'valjean/javert');

    const outcome = await makeSynonym(t.db, actor, synonym.id, canonical.id);
    expect(outcome.filters).toEqual({ works: 5, queued: true });
    expect(outcome.message).toContain('Filters of 5 works will be updated in the background.');
    expect(await hasPendingJob(t.db, filterJobSubject(synonym.id))).toBe(true);
    expect(await worksUnder(t.db, 'Javert/Jean Valjean')).toEqual([]);
    expect((await verifyFilterTags(t.db)).drift).toHaveLength(5);

    expect(await runPendingJobs(t.db, handlers)).toEqual({ done: 1, retrying: 0, failed: 0 });
    expect(await worksUnder(t.db, 'Javert/Jean Valjean')).toEqual(works);
    expect(await hasPendingJob(t.db, filterJobSubject(synonym.id))).toBe(false);
    expect((await verifyFilterTags(t.db)).drift).toEqual([]);
  });

  it('never hands one job to two claims, and does not queue the same waiting job twice', async () => {
    const first = await enqueueJob(t.db, { kind: 'test-noop', subject: 'thing:1' });
    expect(await enqueueJob(t.db, { kind: 'test-noop', subject: 'thing:1' })).toBe(first);
    await enqueueJob(t.db, { kind: 'test-noop', subject: 'thing:2' });
    const [a, b, c] = await Promise.all([
      claimNextJob(t.db, 60_000),
      claimNextJob(t.db, 60_000),
      claimNextJob(t.db, 60_000),
    ]);
    const claimed = [a, b, c].filter((j) => j !== undefined).map((j) => j.id);
    expect(claimed).toHaveLength(2);
    expect(new Set(claimed).size).toBe(2);
    await t.db.updateTable('jobs').set({ status: 'done' }).where('id', 'in', claimed).execute();
  });

  it('marks a job with no handler failed, with its error', async () => {
    const id = await enqueueJob(t.db, { kind: 'no-such-kind' });
    expect(await runPendingJobs(t.db, handlers, { log: () => {} })).toEqual({ done: 0, retrying: 0, failed: 1 });
    expect(await findJob(t.db, id)).toMatchObject({
      status: 'failed',
      last_error: 'No handler for jobs of kind "no-such-kind".',
    });
  });

  it('runs queued jobs in the background of quire serve until stopped', async () => {
    const id = await enqueueJob(t.db, { kind: 'no-such-kind-either' });
    const runner = startJobRunner(t.db, handlers, { pollMs: 10, log: () => {} });
    try {
      await expect.poll(async () => (await findJob(t.db, id))?.status, { timeout: 5000 }).toBe('failed');
    } finally {
      await runner.stop();
    }
  });
});
