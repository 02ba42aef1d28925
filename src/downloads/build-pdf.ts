/**
 * The PDF download with pdfkit: DejaVu embedded (subset) for Latin,
 * Cyrillic and Greek, a CJK font for Han when the machine has one, the
 * preface on the first page, each chapter on a new page, the outline
 * (bookmarks) as table of contents and the work's metadata in the PDF info.
 * Between chapters it yields to the event loop, so a long work does not
 * stall other requests while it is laid out.
 */
import PDFDocument from 'pdfkit';
import {
  allTags,
  chapterHeading,
  chapterLabel,
  commentInvitationText,
  creatorsText,
  metaEntries,
  postedOnText,
  statsText,
  type DownloadableWork,
} from './downloadable-work.ts';
import { htmlToLine } from './html-text.ts';
import { htmlToPdfBlocks, type PdfAlign, type PdfRun } from './pdf-blocks.ts';
import { breakLongWords } from './pdf-long-words.ts';
import { CJK_TEXT, findPdfFonts, type PdfFontFiles } from './pdf-fonts.ts';

export interface PdfBuildOptions {
  /** Called after each chapter is laid out (the bench shows progress and samples memory here). */
  onChapter?: (done: number, total: number) => void;
  /** The fonts to embed; those found on this machine when absent (tests pass a set without a CJK font). */
  fonts?: PdfFontFiles | null;
}

const BODY_SIZE = 11;
const HEADING_SIZES = [0, 20, 16, 13.5, 12, 11.5, 11];
const MARGIN = 60;

type Face = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'heading' | 'mono' | 'cjk';

class PdfWriter {
  readonly doc: InstanceType<typeof PDFDocument>;
  private readonly cjkFont: PdfFontFiles['cjk'];
  private cjkRegistered = false;

  constructor(
    readonly work: DownloadableWork,
    fonts: PdfFontFiles | null,
  ) {
    const date = new Date(work.revisedAt);
    this.doc = new PDFDocument({
      size: 'A5',
      margins: { top: MARGIN, bottom: MARGIN, left: 50, right: 50 },
      lang: work.language.code,
      displayTitle: true,
      info: {
        Title: work.title,
        Author: creatorsText(work),
        Subject: htmlToLine(work.summaryHtml) || work.title,
        Keywords: [...new Set(allTags(work))].join(', '),
        Creator: work.archiveName,
        // Fixed dates keep the file identical for the same version of the work.
        CreationDate: Number.isNaN(date.getTime()) ? new Date(0) : date,
        ModDate: Number.isNaN(date.getTime()) ? new Date(0) : date,
      },
    });
    if (fonts) {
      this.doc.registerFont('regular', fonts.serif);
      this.doc.registerFont('bold', fonts.serifBold);
      this.doc.registerFont('italic', fonts.serifItalic);
      this.doc.registerFont('boldItalic', fonts.serifBoldItalic);
      this.doc.registerFont('heading', fonts.sansBold);
      this.doc.registerFont('mono', fonts.mono);
    } else {
      // No DejaVu on this machine: PDF's standard fonts keep the download working for Latin text.
      this.doc.registerFont('regular', 'Times-Roman');
      this.doc.registerFont('bold', 'Times-Bold');
      this.doc.registerFont('italic', 'Times-Italic');
      this.doc.registerFont('boldItalic', 'Times-BoldItalic');
      this.doc.registerFont('heading', 'Helvetica-Bold');
      this.doc.registerFont('mono', 'Courier');
    }
    this.cjkFont = fonts?.cjk;
  }

  private cjkFace(): Face | null {
    if (!this.cjkFont) return null;
    if (!this.cjkRegistered) {
      // Registered on first use: a CJK font is several megabytes, and most works never need it.
      this.doc.registerFont('cjk', this.cjkFont.file, this.cjkFont.postscriptName);
      this.cjkRegistered = true;
    }
    return 'cjk';
  }

  /** Draws runs as one flowing paragraph, switching fonts mid-line where the script needs it. */
  paragraph(
    runs: PdfRun[],
    options: { size?: number; indent?: number; align?: PdfAlign; face?: Face; gap?: number } = {},
  ) {
    const { doc } = this;
    const size = options.size ?? BODY_SIZE;
    const pieces: Array<{ text: string; face: Face; run: PdfRun }> = [];
    for (const run of runs) {
      const face: Face =
        options.face ??
        (run.mono
          ? 'mono'
          : run.bold && run.italic
            ? 'boldItalic'
            : run.bold
              ? 'bold'
              : run.italic
                ? 'italic'
                : 'regular');
      let last = 0;
      for (const match of run.text.matchAll(CJK_TEXT)) {
        const index = match.index ?? 0;
        if (index > last) pieces.push({ text: run.text.slice(last, index), face, run });
        pieces.push({ text: match[0], face: this.cjkFace() ?? face, run });
        last = index + match[0].length;
      }
      if (last < run.text.length) pieces.push({ text: run.text.slice(last), face, run });
    }
    // pdfkit drops a line break that ends a `continued` piece; carried to the start of the next one it holds.
    for (let i = 0; i < pieces.length - 1; i++) {
      const breaks = /\n+$/.exec(pieces[i].text)?.[0];
      if (!breaks) continue;
      pieces[i].text = pieces[i].text.slice(0, -breaks.length);
      pieces[i + 1].text = breaks + pieces[i + 1].text;
    }
    const drawn = pieces.filter((piece) => piece.text);
    if (!drawn.length) return;
    const left = doc.page.margins.left + (options.indent ?? 0);
    const width = doc.page.width - doc.page.margins.right - left;
    doc.x = left;
    drawn.forEach((piece, i) => {
      doc.font(piece.face).fontSize(size);
      doc.text(
        breakLongWords(piece.text, width, (text) => doc.widthOfString(text)),
        {
          continued: i < drawn.length - 1,
          width,
          align: options.align ?? 'left',
          underline: piece.run.underline,
          strike: piece.run.strike,
          link: piece.run.link ?? null,
          lineGap: 2,
        },
      );
    });
    doc.x = doc.page.margins.left;
    doc.moveDown(options.gap ?? 0.6);
  }

  line(text: string, options: { size?: number; face?: Face; align?: PdfAlign; link?: string; gap?: number } = {}) {
    this.paragraph([plainRun(text, options.link)], options);
  }

  heading(text: string, level: number) {
    this.line(text, { size: HEADING_SIZES[level] ?? BODY_SIZE, face: 'heading', gap: 0.4 });
  }

  rule() {
    const { doc } = this;
    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right;
    const quarter = (right - left) / 4;
    doc.moveDown(0.3);
    doc
      .lineWidth(0.5)
      .strokeColor('#888')
      .moveTo(left + quarter, doc.y)
      .lineTo(right - quarter, doc.y)
      .stroke();
    doc.moveDown(0.8);
  }

  html(html: string) {
    for (const block of htmlToPdfBlocks(html)) {
      if (block.kind === 'rule') this.rule();
      else if (block.heading)
        this.paragraph(block.runs, { size: HEADING_SIZES[block.heading], face: 'heading', indent: block.indent });
      else this.paragraph(block.runs, { indent: block.indent, align: block.align });
    }
  }

  notes(heading: string, html: string, level: number) {
    if (!html.trim()) return;
    this.heading(heading, level);
    this.html(html);
  }
}

function plainRun(text: string, link?: string): PdfRun {
  return { text, bold: false, italic: false, mono: false, underline: !!link, strike: false, link };
}

function preface(writer: PdfWriter, work: DownloadableWork) {
  writer.paragraph([{ ...plainRun(`${postedOnText(work)} `), italic: true }, plainRun(work.url, work.url)], {
    size: 9.5,
  });
  for (const entry of metaEntries(work)) {
    writer.paragraph([{ ...plainRun(`${entry.label}: `), bold: true }, plainRun(entry.values.join(', '))], {
      size: 9.5,
      gap: 0.2,
    });
  }
  writer.paragraph([{ ...plainRun('Stats: '), bold: true }, plainRun(statsText(work))], { size: 9.5, gap: 1.2 });
  writer.heading(work.title, 1);
  writer.line(`by ${creatorsText(work)}`, { size: 12.5, gap: 1 });
  writer.notes('Summary', work.summaryHtml, 3);
  writer.notes('Notes', work.notesHtml, 3);
}

export async function buildPdf(work: DownloadableWork, options: PdfBuildOptions = {}): Promise<Buffer> {
  const writer = new PdfWriter(work, options.fonts === undefined ? findPdfFonts() : options.fonts);
  const { doc } = writer;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.outline.addItem('Preface');
  preface(writer, work);
  for (let i = 0; i < work.chapters.length; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    const chapter = work.chapters[i];
    doc.addPage();
    doc.outline.addItem(chapterLabel(work, i));
    const heading = chapterHeading(work, i);
    if (heading) writer.heading(heading, 2);
    writer.notes('Chapter Summary', chapter.summaryHtml, 4);
    writer.notes('Chapter Notes', chapter.notesHtml, 4);
    writer.html(chapter.bodyHtml);
    writer.notes('Chapter End Notes', chapter.endNotesHtml, 4);
    options.onChapter?.(i + 1, work.chapters.length);
  }
  doc.addPage();
  doc.outline.addItem('Afterword');
  writer.notes('End Notes', work.endNotesHtml, 3);
  writer.paragraph([{ ...plainRun(`${commentInvitationText(work)} `), italic: true }, plainRun(work.url, work.url)]);
  doc.end();
  return finished;
}
