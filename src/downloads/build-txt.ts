/**
 * The TXT download: the "Posted on" line, then the plain-text export format
 * (docs/DOMAIN.md) as the transfer module writes it (so the importer reads a
 * download back), then end notes and the invitation to comment. The export
 * format has no place for chapter summaries and notes, so they go into the
 * chapter's text as labelled paragraphs rather than being lost. Importing
 * the download gives the work back: the importer recognises the "Posted on"
 * line and the afterword (transfer/download-afterword.ts) and leaves them out.
 */
import { formatPlainTextWork, textLines } from '../transfer/format-plain-text.ts';
import { commentInvitationText, postedOnText, type DownloadableWork } from './downloadable-work.ts';
import { escapeXml } from './html-tokens.ts';
import { htmlToXhtml } from './xhtml.ts';

function labelled(label: string, html: string): string {
  return html.trim() ? `<p>${escapeXml(label)}:</p>\n${htmlToXhtml(html)}\n` : '';
}

export function buildTxt(work: DownloadableWork): string {
  const text = formatPlainTextWork({
    id: work.id,
    title: work.title,
    status: 'posted',
    rating: work.rating,
    languageName: work.language.name,
    creators: work.creators.length ? work.creators : ['Anonymous'],
    warnings: work.warnings,
    categories: work.categories,
    fandoms: work.fandoms,
    relationships: work.relationships,
    characters: work.characters,
    freeforms: work.freeforms,
    series: work.series,
    expectedChapters: work.chaptersExpected,
    publishedOn: work.publishedOn,
    updatedOn: work.updatedOn,
    // Tidied first: every element closed, entities decoded, images as their alt text.
    summary: htmlToXhtml(work.summaryHtml),
    notes: htmlToXhtml(work.notesHtml),
    chapters: work.chapters.map((chapter) => ({
      title: chapter.title,
      wordCount: chapter.words,
      body: [
        labelled('Chapter Summary', chapter.summaryHtml),
        labelled('Chapter Notes', chapter.notesHtml),
        htmlToXhtml(chapter.bodyHtml),
        labelled('Chapter End Notes', chapter.endNotesHtml),
      ].join('\n'),
    })),
  });
  // Written as the export writes text (escaped where a line looks like structure), so the importer reads them back.
  const endNotes = textLines(htmlToXhtml(work.endNotesHtml));
  return [
    `${postedOnText(work)} ${work.url}`,
    '',
    text.trimEnd(),
    '',
    ...(endNotes ? ['End Notes:', '', endNotes, ''] : []),
    `${commentInvitationText(work)} ${work.url}`,
    '',
  ].join('\n');
}
