/**
 * What a download is built from: a plain snapshot of one posted work (no
 * database handles), and the preface every format shares — the "Posted on"
 * line, the meta block in its fixed order (docs/DOMAIN.md), chapter headings and the
 * closing invitation to comment. Builders only arrange these pieces.
 */
import type { WorkTagNames } from '../works/work-input.ts';

export interface DownloadableChapter {
  title: string;
  summaryHtml: string;
  notesHtml: string;
  endNotesHtml: string;
  /** Sanitized chapter HTML as stored. */
  bodyHtml: string;
  words: number;
}

export interface DownloadableWork extends WorkTagNames {
  id: number;
  /** Absolute address of the work page, where readers come back to comment. */
  url: string;
  archiveName: string;
  title: string;
  creators: string[];
  rating: string;
  language: { code: string; name: string };
  series: Array<{ title: string; position: number }>;
  publishedOn: string | null;
  updatedOn: string | null;
  completedOn: string | null;
  words: number;
  chaptersPosted: number;
  /** null: the expected total is unknown ("?"). */
  chaptersExpected: number | null;
  stats: { comments: number; kudos: number; bookmarks: number; hits: number };
  summaryHtml: string;
  notesHtml: string;
  endNotesHtml: string;
  chapters: DownloadableChapter[];
  /** When the work last changed (ISO time): the version a cached file belongs to, and EPUB's dcterms:modified. */
  revisedAt: string;
}

export interface MetaEntry {
  label: string;
  values: string[];
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** The tag part of the meta block, in its fixed order (docs/DOMAIN.md); empty fields are left out. */
export function metaEntries(work: DownloadableWork): MetaEntry[] {
  const entries: MetaEntry[] = [
    { label: 'Rating', values: [work.rating] },
    { label: plural(work.warnings.length, 'Archive Warning', 'Archive Warnings'), values: work.warnings },
    { label: plural(work.categories.length, 'Category', 'Categories'), values: work.categories },
    { label: plural(work.fandoms.length, 'Fandom', 'Fandoms'), values: work.fandoms },
    { label: plural(work.relationships.length, 'Relationship', 'Relationships'), values: work.relationships },
    { label: plural(work.characters.length, 'Character', 'Characters'), values: work.characters },
    { label: 'Additional Tags', values: work.freeforms },
    { label: 'Language', values: [work.language.name] },
    { label: 'Series', values: work.series.map((s) => `Part ${s.position} of ${s.title}`) },
  ];
  return entries.filter((entry) => entry.values.length > 0 && entry.values.some(Boolean));
}

export function chapterCountText(work: DownloadableWork): string {
  return `${work.chaptersPosted}/${work.chaptersExpected ?? '?'}`;
}

export function isComplete(work: DownloadableWork): boolean {
  return work.chaptersExpected !== null && work.chaptersPosted >= work.chaptersExpected;
}

/** The Stats line: Published, Updated or Completed (multi-chapter works), Words, Chapters, Comments, Kudos, Bookmarks, Hits. */
export function statsEntries(work: DownloadableWork): Array<{ label: string; value: string }> {
  const stats: Array<{ label: string; value: string }> = [];
  if (work.publishedOn) stats.push({ label: 'Published', value: work.publishedOn });
  const multiChapter = work.chaptersExpected !== 1 || work.chaptersPosted > 1;
  if (multiChapter && isComplete(work) && work.completedOn) stats.push({ label: 'Completed', value: work.completedOn });
  else if (multiChapter && work.updatedOn) stats.push({ label: 'Updated', value: work.updatedOn });
  const number = (n: number) => n.toLocaleString('en-US');
  stats.push(
    { label: 'Words', value: number(work.words) },
    { label: 'Chapters', value: chapterCountText(work) },
    { label: 'Comments', value: number(work.stats.comments) },
    { label: 'Kudos', value: number(work.stats.kudos) },
    { label: 'Bookmarks', value: number(work.stats.bookmarks) },
    { label: 'Hits', value: number(work.stats.hits) },
  );
  return stats;
}

export function statsText(work: DownloadableWork): string {
  return statsEntries(work)
    .map((s) => `${s.label}: ${s.value}`)
    .join(' ');
}

export function creatorsText(work: DownloadableWork): string {
  return work.creators.length ? work.creators.join(', ') : 'Anonymous';
}

/** The line that tells where the download came from; the URL goes after it (linked where the format can). */
export function postedOnText(work: DownloadableWork): string {
  return `Posted on ${work.archiveName} at`;
}

/** The closing line, inviting the reader back to the work page. */
export function commentInvitationText(work: DownloadableWork): string {
  const creator = work.creators.length > 1 ? 'creators' : 'creator';
  return `Please drop by ${work.archiveName} and comment to let the ${creator} know if you enjoyed their work:`;
}

/**
 * A chapter's heading: "Chapter 2: The Quay" in multi-chapter works, the
 * chapter's own title (or none) in a one-chapter work, as AO3 does.
 */
export function chapterHeading(work: DownloadableWork, index: number): string {
  const chapter = work.chapters[index];
  if (work.chapters.length === 1) return chapter.title;
  return chapter.title ? `Chapter ${index + 1}: ${chapter.title}` : `Chapter ${index + 1}`;
}

/** The label a table of contents shows for a chapter: never empty. */
export function chapterLabel(work: DownloadableWork, index: number): string {
  return chapterHeading(work, index) || work.title || `Chapter ${index + 1}`;
}

/** Every tag of the work, for subjects and keywords. */
export function allTags(work: DownloadableWork): string[] {
  return [
    work.rating,
    ...work.warnings,
    ...work.categories,
    ...work.fandoms,
    ...work.relationships,
    ...work.characters,
    ...work.freeforms,
  ].filter(Boolean);
}
