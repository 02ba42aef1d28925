/**
 * Exports one work in a file format; today the plain-text format, which the
 * importer reads back. The downloads issue adds the reader formats (HTML,
 * EPUB, PDF) elsewhere; this is the archive-to-archive path.
 */
import type { Db } from '../db/database.ts';
import { formatPlainTextWork } from './format-plain-text.ts';
import { findWorkForExport } from './queries.ts';

export const EXPORT_FORMATS = ['txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The exported file's text, or undefined when there is no such work. */
export async function exportWork(db: Db, workId: number, format: ExportFormat = 'txt'): Promise<string | undefined> {
  const work = await findWorkForExport(db, workId);
  if (!work) return undefined;
  switch (format) {
    case 'txt':
      return formatPlainTextWork(work);
  }
}
