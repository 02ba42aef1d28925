/**
 * Who may do what with news posts: admins write them. Their comments are the comments module's
 * (src/comments/policy.ts), on the post's own work, whose creator is the post's author.
 */
import { can } from '../roles/policy.ts';
import type { Viewer } from '../web/context.ts';

export const canWriteNews = (viewer: Viewer | null) => can(viewer, 'manage-settings');
