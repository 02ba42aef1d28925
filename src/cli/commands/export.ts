/**
 * `quire export WORK_ID --format txt [--out FILE]`: writes a work in the
 * plain-text export format (the one `quire import` reads) to stdout or a file.
 */
import fs from 'node:fs/promises';
import { EXPORT_FORMATS, exportWork, type ExportFormat } from '../../transfer/export-work.ts';
import { openConfiguredDatabase, parseCommandArgs, UsageError, type Command } from '../command.ts';

const HELP = `Usage: quire export WORK_ID [--format txt] [--out FILE]

Writes the work with id WORK_ID (the number in /works/WORK_ID) in the
plain-text export format: "Title:", "Author:", "Rating:"… header lines, then
Summary:, Notes: and Work text: with "Chapter N: Title" lines. \`quire import\`
reads it back. A posted work's posted chapters are exported; a draft's all.

Options:
  --format txt   the file format (txt is the one there is; the default).
  --out FILE     write to FILE instead of standard output.

Exit status: 0 written, 1 no such work or the file cannot be written, 2 wrong usage.`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a work in the plain-text export format',
  help: HELP,
  async run(args) {
    const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'txt' }, out: { type: 'string' } },
    });
    const [id, ...extra] = parsed.positionals;
    if (!id || extra.length) throw new UsageError('name exactly one WORK_ID');
    if (!/^\d+$/.test(id)) throw new UsageError(`WORK_ID is a number, like the 42 in /works/42; got "${id}"`);
    const format = parsed.values.format;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}"; formats: ${EXPORT_FORMATS.join(', ')}`);
    }

    const db = await openConfiguredDatabase();
    let text: string | undefined;
    try {
      text = await exportWork(db, Number(id), format as ExportFormat);
    } finally {
      await db.destroy();
    }
    if (text === undefined) {
      console.error(`quire export: there is no work ${id}`);
      return 1;
    }
    if (!parsed.values.out) {
      process.stdout.write(text);
      return 0;
    }
    try {
      await fs.writeFile(parsed.values.out, text, 'utf8');
    } catch (error) {
      console.error(`quire export: cannot write ${parsed.values.out}: ${(error as Error).message}`);
      return 1;
    }
    console.error(`Wrote work ${id} to ${parsed.values.out}`);
    return 0;
  },
};
