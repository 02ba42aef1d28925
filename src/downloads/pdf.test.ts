import { describe, expect, it } from 'vitest';
import { buildPdf } from './build-pdf.ts';
import { multiChapterSample, sampleWork } from './fixtures.ts';
import { findPdfFonts } from './pdf-fonts.ts';

/** Page objects in the file (pdfkit writes each page's dictionary uncompressed). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

/** A value of the document's info dictionary (pdfkit writes each as its own object: `/Title 12 0 R`). */
function infoValue(pdf: string, key: string): string | undefined {
  const info = /\/Producer[\s\S]*?>>/.exec(pdf)?.[0] ?? pdf;
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(info)?.[1];
  if (!ref) return undefined;
  return new RegExp(`\\n${ref} 0 obj\\s*\\(([^)]*)\\)`).exec(pdf)?.[1];
}

const baseFonts = (pdf: string) => new Set([...pdf.matchAll(/\/BaseFont \/[A-Z]{6}\+([^\s/]+)/g)].map((m) => m[1]));

describe('PDF download', () => {
  it('is a PDF with the preface page, a page per chapter and the afterword', async () => {
    const work = multiChapterSample();
    const pdf = await buildPdf(work);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(work.chapters.length + 2);
  });

  it('starts each chapter on a new page, however short', async () => {
    const short = multiChapterSample();
    short.chapters = short.chapters.map((chapter) => ({
      ...chapter,
      bodyHtml: '<p>One line.</p>',
      notesHtml: '',
      summaryHtml: '',
      endNotesHtml: '',
    }));
    const pdf = await buildPdf(short);
    expect(pageCount(pdf)).toBe(short.chapters.length + 2);
  });

  it('carries title, creators, summary and tags in its info, and an outline', async () => {
    const pdf = (await buildPdf(sampleWork())).toString('latin1');
    expect(infoValue(pdf, 'Title')).toBe('The Lantern Keeper');
    expect(infoValue(pdf, 'Author')).toBe('saltwater');
    expect(infoValue(pdf, 'Subject')).toBe('SUMMARY-MARK: a keeper, a harbour, a long night.');
    expect(infoValue(pdf, 'Keywords')).toBe(
      'General Audiences, No Archive Warnings Apply, Gen, Original Work, Lantern Keeper, Lighthouses, Quiet evenings',
    );
    expect(pdf).toContain('/Outlines');
    expect(pdf).toContain('/Title (Preface)');
    expect(pdf).toContain('/Title (Afterword)');
  });

  it('embeds DejaVu for Latin, Cyrillic and Greek', async () => {
    expect(findPdfFonts(), 'DejaVu fonts (fonts-dejavu-core) are needed for PDFs').not.toBeNull();
    const pdf = (await buildPdf(multiChapterSample())).toString('latin1');
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
  });

  it('draws Han text with a CJK font when there is one, and still builds without one', async () => {
    const fonts = findPdfFonts()!;
    const without = await buildPdf(multiChapterSample(), { fonts: { ...fonts, cjk: undefined } });
    expect(without.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(without)).toBeGreaterThanOrEqual(5);
    expect([...baseFonts(without.toString('latin1'))].every((name) => name.startsWith('DejaVu'))).toBe(true);
    if (fonts.cjk) {
      const withCjk = baseFonts((await buildPdf(multiChapterSample())).toString('latin1'));
      expect([...withCjk].filter((name) => !name.startsWith('DejaVu'))).toHaveLength(1);
    } else {
      console.log('  No CJK font installed (e.g. fonts-wqy-microhei): Han text is drawn with DejaVu.');
    }
  });

  it('reports progress chapter by chapter', async () => {
    const seen: string[] = [];
    await buildPdf(multiChapterSample(), { onChapter: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
  });
});
