/**
 * What the anonymity leak test reads out of an answer: every blurb, feed
 * entry or JSON object that is about one work (so a listing that rightly
 * names the creator beside another of their works is judged per work), and
 * the text inside a download, whatever its format.
 */
import { strFromU8, unzipSync } from 'fflate';
import { inflateSync } from 'node:zlib';

/** The parts of an HTML, Atom or JSON answer that are about the work `workId`. */
export function partsAbout(body: string, workId: number): string[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parts: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (record.id === workId && ('title' in record || 'creators' in record)) parts.push(JSON.stringify(record));
        else Object.values(record).forEach(walk);
      }
    };
    walk(JSON.parse(body));
    return parts;
  }
  const parts: string[] = [];
  // Atom and OPDS: one entry each.
  for (const entry of body.matchAll(/<entry\b[\s\S]*?<\/entry>/g))
    if (entry[0].includes(`/works/${workId}`)) parts.push(entry[0]);
  // HTML blurbs: from a work's blurb to the next blurb or the end of the list.
  const starts = [...body.matchAll(/<li class="blurb[^"]*"/g)].map((m) => m.index);
  for (let i = 0; i < starts.length; i++) {
    const end = Math.min(starts[i + 1] ?? body.length, ...[body.indexOf('</ol>', starts[i])].filter((n) => n > 0));
    const blurb = body.slice(starts[i], end);
    if (blurb.includes(`/works/${workId}"`) || blurb.includes(`id="work-${workId}"`)) parts.push(blurb);
  }
  return parts;
}

/** The text of a download: every file of an EPUB, a PDF's strings and streams, or the file as it is. */
export function downloadText(bytes: Uint8Array, format: string): string {
  if (format === 'epub') {
    return Object.values(unzipSync(bytes))
      .map((data) => strFromU8(data))
      .join('\n');
  }
  const raw = Buffer.from(bytes).toString('latin1');
  if (format !== 'pdf') return Buffer.from(bytes).toString('utf8') + raw;
  const inflated = [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  });
  return [raw, ...inflated].join('\n');
}
