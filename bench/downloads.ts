/**
 * bench/downloads: how long our builders take on a long work, and how much
 * memory the PDF needs — beside Calibre's HTML→EPUB on the same work (the
 * way AO3 builds its downloads) when `ebook-convert` is installed.
 *
 *   npx tsx bench/downloads.ts --words 100000 --chapters 30 --runs 5
 *
 * Targets: our EPUB at least 20× faster than Calibre's, and the
 * PDF under 200 MB peak memory. Peak memory is measured in a fresh child
 * process so the EPUB runs and the bench's own work do not count.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildEpub } from '../src/downloads/build-epub.ts';
import { buildHtml } from '../src/downloads/build-html.ts';
import { buildPdf } from '../src/downloads/build-pdf.ts';
import { buildTxt } from '../src/downloads/build-txt.ts';
import { convertWithCalibre, ebookConvertPath } from '../src/downloads/calibre.ts';
import { findPdfFonts } from '../src/downloads/pdf-fonts.ts';
import { syntheticWork } from './support/synthetic-work.ts';

const { values: args } = parseArgs({
  options: {
    words: { type: 'string', default: '100000' },
    chapters: { type: 'string', default: '30' },
    runs: { type: 'string', default: '5' },
    'calibre-runs': { type: 'string', default: '3' },
    'pdf-memory-child': { type: 'boolean', default: false },
  },
});
const words = Number(args.words);
const chapters = Number(args.chapters);
const runs = Math.max(1, Number(args.runs));
const calibreRuns = Math.max(1, Number(args['calibre-runs']));
const MB = 1024 * 1024;

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (times: number[]) => percentile(times, 50);
const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;
const progress = (text: string) => process.stderr.write(`\r\x1b[K${text}`);

async function time(label: string, count: number, run: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    progress(`${label}: run ${i + 1}/${count}…`);
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  progress('');
  console.log(
    `${label.padEnd(28)} median ${ms(median(times)).padStart(9)}   p95 ${ms(percentile(times, 95)).padStart(9)}   (${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );
  return times;
}

/** Child mode: build the PDF once in a fresh process and report peak memory as JSON. */
async function pdfMemoryChild(): Promise<void> {
  const work = syntheticWork({ words, chapters });
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  const pdf = await buildPdf(work, {
    onChapter: () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)),
  });
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ baselineRss: before.rss, peakRss: maxRss, peakHeap, bytes: pdf.length }));
}

async function main(): Promise<void> {
  const work = syntheticWork({ words, chapters });
  const html = buildHtml(work);
  console.log(
    `bench/downloads — ${work.words.toLocaleString('en-US')} words in ${work.chapters.length} chapters (${(html.length / MB).toFixed(2)} MB of HTML), ${runs} runs`,
  );
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`);
  const fonts = findPdfFonts();
  console.log(
    `PDF fonts: ${fonts ? path.basename(fonts.serif) : 'none (standard PDF fonts)'}${fonts?.cjk ? ` + ${path.basename(fonts.cjk.file)}` : ''}\n`,
  );

  buildEpub(work); // warm-up: module and JIT start-up are not what we measure
  const epub = await time('EPUB (fflate)', runs, () => buildEpub(work));
  console.log(`  ${(buildEpub(work).length / MB).toFixed(2)} MB`);
  await time('HTML', runs, () => buildHtml(work));
  await time('TXT', runs, () => buildTxt(work));
  const pdf = await time('PDF (pdfkit)', runs, (i) =>
    buildPdf(work, {
      onChapter: (done, total) => progress(`PDF (pdfkit): run ${i + 1}/${runs}, chapter ${done}/${total}`),
    }),
  );

  progress('PDF peak memory: building once in a fresh process…');
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1], '--pdf-memory-child', `--words=${words}`, `--chapters=${chapters}`],
    {
      encoding: 'utf8',
    },
  );
  progress('');
  let pdfPeakRss: number | undefined;
  if (child.status === 0) {
    const memory = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      baselineRss: number;
      peakRss: number;
      peakHeap: number;
      bytes: number;
    };
    pdfPeakRss = memory.peakRss;
    console.log(
      `PDF memory                   peak RSS ${(memory.peakRss / MB).toFixed(0)} MB (process at start ${(memory.baselineRss / MB).toFixed(0)} MB), peak heap ${(memory.peakHeap / MB).toFixed(0)} MB, file ${(memory.bytes / MB).toFixed(2)} MB`,
    );
  } else {
    console.log(`PDF memory: the child process failed:\n${child.stderr}`);
  }

  const calibre = ebookConvertPath();
  let calibreMedian: number | undefined;
  if (calibre) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));
    try {
      const input = path.join(dir, 'work.html');
      fs.writeFileSync(input, html);
      const times = await time('Calibre HTML→EPUB', calibreRuns, (i) =>
        convertWithCalibre(input, path.join(dir, `calibre-${i}.epub`)),
      );
      calibreMedian = median(times);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log(
      'Calibre HTML→EPUB            skipped: ebook-convert is not installed (apt-get install calibre to compare)',
    );
  }

  console.log('\nTargets');
  if (calibreMedian !== undefined) {
    const ratio = calibreMedian / median(epub);
    console.log(
      `  EPUB vs Calibre: ${ratio.toFixed(0)}× faster (${ms(median(epub))} vs ${ms(calibreMedian)}) — target ≥ 20×: ${ratio >= 20 ? 'met' : 'MISSED'}`,
    );
  }
  if (pdfPeakRss !== undefined) {
    console.log(
      `  PDF peak memory: ${(pdfPeakRss / MB).toFixed(0)} MB — target < 200 MB: ${pdfPeakRss < 200 * MB ? 'met' : 'MISSED'}`,
    );
  }
  console.log(`  PDF build: median ${ms(median(pdf))}`);
}

if (args['pdf-memory-child']) await pdfMemoryChild();
else await main();
