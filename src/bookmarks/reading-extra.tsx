/** The Bookmark button under a work's details (a reading extra): "Bookmark", or "Edit bookmark" once made. */
import type { ReadingExtra } from '../works/reading-extras.ts';
import { can } from './policy.ts';
import { findOwnBookmark } from './queries.ts';

export const bookmarkExtra: ReadingExtra = {
  name: 'bookmarks',
  place: 'actions',
  async load({ db, viewer, access, work }) {
    if (!can(viewer, 'see-work-bookmarks', access)) return null;
    const own = viewer ? await findOwnBookmark(db, viewer.id, { kind: 'work', id: work.id }) : undefined;
    return (
      <p class="bookmark-actions">
        {!viewer ? null : own ? (
          <a class="button" href={`/bookmarks/${own.id}/edit`}>
            Edit bookmark
          </a>
        ) : (
          <a class="button" href={`/works/${work.id}/bookmarks/new`}>
            Bookmark
          </a>
        )}{' '}
        <a href={`/works/${work.id}/bookmarks`}>Bookmarks</a>
      </p>
    );
  },
};
