/** The comments under the text of every reading page, after the kudos (a reading extra). */
import type { ReadingExtra } from '../works/reading-extras.ts';
import { loadWorkPageComments } from './section.ts';
import { WORK_PAGE_THREAD } from './threads.ts';
import { CommentSection } from './views.tsx';

/** A page number from the query: a positive whole number, else the first page. */
function pageOf(raw: string | undefined): number {
  return raw && /^[0-9]{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}

export const commentsExtra: ReadingExtra = {
  name: 'comments',
  place: 'after-text',
  async load({ db, viewer, access, work, chapterId, returnTo, query, site }) {
    // With guest comments off archive-wide, a guest meets the work as one only registered users may comment
    // on (comment-context.ts): no box, no Reply, and the "log in to comment" line.
    const loaded = await loadWorkPageComments(
      db,
      viewer,
      access,
      {
        chapterId: chapterId ?? undefined,
        page: pageOf(query('page')),
        basePath: chapterId ? returnTo : `/works/${work.id}`,
        longThread: WORK_PAGE_THREAD,
      },
      site,
    );
    if (!loaded) return null;
    return <CommentSection data={loaded} />;
  },
};
