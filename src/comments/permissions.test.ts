/**
 * The permission matrix, table-driven through the real forms: a guest, a
 * registered reader, the creator, a co-creator, a user the creator blocked
 * and a moderator, on works whose comment permission is everyone, registered
 * or none, moderated or not — posting, replying, editing, deleting,
 * freezing and hiding, each checked by the answer and the rows.
 */
import { expect, it } from 'vitest';
import { Browser, makeTestApp } from '../../test/support/app.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signIn } from '../../test/support/factories.ts';
import type { User } from '../accounts/accounts.table.ts';
import type { Db } from '../db/database.ts';
import {
  addCoCreator,
  commentRows,
  insertCommentRow,
  makeCommentableWork,
  makeMember,
  makeModerator,
} from './comments.test-helper.ts';

const ACTORS = ['guest', 'registered', 'creator', 'co-creator', 'blocked', 'moderator'] as const;
type Actor = (typeof ACTORS)[number];
const PERMISSIONS = ['everyone', 'registered', 'none'] as const;
type Permission = (typeof PERMISSIONS)[number];

const mayPost = (actor: Actor, permission: Permission) =>
  actor !== 'blocked' && permission !== 'none' && (permission === 'everyone' || actor !== 'guest');
const isCreatorActor = (actor: Actor) => actor === 'creator' || actor === 'co-creator';
const looksAfter = (actor: Actor) => isCreatorActor(actor) || actor === 'moderator';

interface Scene {
  workId: number;
  commenter: User;
  browser: Browser;
  user: User | null;
}

let address = 0;

async function scene(db: Db, actor: Actor, permission: Permission, moderated: boolean): Promise<Scene> {
  const creator = await makeMember(db);
  const workId = await makeCommentableWork(db, creator, {
    commentPermission: permission,
    moderatedComments: moderated,
  });
  const coCreator = await makeMember(db);
  await addCoCreator(db, workId, coCreator);
  const commenter = await makeMember(db);
  let user: User | null = null;
  if (actor === 'registered') user = await makeMember(db);
  if (actor === 'creator') user = creator;
  if (actor === 'co-creator') user = coCreator;
  if (actor === 'moderator') user = await makeModerator(db);
  if (actor === 'blocked') {
    user = await makeMember(db);
    await db
      .insertInto('user_blocks')
      .values({ blocker_id: creator.id, blocked_id: user.id, created_at: new Date().toISOString() })
      .execute();
  }
  const browser = new Browser(makeTestApp(db));
  if (user) await signIn(browser, db, user);
  return { workId, commenter, browser, user };
}

/** Did the form do it (303 back), or refuse (403, or the log-in page for a guest)? */
function outcome(response: Response): 'done' | 'refused' {
  if (response.status === 403) return 'refused';
  if (response.status === 303 && response.headers.get('location')?.startsWith('/login')) return 'refused';
  if (response.status === 303) return 'done';
  throw new Error(`unexpected status ${response.status}`);
}

const post = (s: Scene, path: string, values: Record<string, string>) =>
  s.browser.post(
    path,
    { body: 'A matrix note.', ...(s.user ? {} : { guest_name: 'Wren', guest_email: 'wren@example.test' }), ...values },
    { 'x-forwarded-for': `198.51.100.${++address % 250}` },
  );

forEachDatabase('comment permission matrix', (t) => {
  for (const permission of PERMISSIONS) {
    for (const moderated of [false, true]) {
      for (const actor of ACTORS) {
        it(`${actor} on a work open to ${permission}${moderated ? ', moderated' : ''}`, async () => {
          const s = await scene(t.db, actor, permission, moderated);
          const before = (await commentRows(t.db, s.workId)).length;

          // Posting on the work.
          const posted = outcome(await post(s, `/works/${s.workId}/comments`, {}));
          expect(posted).toBe(mayPost(actor, permission) ? 'done' : 'refused');
          const rows = await commentRows(t.db, s.workId);
          expect(rows.length).toBe(before + (posted === 'done' ? 1 : 0));
          if (posted === 'done') {
            const held = moderated && !isCreatorActor(actor);
            expect(rows.at(-1)).toMatchObject({
              state: held ? 'held' : 'published',
              hold_reason: held ? 'moderated' : null,
            });
          }

          // Replying to someone else's published comment.
          const parentId = await insertCommentRow(t.db, { workId: s.workId, user: s.commenter });
          const replied = outcome(await post(s, `/comments/${parentId}/reply`, {}));
          expect(replied).toBe(mayPost(actor, permission) ? 'done' : 'refused');
          const replies = (await commentRows(t.db, s.workId)).filter((r) => r.parent_id === parentId);
          expect(replies).toHaveLength(replied === 'done' ? 1 : 0);

          // Editing: only one's own comment.
          const othersId = await insertCommentRow(t.db, {
            workId: s.workId,
            user: s.commenter,
            body: '<p>Theirs.</p>',
          });
          expect(outcome(await post(s, `/comments/${othersId}/edit`, { body: 'Changed.' }))).toBe('refused');
          if (s.user) {
            const ownId = await insertCommentRow(t.db, { workId: s.workId, user: s.user });
            expect(outcome(await post(s, `/comments/${ownId}/edit`, { body: 'Changed.' }))).toBe('done');
          }
          const others = (await commentRows(t.db, s.workId)).find((r) => r.id === othersId)!;
          expect(others.body).toBe('<p>Theirs.</p>');

          // Freezing, hiding and deleting someone else's comment: the work's creators and moderators.
          const expected = looksAfter(actor) ? 'done' : 'refused';
          expect(outcome(await post(s, `/comments/${othersId}/freeze`, {}))).toBe(expected);
          expect(outcome(await post(s, `/comments/${othersId}/hide`, {}))).toBe(expected);
          const changed = (await commentRows(t.db, s.workId)).find((r) => r.id === othersId)!;
          expect([changed.is_frozen, changed.is_hidden]).toEqual(looksAfter(actor) ? [1, 1] : [0, 0]);
          expect(outcome(await post(s, `/comments/${othersId}/delete`, {}))).toBe(expected);
          const gone = !(await commentRows(t.db, s.workId)).some((r) => r.id === othersId);
          expect(gone).toBe(looksAfter(actor));
        });
      }
    }
  }
});
