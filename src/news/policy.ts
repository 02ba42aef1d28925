/** Who may do what with news posts: admins write them; members comment; a comment goes by its author or an admin. */
import { can } from '../roles/policy.ts';
import type { Viewer } from '../web/context.ts';

export const canWriteNews = (viewer: Viewer | null) => can(viewer, 'manage-settings');
export const canCommentOnNews = (viewer: Viewer | null) => !!viewer;
export const canDeleteNewsComment = (viewer: Viewer | null, comment: { user_id: number }) =>
  !!viewer && (viewer.id === comment.user_id || viewer.isAdmin);
