/**
 * The comment policy's edges, as a pure function: frozen, hidden, held and
 * deleted comments, a guest's reply to someone who refuses guest replies,
 * and works the viewer may not read.
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../web/context.ts';
import { can, holdsNewComment, type CommentFacts, type CommentWork } from './policy.ts';

const viewer = (id: number, roles: Partial<Viewer> = {}): Viewer => ({
  id,
  username: `u${id}`,
  isAdmin: false,
  isWrangler: false,
  isModerator: false,
  skipAdultNotice: false,
  hideWarnings: false,
  hideFreeform: false,
  sessionId: 's',
  ...roles,
});

const work = (overrides: Partial<CommentWork> = {}): CommentWork => ({
  id: 1,
  status: 'posted',
  isRestricted: false,
  isHidden: false,
  states: [],
  creatorUserIds: [1],
  commentPermission: 'everyone',
  moderatedComments: false,
  ...overrides,
});

const comment = (overrides: Partial<CommentFacts> = {}): CommentFacts => ({
  user_id: 2,
  state: 'published',
  is_hidden: 0,
  is_frozen: 0,
  deleted_at: null,
  ...overrides,
});

const creator = viewer(1);
const author = viewer(2);
const reader = viewer(3);
const moderator = viewer(4, { isModerator: true });

describe('the comment policy', () => {
  it.each([
    ['a frozen comment', comment({ is_frozen: 1 })],
    ['a hidden comment', comment({ is_hidden: 1 })],
    ['a held comment', comment({ state: 'held' })],
    ['a deleted comment', comment({ deleted_at: '2024-01-01' })],
    ['a comment whose author blocked the viewer', comment({ authorBlocksViewer: true })],
  ])('takes no replies under %s', (_, target) => {
    expect(can(reader, 'reply', { work: work(), comment: target })).toBe(false);
    expect(can(reader, 'reply', { work: work(), comment: comment() })).toBe(true);
  });

  it('takes no guest reply when the author refuses them, but a member’s', () => {
    const target = comment({ authorRefusesGuests: true });
    expect(can(null, 'reply', { work: work(), comment: target })).toBe(false);
    expect(can(reader, 'reply', { work: work(), comment: { ...target, authorRefusesGuests: false } })).toBe(true);
  });

  it('shows held and hidden comments to their author, the creators and moderators only', () => {
    for (const target of [comment({ state: 'held' }), comment({ is_hidden: 1 })]) {
      const sees = (v: Viewer | null) => can(v, 'see', { work: work(), comment: target });
      expect([sees(author), sees(creator), sees(moderator), sees(reader), sees(null)]).toEqual([
        true,
        true,
        true,
        false,
        false,
      ]);
    }
  });

  it('approves only held comments, and only for creators and moderators', () => {
    expect(can(creator, 'approve', { work: work(), comment: comment({ state: 'held' }) })).toBe(true);
    expect(can(moderator, 'approve', { work: work(), comment: comment({ state: 'held' }) })).toBe(true);
    expect(can(creator, 'approve', { work: work(), comment: comment() })).toBe(false);
    expect(can(author, 'approve', { work: work(), comment: comment({ state: 'held' }) })).toBe(false);
  });

  it('allows nothing on a work the viewer may not read', () => {
    const draft = work({ status: 'draft', states: ['draft'] });
    for (const action of ['post', 'reply', 'see', 'edit', 'delete'] as const) {
      expect(can(author, action, { work: draft, comment: comment() }), action).toBe(false);
    }
    expect(can(creator, 'see', { work: draft, comment: comment() })).toBe(true);
  });

  it('holds new comments on a moderated work, except the creators’', () => {
    expect(holdsNewComment(reader, work({ moderatedComments: true }))).toBe(true);
    expect(holdsNewComment(creator, work({ moderatedComments: true }))).toBe(false);
    expect(holdsNewComment(reader, work())).toBe(false);
  });
});
