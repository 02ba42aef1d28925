/**
 * Who may do what with bookmarks, pure: `can(viewer, action, resource)`.
 * A logged-in reader bookmarks a work the archive's listings show them (no
 * drafts, no hidden works); a bookmark is edited, deleted and (when private)
 * seen only by its owner; a bookmark list is changed by its owner and, when
 * private, seen only by them.
 */
import type { Viewer } from '../web/context.ts';
import { can as canAsRole } from '../roles/policy.ts';
import {
  isStaff,
  isListedWithStates,
  listingAudience,
  whyCannotReadWork,
  type WorkAccess,
} from '../visibility/index.ts';

/** Who sees bookmarks a moderator hid, besides their owners (shownBookmarks in queries.ts). */
export function seesHiddenBookmarks(viewer: Viewer | null): boolean {
  return isStaff(viewer) || viewer?.isSupport === true;
}

/** The listing filter for this viewer. */
export const bookmarkWatcher = (viewer: Viewer | null) => ({
  viewerId: viewer?.id ?? null,
  seesHidden: seesHiddenBookmarks(viewer),
});

export type BookmarkAction =
  'see-work-bookmarks' | 'bookmark-work' | 'change-bookmark' | 'see-private-bookmarks' | 'see-list' | 'change-list';

export function can(viewer: Viewer | null, action: 'see-work-bookmarks' | 'bookmark-work', access: WorkAccess): boolean;
export function can(viewer: Viewer | null, action: 'change-bookmark', bookmark: { user_id: number }): boolean;
export function can(viewer: Viewer | null, action: 'see-private-bookmarks', user: { id: number }): boolean;
export function can(
  viewer: Viewer | null,
  action: 'see-list' | 'change-list',
  list: { user_id: number; is_private: number },
): boolean;
export function can(viewer: Viewer | null, action: BookmarkAction, resource: unknown): boolean {
  switch (action) {
    case 'see-work-bookmarks': {
      // Only a work its readers' listings show: a draft, hidden or deleted work has no public bookmarks page.
      const access = resource as WorkAccess;
      return !whyCannotReadWork(viewer, access) && isListedWithStates(listingAudience(viewer), access.states);
    }
    case 'bookmark-work':
      return canAsRole(viewer, 'contribute') && can(viewer, 'see-work-bookmarks', resource as WorkAccess);
    case 'change-bookmark':
      return viewer?.id === (resource as { user_id: number }).user_id;
    case 'see-private-bookmarks':
      return viewer?.id === (resource as { id: number }).id;
    case 'see-list': {
      // A private list is its owner's alone; a public one shows each reader only what they may see of it.
      const list = resource as { user_id: number; is_private: number };
      return !list.is_private || viewer?.id === list.user_id;
    }
    case 'change-list':
      return viewer?.id === (resource as { user_id: number }).user_id;
  }
}
