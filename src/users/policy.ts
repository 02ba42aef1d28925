/**
 * What a viewer may do on a user's pages: `can(viewer, action, user)`, pure.
 * Today every one of these belongs to the account's owner; moderation and
 * account changes will add their own actions here rather than in routes.
 */
import type { Viewer } from '../web/context.ts';

export type UserAction =
  /** See their drafts listed on their page. */
  | 'see-drafts'
  /** Add pseuds and change them. */
  | 'manage-pseuds'
  /** See and take back the gifts they refused. */
  | 'see-refused-gifts'
  /** Answer co-creator invitations sent to them. */
  | 'answer-invitations';

export function can(viewer: Pick<Viewer, 'id'> | null, action: UserAction, user: { id: number }): boolean {
  switch (action) {
    case 'see-drafts':
    case 'manage-pseuds':
    case 'see-refused-gifts':
    case 'answer-invitations':
      return viewer?.id === user.id;
  }
}
