import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildEpub, workUuid } from './build-epub.ts';
import { epubcheckCommand, runEpubcheck } from './epubcheck.test-helper.ts';
import { everyAllowedElementSample, multiChapterSample, sampleWork, untidyHtmlSample } from './fixtures.ts';

function files(epub: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(epub)).map(([name, data]) => [name, strFromU8(data)]));
}

describe('EPUB download', () => {
  it('starts with the mimetype file, stored uncompressed', () => {
    const epub = Buffer.from(buildEpub(sampleWork()));
    expect(epub.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(epub.readUInt16LE(8)).toBe(0); // compression method: stored
    const nameLength = epub.readUInt16LE(26);
    const extraLength = epub.readUInt16LE(28);
    expect(epub.subarray(30, 30 + nameLength).toString('latin1')).toBe('mimetype');
    expect(extraLength).toBe(0);
    expect(epub.subarray(30 + nameLength, 30 + nameLength + 20).toString('latin1')).toBe('application/epub+zip');
  });

  it('describes the work in the package: title, creators, language, subjects, summary, series, identifier', () => {
    const work = multiChapterSample();
    const opf = files(buildEpub(work))['OEBPS/content.opf'];
    expect(opf).toContain('<dc:title>Маяк &amp; the Φάρος: 灯塔</dc:title>');
    expect(opf.match(/<dc:creator /g)).toHaveLength(2);
    expect(opf).toContain('>Ветер (northwind)</dc:creator>');
    expect(opf).toContain('<dc:language>ru</dc:language>');
    expect(opf).toContain('<dc:subject>Keeper &amp; Ferryman</dc:subject>');
    expect(opf).toContain('<dc:subject>Lighthouses</dc:subject>');
    expect(opf).toContain('<dc:description>SUMMARY-MARK: a keeper, a harbour, a long night.</dc:description>');
    expect(opf).toContain('<meta property="belongs-to-collection" id="series-1">Harbour Lights</meta>');
    expect(opf).toContain('<meta refines="#series-1" property="group-position">2</meta>');
    expect(opf).toContain('<meta property="dcterms:modified">2024-03-01T10:00:00Z</meta>');
    expect(opf).toContain(`urn:uuid:${workUuid(work.url)}`);
  });

  it('keeps the identifier per work and the bytes per version', () => {
    expect(workUuid('http://a.test/works/1')).toBe(workUuid('http://a.test/works/1'));
    expect(workUuid('http://a.test/works/1')).not.toBe(workUuid('http://a.test/works/2'));
    expect(workUuid('http://a.test/works/1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(Buffer.from(buildEpub(multiChapterSample())).equals(Buffer.from(buildEpub(multiChapterSample())))).toBe(
      true,
    );
  });

  it('has a table of contents in nav.xhtml and toc.ncx, one page per chapter in order', () => {
    const contents = files(buildEpub(multiChapterSample()));
    const nav = contents['OEBPS/nav.xhtml'];
    const labels = [...nav.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual([
      ['preface.xhtml', 'Preface'],
      ['chapter-001.xhtml', 'Chapter 1: Смотритель'],
      ['chapter-002.xhtml', 'Chapter 2: Ο φάρος'],
      ['chapter-003.xhtml', 'Chapter 3: 灯塔'],
      ['afterword.xhtml', 'Afterword'],
    ]);
    expect(contents['OEBPS/toc.ncx'].match(/<navPoint /g)).toHaveLength(5);
    expect(contents['OEBPS/chapter-001.xhtml']).toContain(
      'Chapter notes with a <a href="https://example.org/map">map link</a>.',
    );
  });

  it('never embeds or fetches images: each becomes a link to its address', () => {
    const contents = files(buildEpub(multiChapterSample()));
    const pages = Object.entries(contents).filter(([name]) => name.endsWith('.xhtml'));
    for (const [, xhtml] of pages) expect(xhtml).not.toMatch(/<img\b/);
    expect(Object.keys(contents).filter((name) => /\.(png|jpe?g|gif|webp)$/.test(name))).toEqual([]);
    expect(contents['OEBPS/chapter-001.xhtml']).toContain(
      '<a class="image-link" href="https://example.org/lighthouse.png">[Image: the lighthouse at dusk]</a>',
    );
  });

  const epubcheck = epubcheckCommand();
  if (epubcheck) {
    it.each([
      ['a one-chapter work with notes', sampleWork()],
      [
        'a multi-chapter work with notes, Russian, Greek and Chinese text, an image and untidy HTML',
        multiChapterSample(),
      ],
      ['a work of misnested, orphaned, obsolete and unsafe HTML fragments', untidyHtmlSample()],
      ['a chapter holding every element and attribute a chapter may hold', everyAllowedElementSample()],
    ])(
      'passes epubcheck with no errors or warnings: %s',
      async (_, work) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-epubcheck-'));
        const file = path.join(dir, 'work.epub');
        try {
          fs.writeFileSync(file, buildEpub(work));
          const { clean, report } = await runEpubcheck(file);
          expect(clean, report).toBe(true);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
      120_000,
    );
  } else if (process.env.CI) {
    it('has epubcheck installed in CI', () => {
      throw new Error('epubcheck is not installed: CI must run the EPUB validation (apt-get install -y epubcheck).');
    });
  } else {
    console.log('\n  epubcheck is not installed: EPUB validation skipped (apt-get install -y epubcheck to run it).\n');
  }
});
