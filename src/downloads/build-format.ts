/**
 * The builders by format: the bytes of a work in each format we make
 * ourselves (Calibre makes MOBI and AZW3 from the EPUB). Runs inside the
 * download worker (`build-worker.ts`), never on the request thread.
 */
import { buildEpub } from './build-epub.ts';
import { buildHtml } from './build-html.ts';
import { buildTxt } from './build-txt.ts';
import type { DownloadableWork } from './downloadable-work.ts';
import type { DownloadFormat } from './formats.ts';

/** The formats we build ourselves. */
export type BuiltFormat = Exclude<DownloadFormat, 'mobi' | 'azw3'>;

/** The bytes of `work` in a format we build ourselves. */
export async function buildFormat(work: DownloadableWork, format: BuiltFormat): Promise<Uint8Array | string> {
  switch (format) {
    case 'html':
      return buildHtml(work);
    case 'epub':
      return buildEpub(work);
    case 'pdf': {
      // PDFKit and its fonts' code are the heaviest module we have: loaded when a PDF is first asked for.
      const { buildPdf } = await import('./build-pdf.ts');
      return buildPdf(work);
    }
    case 'txt':
      return buildTxt(work);
  }
}
