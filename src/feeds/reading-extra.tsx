/** A work's reading pages link its chapters feed in their <head>, when it has one (a reading extra). */
import type { ReadingExtra } from '../works/reading-extras.ts';
import { chaptersFeedPath, FeedLink, hasChaptersFeed } from './routes.tsx';

export const chaptersFeedExtra: ReadingExtra = {
  name: 'chapters feed',
  place: 'head',
  async load({ access, work }) {
    // Feeds hold only what a guest may read.
    if (!hasChaptersFeed(access)) return null;
    return <FeedLink href={chaptersFeedPath(work.id)} title={`New chapters of ${work.title}`} />;
  },
};
