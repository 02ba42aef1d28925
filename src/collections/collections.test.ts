import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork, signIn } from '../../test/support/factories.ts';
import { runDueReveals } from './commands.ts';
import { setParticipant } from './queries.ts';

forEachDatabase('collections', (t) => {
  let owner: User;
  let writer: User;
  let coWriter: User;
  let reader: User;
  let guest: Browser;
  let ownerB: Browser;
  let writerB: Browser;
  let coWriterB: Browser;
  let readerB: Browser;
  let n = 0;

  beforeAll(async () => {
    owner = await makeUser(t.db);
    writer = await makeUser(t.db);
    coWriter = await makeUser(t.db);
    reader = await makeUser(t.db);
    const app = makeTestApp(t.db);
    guest = new Browser(app);
    [ownerB, writerB, coWriterB, readerB] = [new Browser(app), new Browser(app), new Browser(app), new Browser(app)];
    await signIn(ownerB, t.db, owner);
    await signIn(writerB, t.db, writer);
    await signIn(coWriterB, t.db, coWriter);
    await signIn(readerB, t.db, reader);
  });

  async function makeCollection(settings: string[], extra: Record<string, string> = {}) {
    const name = `gathering_${++n}`;
    const res = await ownerB.post('/collections/new', {
      name,
      title: `Harbour Lights ${n}`,
      description: '<p>Stories of <script>x</script>the quay.</p>',
      settings,
      ...extra,
    });
    expect(res.status).toBe(303);
    const row = await t.db.selectFrom('collections').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    return row;
  }

  const itemStatus = async (collectionId: number, workId: number) =>
    (
      await t.db
        .selectFrom('collection_items')
        .select('status')
        .where('collection_id', '=', collectionId)
        .where('work_id', '=', workId)
        .executeTakeFirst()
    )?.status;

  async function coWrittenWork(title: string) {
    const [a, b] = await Promise.all(
      [writer, coWriter].map((u) =>
        t.db.selectFrom('pseuds').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow(),
      ),
    );
    return makeWork(t.db, writer, { title, creatorPseudIds: [a.id, b.id] });
  }

  describe('settings', () => {
    it('an open collection takes a work at once and lists it; its description is cleaned', async () => {
      const col = await makeCollection([]);
      expect(col.description).not.toContain('script');
      const workId = await makeWork(t.db, writer, { title: 'Tide Tables' });
      const res = await writerB.post(`/works/${workId}/collections`, { collections: col.name });
      expect(res.status).toBe(303);
      expect(await itemStatus(col.id, workId)).toBe('approved');
      const page = await guest.page(`/collections/${col.name}`);
      expect(page).toContain('Tide Tables');
      expect(await guest.page(`/works/${workId}`)).toContain(`Collections: <a href="/collections/${col.name}">`);
    });

    it('a closed collection refuses new works but takes a member’s', async () => {
      const col = await makeCollection(['closed']);
      const workId = await makeWork(t.db, writer, { title: 'Closed Door' });
      await writerB.post(`/works/${workId}/collections`, { collections: col.name });
      expect(await itemStatus(col.id, workId)).toBeUndefined();
      expect(await writerB.page(`/works/${workId}`)).toContain('is closed to new works');
      await setParticipant(t.db, col.id, writer.id, 'member');
      await writerB.post(`/works/${workId}/collections`, { collections: col.name });
      expect(await itemStatus(col.id, workId)).toBe('approved');
    });

    it('a members-only collection refuses non-members', async () => {
      const col = await makeCollection(['members_only']);
      const workId = await makeWork(t.db, reader, { title: 'Outsider' });
      await readerB.post(`/works/${workId}/collections`, { collections: col.name });
      expect(await itemStatus(col.id, workId)).toBeUndefined();
      expect(await readerB.page(`/works/${workId}`)).toContain('Only members of');
    });

    it('a moderated collection queues works until a maintainer approves them in bulk; others may not', async () => {
      const col = await makeCollection(['moderated']);
      const first = await makeWork(t.db, writer, { title: 'Queued One' });
      const second = await makeWork(t.db, writer, { title: 'Queued Two' });
      for (const id of [first, second]) await writerB.post(`/works/${id}/collections`, { collections: col.name });
      expect(await itemStatus(col.id, first)).toBe('awaiting');
      expect(await guest.page(`/collections/${col.name}`)).not.toContain('Queued One');
      expect((await readerB.get(`/collections/${col.name}/items`)).status).toBe(403);
      const queue = await ownerB.page(`/collections/${col.name}/items`);
      expect(queue).toContain('Queued One');
      const ids = await t.db.selectFrom('collection_items').select('id').where('collection_id', '=', col.id).execute();
      const stranger = await readerB.post(`/collections/${col.name}/items`, {
        item: ids.map((i) => String(i.id)),
        action: 'approve',
      });
      expect(stranger.status).toBe(403);
      expect(await itemStatus(col.id, first)).toBe('awaiting');
      await ownerB.post(`/collections/${col.name}/items`, { item: ids.map((i) => String(i.id)), action: 'approve' });
      expect(await itemStatus(col.id, first)).toBe('approved');
      expect(await itemStatus(col.id, second)).toBe('approved');
      expect(await guest.page(`/collections/${col.name}`)).toContain('Queued Two');
    });

    it('a parent’s listing includes its subcollections’ works', async () => {
      const parent = await makeCollection([]);
      const child = await makeCollection([], { parent: parent.name });
      expect(child.parent_id).toBe(parent.id);
      const workId = await makeWork(t.db, writer, { title: 'Nested Lantern' });
      await writerB.post(`/works/${workId}/collections`, { collections: child.name });
      const page = await guest.page(`/collections/${parent.name}`);
      expect(page).toContain('Nested Lantern');
      expect(page).toContain(`href="/collections/${child.name}"`);
    });
  });

  it('an invitation: its creators accept or decline from their list', async () => {
    const col = await makeCollection([]);
    const accepted = await makeWork(t.db, writer, { title: 'Asked For' });
    const declined = await makeWork(t.db, writer, { title: 'Not This One' });
    for (const id of [accepted, declined])
      await ownerB.post(`/collections/${col.name}/invite`, { work_id: String(id) });
    expect(await itemStatus(col.id, accepted)).toBe('invited');
    expect(await guest.page(`/collections/${col.name}`)).not.toContain('Asked For');
    const list = await writerB.page('/collection-items');
    expect(list).toContain('Asked For');
    const item = async (workId: number) =>
      (await t.db.selectFrom('collection_items').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow())
        .id;
    expect((await readerB.post(`/collection-items/${await item(accepted)}/answer`, { answer: 'accept' })).status).toBe(
      404,
    );
    await writerB.post(`/collection-items/${await item(accepted)}/answer`, { answer: 'accept' });
    await writerB.post(`/collection-items/${await item(declined)}/answer`, { answer: 'decline' });
    expect(await itemStatus(col.id, accepted)).toBe('approved');
    expect(await itemStatus(col.id, declined)).toBe('declined');
    expect(await guest.page(`/collections/${col.name}`)).toContain('Asked For');
  });

  describe('anonymous and unrevealed never leak', () => {
    it('anonymous: "Anonymous" to a guest and a reader everywhere; the creators see their names', async () => {
      const col = await makeCollection(['anonymous']);
      const workId = await coWrittenWork('Masked Lantern');
      await writerB.post(`/works/${workId}/collections`, { collections: col.name });
      const work = await t.db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
      expect(work.is_anonymous).toBe(1);
      for (const b of [guest, readerB]) {
        const page = await b.page(`/works/${workId}`);
        expect(page).toContain('Masked Lantern');
        expect(page).toContain('<span>Anonymous</span>');
        expect(page).not.toContain(writer.username);
        const listing = await b.page(`/collections/${col.name}`);
        expect(listing).toContain('Masked Lantern');
        expect(listing).not.toContain(writer.username);
        // Searching by the creator finds nothing; the creator's page as others see it leaves the work out.
        expect(await b.page(`/works/search?q=${encodeURIComponent(`creator:${writer.username}`)}`)).not.toContain(
          'Masked Lantern',
        );
        expect(await b.page(`/users/${writer.username}/works`)).not.toContain('Masked Lantern');
        const api = await b.get(`/api/v1/works/${workId}`);
        expect(await api.text()).not.toContain(writer.username);
        expect(await b.page(`/users/${writer.username}/works.atom`)).not.toContain('Masked Lantern');
      }
      for (const b of [writerB, coWriterB]) {
        const page = await b.page(`/works/${workId}`);
        expect(page).toContain(writer.username);
      }
      expect(await ownerB.page(`/works/${workId}`)).toContain(writer.username);
    });

    it('unrevealed: a Mystery Work to a guest and a reader, off listings, search and downloads; whole to creators and maintainers', async () => {
      const col = await makeCollection(['unrevealed']);
      const workId = await coWrittenWork('Sealed Letter');
      await writerB.post(`/works/${workId}/collections`, { collections: col.name });
      for (const b of [guest, readerB]) {
        const page = await b.page(`/works/${workId}`);
        expect(page).toContain('Mystery Work');
        expect(page).toContain('will be revealed soon');
        expect(page).not.toContain('Sealed Letter');
        expect(page).not.toContain('harbour wall');
        const listing = await b.page(`/collections/${col.name}`);
        expect(listing).not.toContain('Sealed Letter');
        expect(listing).toContain('1 Mystery Work');
        expect(await b.page('/works?sort=posted')).not.toContain('Sealed Letter');
        expect(await b.page(`/works/search?q=Sealed`)).not.toContain('Sealed Letter');
        expect((await b.get(`/downloads/${workId}/sealed.epub`)).status).toBe(404);
        expect((await b.get(`/api/v1/works/${workId}`)).status).toBe(404);
        expect(await b.page('/tags/Original%20Work/feed.atom')).not.toContain('Sealed Letter');
      }
      for (const b of [writerB, coWriterB, ownerB]) expect(await b.page(`/works/${workId}`)).toContain('Sealed Letter');
      expect(await ownerB.page(`/collections/${col.name}`)).toContain('Sealed Letter');
      expect(await writerB.page(`/users/${writer.username}/works`)).toContain('Sealed Letter');
    });

    it('a reveal shows the work and its creator; a scheduled one runs once and sends the held notice once', async () => {
      const col = await makeCollection(['unrevealed', 'anonymous']);
      const follower = await makeUser(t.db);
      await t.db
        .insertInto('subscriptions')
        .values({ user_id: follower.id, kind: 'creator', target_id: writer.id, created_at: new Date().toISOString() })
        .execute();
      const workId = await makeWork(t.db, writer, { title: 'Held Back' });
      await writerB.post(`/works/${workId}/collections`, { collections: col.name });
      expect(await guest.page(`/works/${workId}`)).toContain('Mystery Work');
      const scheduled = await ownerB.post(`/collections/${col.name}/reveal`, { what: 'both', at: '2999-01-01T00:00' });
      expect(scheduled.status).toBe(303);
      expect(await runDueReveals(t.db, new Date())).toBe(0);
      const events = () => t.db.selectFrom('jobs').select('payload').where('kind', 'like', '%works.revealed').execute();
      expect(await events()).toHaveLength(0);
      expect(await runDueReveals(t.db, new Date('3000-01-01T00:00:00Z'))).toBe(1);
      expect(await runDueReveals(t.db, new Date('3000-01-01T00:00:00Z'))).toBe(0);
      const recorded = await events();
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.payload).toContain(String(workId));
      const page = await guest.page(`/works/${workId}`);
      expect(page).toContain('Held Back');
      expect(page).toContain(writer.username);
    });
  });
});
