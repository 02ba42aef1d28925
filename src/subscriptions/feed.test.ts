import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp, TEST_ORIGIN } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { backgroundHandlers } from '../background.ts';
import { addChapter } from '../chapters/add-chapter.ts';
import { loadConfig } from '../config.ts';
import { parseAtomFeed, textOf } from '../feeds/atom-check.test-helper.ts';
import { runPendingJobs } from '../jobs/runner.ts';
import { createMailer } from '../mail/mailer.ts';
import { putInState } from '../series/series.test-helper.ts';
import { insertSubscription } from './queries.ts';

forEachDatabase('the subscriptions feed', (t) => {
  let writer: User;
  let reader: User;
  let member: Browser;
  let guest: Browser;
  const config = loadConfig({ QUIRE_BASE_URL: TEST_ORIGIN, QUIRE_DATA_DIR: '/tmp/quire-unused' });
  const handlers = backgroundHandlers({ config, mailer: createMailer(config, () => {}) });

  beforeAll(async () => {
    writer = await makeUser(t.db);
    reader = await makeUser(t.db);
    member = new Browser(makeTestApp(t.db));
    guest = new Browser(makeTestApp(t.db));
    await signIn(member, t.db, reader);
  });

  const feedPathOn = (html: string) => {
    const match = /href="http:\/\/localhost:3000(\/subscriptions\/feed\/[A-Za-z0-9_-]+\.atom)"/.exec(html);
    if (!match) throw new Error('no feed address on the page');
    return match[1];
  };

  it('lists what the member follows at a secret address, without what they may not see, and a new address voids the old', async () => {
    const work = await makeWork(t.db, writer, { title: 'Glass Harbour' });
    await runPendingJobs(t.db, handlers);
    await insertSubscription(t.db, reader.id, 'work', work, new Date());
    await insertSubscription(t.db, reader.id, 'creator', writer.id, new Date());
    await addChapter(t.db, work, chapter('<p>Fog.</p>', { title: 'Fogbound' }), { post: true });
    await makeWork(t.db, writer, { title: 'Open Sea' });
    const hidden = await makeWork(t.db, writer, { title: 'Sunken Hull' });
    await putInState(t.db, hidden, 'hidden');
    await runPendingJobs(t.db, handlers);

    const page = await member.page(`/users/${reader.username}/subscriptions`);
    expect(page).toContain('Make a new address');
    const path = feedPathOn(page);
    const response = await guest.get(path); // a feed reader has no session
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const { entries } = parseAtomFeed(await response.text());
    const titles = entries.map((e) => textOf(e.title));
    expect(titles).toEqual(['“Open Sea”', '“Glass Harbour”, chapter 2: Fogbound', '“Glass Harbour”']); // newest first

    const reset = await member.post(`/users/${reader.username}/subscriptions/feed-address`);
    expect(reset.status).toBe(303);
    const newPath = feedPathOn(await member.page(`/users/${reader.username}/subscriptions`));
    expect(newPath).not.toBe(path);
    expect((await guest.get(path)).status).toBe(404);
    expect((await guest.get(newPath)).status).toBe(200);
    expect((await guest.get('/subscriptions/feed/not-a-real-token-at-all.atom')).status).toBe(404);
  });
});
