/**
 * Blocking and muting from a profile: the buttons, the page that asks first,
 * doing and undoing it (303 back with a message, rows written), the refusals
 * (yourself; blocking staff; past 2,000), and the lists only their owner sees.
 */
import { beforeAll, expect, it } from 'vitest';
import type { User } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, signIn } from '../../test/support/factories.ts';
import { decode } from '../../test/support/post-form.ts';
import { MAX_BLOCKS, MAX_MUTES } from './queries.ts';

const mainOf = (html: string) => decode(html.slice(html.indexOf('<main'), html.indexOf('</main>')));

const blocks = (db: Db, blockerId: number) =>
  db.selectFrom('user_blocks').select('blocked_id').where('blocker_id', '=', blockerId).execute();
const mutes = (db: Db, muterId: number) =>
  db.selectFrom('user_mutes').select('muted_id').where('muter_id', '=', muterId).execute();

/** `count` accounts made straight in the table (a cap test needs thousands; the log-in path is not under test). */
async function insertUsers(db: Db, prefix: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
      username: `${prefix}${start + i}`,
      email: `${prefix}${start + i}@example.test`,
      password_hash: 'x',
      created_at: '2026-01-01T00:00:00.000Z',
    }));
    const inserted = await db.insertInto('users').values(rows).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

forEachDatabase('blocking and muting from a profile', (t) => {
  let reader: Browser;
  let readerUser: User;
  let writer: User;
  let moderator: User;

  beforeAll(async () => {
    readerUser = await makeUser(t.db, { username: 'ferngully' });
    writer = await makeUser(t.db, { username: 'brambleknot' });
    moderator = await makeUser(t.db, { username: 'keeperofgates' });
    await t.db.updateTable('users').set({ is_moderator: 1 }).where('id', '=', moderator.id).execute();
    reader = new Browser(makeTestApp(t.db));
    await signIn(reader, t.db, readerUser);
  });

  it('shows Block and Mute on someone else’s profile, not on your own or to a guest', async () => {
    const profile = mainOf(await reader.page('/users/brambleknot'));
    expect(profile).toContain('<a class="button secondary" href="/users/brambleknot/block">Block</a>');
    expect(profile).toContain('<a class="button secondary" href="/users/brambleknot/mute">Mute</a>');
    const own = mainOf(await reader.page('/users/ferngully'));
    expect(own).not.toContain('/users/ferngully/block');
    const guest = mainOf(await new Browser(makeTestApp(t.db)).page('/users/brambleknot'));
    expect(guest).not.toContain('/users/brambleknot/block');
    // Staff can be muted, not blocked.
    const staff = mainOf(await reader.page('/users/keeperofgates'));
    expect(staff).not.toContain('/users/keeperofgates/block');
    expect(staff).toContain('href="/users/keeperofgates/mute"');
  });

  it('asks before blocking, blocks on the POST, and undoes it with Unblock', async () => {
    const confirm = mainOf(await reader.page('/users/brambleknot/block'));
    expect(confirm).toContain('<h1>Block brambleknot?</h1>');
    expect(confirm).toContain('cannot comment on your works, reply to your comments, leave kudos');
    expect(confirm).toContain('<form method="post" action="/users/brambleknot/block"');
    expect(await blocks(t.db, readerUser.id)).toEqual([]);

    const response = await reader.post('/users/brambleknot/block');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/users/brambleknot');
    expect(await blocks(t.db, readerUser.id)).toEqual([{ blocked_id: writer.id }]);
    const profile = mainOf(await reader.page('/users/brambleknot'));
    expect(profile).toContain('You have blocked brambleknot.');
    expect(profile).toContain('action="/users/brambleknot/unblock"');
    expect(profile).not.toContain('href="/users/brambleknot/block"');
    // The confirm page now says so and offers to undo it; a second POST adds nothing.
    expect(mainOf(await reader.page('/users/brambleknot/block'))).toContain('You have blocked brambleknot');
    await reader.post('/users/brambleknot/block');
    expect(mainOf(await reader.page('/users/brambleknot'))).toContain('You had already blocked brambleknot.');
    expect(await blocks(t.db, readerUser.id)).toHaveLength(1);

    const undo = await reader.post('/users/brambleknot/unblock', { return_to: '/users/ferngully/blocked' });
    expect(undo.status).toBe(303);
    expect(undo.headers.get('location')).toBe('/users/ferngully/blocked');
    expect(mainOf(await reader.page('/users/ferngully/blocked'))).toContain('You have unblocked brambleknot.');
    expect(await blocks(t.db, readerUser.id)).toEqual([]);
  });

  it('mutes and unmutes the same way, and never sends you elsewhere', async () => {
    expect(mainOf(await reader.page('/users/brambleknot/mute'))).toContain('<h1>Mute brambleknot?</h1>');
    const response = await reader.post('/users/brambleknot/mute', { return_to: '//elsewhere.example/' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(await mutes(t.db, readerUser.id)).toEqual([{ muted_id: writer.id }]);
    const profile = mainOf(await reader.page('/users/brambleknot'));
    expect(profile).toContain('action="/users/brambleknot/unmute"');
    expect(profile).toContain('You muted brambleknot: their works are left out of your listings.');
    expect(profile).toContain('href="/users/brambleknot/block"');
    await reader.post('/users/brambleknot/unmute');
    expect(mainOf(await reader.page('/users/brambleknot'))).toContain('You have unmuted brambleknot.');
    expect(await mutes(t.db, readerUser.id)).toEqual([]);
  });

  it('refuses blocking or muting yourself, and blocking staff (muting staff is fine)', async () => {
    const self = await reader.get('/users/ferngully/block');
    expect(self.status).toBe(403);
    expect(mainOf(await self.text())).toContain('You cannot block yourself.');
    const selfPost = await reader.post('/users/ferngully/mute');
    expect(selfPost.status).toBe(303);
    expect(mainOf(await reader.page('/users/ferngully'))).toContain('You cannot mute yourself.');
    expect(await mutes(t.db, readerUser.id)).toEqual([]);

    const staff = await reader.get('/users/keeperofgates/block');
    expect(staff.status).toBe(403);
    expect(mainOf(await staff.text())).toContain('they are one of the archive’s staff');
    await reader.post('/users/keeperofgates/block');
    expect(mainOf(await reader.page('/users/keeperofgates'))).toContain('You cannot block keeperofgates');
    expect(await blocks(t.db, readerUser.id)).toEqual([]);
    await reader.post('/users/keeperofgates/mute');
    expect(await mutes(t.db, readerUser.id)).toEqual([{ muted_id: moderator.id }]);
    await reader.post('/users/keeperofgates/unmute');
  });

  it('sends guests to log in and answers 404 for nobody', async () => {
    const guest = new Browser(makeTestApp(t.db));
    const gate = await guest.get('/users/brambleknot/block');
    expect(gate.status).toBe(303);
    expect(gate.headers.get('location')).toBe('/login?return_to=%2Fusers%2Fbrambleknot%2Fblock');
    const post = await guest.post('/users/brambleknot/mute');
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toMatch(/^\/login\?return_to=/);
    expect(await mutes(t.db, readerUser.id)).toEqual([]);
    expect((await reader.get('/users/nobody-here/block')).status).toBe(404);
  });

  it('stops at 2,000 blocks and 2,000 mutes with a clear message', async () => {
    const hoarder = await makeUser(t.db);
    const browser = new Browser(makeTestApp(t.db));
    await signIn(browser, t.db, hoarder);
    const others = await insertUsers(t.db, `crowd${process.pid}x`, MAX_BLOCKS);
    const created_at = new Date().toISOString();
    for (let start = 0; start < others.length; start += 500) {
      const slice = others.slice(start, start + 500);
      await t.db
        .insertInto('user_blocks')
        .values(slice.map((id) => ({ blocker_id: hoarder.id, blocked_id: id, created_at })))
        .execute();
      await t.db
        .insertInto('user_mutes')
        .values(slice.map((id) => ({ muter_id: hoarder.id, muted_id: id, created_at })))
        .execute();
    }
    expect(MAX_MUTES).toBe(2000);
    for (const kind of ['block', 'mute'] as const) {
      const response = await browser.post(`/users/brambleknot/${kind}`);
      expect(response.status).toBe(303);
      const done = kind === 'block' ? 'blocked' : 'muted';
      expect(mainOf(await browser.page('/users/brambleknot'))).toContain(
        `You have ${done} 2,000 people, the most you can.`,
      );
    }
    expect(await blocks(t.db, hoarder.id)).toHaveLength(2000);
    expect(await mutes(t.db, hoarder.id)).toHaveLength(2000);
    // Making room lets the next one in.
    await browser.post(`/users/${encodeURIComponent(`crowd${process.pid}x0`)}/unblock`);
    await browser.post('/users/brambleknot/block');
    expect((await blocks(t.db, hoarder.id)).map((r) => r.blocked_id)).toContain(writer.id);

    // The list pages through all of them, 50 at a time, newest first.
    const list = mainOf(await browser.page('/users/' + hoarder.username + '/muted'));
    expect(list).toContain('You have muted 2,000 of at most 2,000 people.');
    expect(list).toContain('Page 1 of 40');
    expect(list.match(/<li><a href="\/users\//g)).toHaveLength(50);
    const last = mainOf(await browser.page(`/users/${hoarder.username}/muted?page=40`));
    expect(last).toContain('Page 40 of 40');
    expect(last).toContain(
      '<input type="hidden" name="return_to" value="/users/' + hoarder.username + '/muted?page=40"',
    );
  });

  it('lists blocked and muted users to their owner alone, linked from Preferences', async () => {
    await reader.post('/users/brambleknot/block');
    await reader.post('/users/keeperofgates/mute');
    const preferences = mainOf(await reader.page('/preferences'));
    expect(preferences).toContain('<a href="/users/ferngully/blocked">Blocked users</a>');
    expect(preferences).toContain('<a href="/users/ferngully/muted">Muted users</a>');

    const blocked = mainOf(await reader.page('/users/ferngully/blocked'));
    expect(blocked).toContain('<h1>Blocked users</h1>');
    expect(blocked).toContain('<a href="/users/brambleknot">brambleknot</a>');
    expect(blocked).toContain('action="/users/brambleknot/unblock"');
    expect(blocked).not.toContain('keeperofgates');
    const muted = mainOf(await reader.page('/users/ferngully/muted'));
    expect(muted).toContain('<a href="/users/keeperofgates">keeperofgates</a>');
    expect(muted).not.toContain('brambleknot');

    const snoop = new Browser(makeTestApp(t.db));
    await signIn(snoop, t.db, writer);
    for (const list of ['blocked', 'muted']) {
      const response = await snoop.get(`/users/ferngully/${list}`);
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).not.toContain('keeperofgates');
      expect(html).not.toContain('/users/brambleknot/unblock');
    }
    const guest = await new Browser(makeTestApp(t.db)).get('/users/ferngully/blocked');
    expect(guest.status).toBe(303);
  });
});
