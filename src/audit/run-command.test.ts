/** The command runner: a command and its audit entry commit together, or neither does. */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { makeUser, makeWork } from '../../test/support/factories.ts';
import { listAuditEntriesFor, listRecentAuditEntries } from './queries.ts';
import { runCommand } from './run-command.ts';

forEachDatabase('running audited commands', (t) => {
  const titleOf = async (id: number) =>
    (await t.db.selectFrom('works').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title;

  it('logs a command that changed something, in its transaction', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { title: 'Old Name' });
    const result = await runCommand(
      t.db,
      { actor: { userId: user.id, name: user.username }, action: 'work.rename', target: { type: 'work', id: workId } },
      async (trx) => {
        await trx.updateTable('works').set({ title: 'New Name' }).where('id', '=', workId).execute();
        return { before: { title: 'Old Name' }, after: { title: 'New Name' }, result: 'renamed' };
      },
    );
    expect(result).toBe('renamed');
    const [entry] = await listAuditEntriesFor(t.db, 'work', workId);
    expect(entry).toMatchObject({ action: 'work.rename', actor_user_id: user.id, reason: null });
    expect([JSON.parse(entry.before!), JSON.parse(entry.after!)]).toEqual([
      { title: 'Old Name' },
      { title: 'New Name' },
    ]);
    expect((await listRecentAuditEntries(t.db, 1, 'work.rename'))[0].id).toBe(entry.id);
  });

  it('logs nothing, and changes nothing, when the command throws', async () => {
    const user = await makeUser(t.db);
    const workId = await makeWork(t.db, user, { title: 'Unchanged' });
    await expect(
      runCommand(
        t.db,
        { actor: { userId: null, name: 'command line' }, action: 'work.rename', target: { type: 'work', id: workId } },
        async (trx) => {
          await trx.updateTable('works').set({ title: 'Half Done' }).where('id', '=', workId).execute();
          throw new Error('refused');
        },
      ),
    ).rejects.toThrow('refused');
    expect(await titleOf(workId)).toBe('Unchanged');
    expect(await listAuditEntriesFor(t.db, 'work', workId)).toEqual([]);
  });
});
