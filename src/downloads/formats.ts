/**
 * The download formats: their order on the work page, MIME types, and
 * which of them this server can make (MOBI and AZW3 need Calibre).
 */
import { ebookConvertPath } from './calibre.ts';

export const DOWNLOAD_FORMATS = ['epub', 'pdf', 'html', 'txt', 'mobi', 'azw3'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** Formats Calibre makes from our EPUB. */
export const CALIBRE_FORMATS: readonly DownloadFormat[] = ['mobi', 'azw3'];

export const MIME_TYPES: Record<DownloadFormat, string> = {
  epub: 'application/epub+zip',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  mobi: 'application/x-mobipocket-ebook',
  azw3: 'application/vnd.amazon.ebook',
};

export const FORMAT_LABELS: Record<DownloadFormat, string> = {
  epub: 'EPUB',
  pdf: 'PDF',
  html: 'HTML',
  txt: 'TXT',
  mobi: 'MOBI',
  azw3: 'AZW3',
};

export function isDownloadFormat(value: string): value is DownloadFormat {
  return (DOWNLOAD_FORMATS as readonly string[]).includes(value);
}

/** The formats this server offers: all of them when Calibre is installed, else those we build ourselves. */
export function availableFormats(): DownloadFormat[] {
  const hasCalibre = ebookConvertPath() !== null;
  return DOWNLOAD_FORMATS.filter((format) => hasCalibre || !CALIBRE_FORMATS.includes(format));
}
