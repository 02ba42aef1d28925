/**
 * SQL of the downloads domain: the little a download needs before it knows
 * whether to build (title and version), the whole work as a
 * DownloadableWork (through the reading pages' loader, so a download shows
 * what the work page shows), and the download counter.
 */
import type { Db } from '../db/database.ts';
import { loadWorkForDisplay, type ChapterForDisplay, type CreatorRef } from '../works/display-queries.ts';
import { pseudReference } from '../works/pseud-names.ts';
import type { DownloadableWork } from './downloadable-work.ts';
import { GUEST_AUDIENCE } from '../visibility/index.ts';

export interface DownloadHead {
  title: string;
  revisedAt: string;
  /** When the work was last re-indexed: also after a tag on it was renamed, which the file prints. */
  indexedAt: string | null;
}

export async function findDownloadHead(db: Db, workId: number): Promise<DownloadHead | undefined> {
  const row = await db
    .selectFrom('works')
    .leftJoin('work_search', 'work_search.work_id', 'works.id')
    .select(['works.title', 'works.revised_at', 'work_search.indexed_at'])
    .where('works.id', '=', workId)
    .executeTakeFirst();
  return row && { title: row.title, revisedAt: row.revised_at, indexedAt: row.indexed_at ?? null };
}

/** One more download in the work's stats; a single UPDATE, so concurrent downloads all count. */
export async function countDownload(db: Db, workId: number): Promise<void> {
  await db
    .updateTable('works')
    .set((eb) => ({ downloads_count: eb('downloads_count', '+', 1) }))
    .where('id', '=', workId)
    .execute();
}

/** A creator as the work page names them: the pseud, with the username when it differs. */
function creatorName(creator: CreatorRef): string {
  return creator.username ? pseudReference(creator.name, creator.username) : creator.name;
}

export interface ArchiveFacts {
  baseUrl: string;
  archiveName: string;
}

/**
 * The posted work as a download shows it, or undefined when there is no such work. Its chapters are the
 * posted ones, unless `pickChapters` (a series download asking src/visibility's `readableChapters`) says.
 */
export async function loadDownloadableWork(
  db: Db,
  workId: number,
  archive: ArchiveFacts,
  pickChapters: (chapters: ChapterForDisplay[]) => ChapterForDisplay[] = (all) => all.filter((ch) => ch.isPosted),
): Promise<DownloadableWork | undefined> {
  const work = await loadWorkForDisplay(db, workId, GUEST_AUDIENCE);
  if (!work) return undefined;
  const names = (field: keyof typeof work.tags) => work.tags[field].map((tag) => tag.name);
  const chapters = pickChapters(work.chapters);
  return {
    id: work.id,
    url: `${archive.baseUrl}/works/${work.id}`,
    archiveName: archive.archiveName,
    title: work.title,
    // An anonymous work names no one, in a download as on its page.
    creators: work.isAnonymous ? [] : work.creators.map(creatorName),
    rating: work.rating,
    warnings: names('warning'),
    categories: names('category'),
    fandoms: names('fandom'),
    relationships: names('relationship'),
    characters: names('character'),
    freeforms: names('freeform'),
    language: work.language,
    series: (work.isAnonymous ? [] : work.series).map((s) => ({ title: s.title, position: s.position })),
    publishedOn: work.publishedOn,
    updatedOn: work.updatedOn,
    completedOn: work.completedOn,
    words: work.wordCount,
    chaptersPosted: chapters.length,
    chaptersExpected: work.expectedChapters,
    stats: {
      comments: work.stats.comments,
      kudos: work.stats.kudos,
      bookmarks: work.stats.bookmarks,
      hits: work.stats.hits,
    },
    summaryHtml: work.summary,
    notesHtml: work.notes,
    endNotesHtml: work.endNotes,
    chapters: chapters.map((chapter) => ({
      title: chapter.title,
      summaryHtml: chapter.summary,
      notesHtml: chapter.notes,
      endNotesHtml: chapter.endNotes,
      bodyHtml: chapter.body,
      words: chapter.wordCount,
    })),
    revisedAt: work.revisedAt,
  };
}
