/**
 * The work page's Download menu: a link per format this server offers
 * (MOBI and AZW3 only where Calibre is installed). A <details> element, so
 * it opens without JavaScript and stays out of the way when closed.
 */
import { availableFormats, FORMAT_LABELS } from './formats.ts';
import { downloadPath } from './file-names.ts';

export function DownloadLinks({ work }: { work: { id: number; title: string } }) {
  return (
    <details class="download-links">
      <summary>Download</summary>
      <ul>
        {availableFormats().map((format) => (
          <li>
            <a href={downloadPath(work.id, work.title, format)} download>
              {FORMAT_LABELS[format]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
