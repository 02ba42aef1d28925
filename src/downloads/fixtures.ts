/**
 * Sample works for the download tests: original short text written for
 * them, with notes everywhere, Russian, Greek and Chinese passages, an
 * image, and the untidy HTML writers paste (obsolete tags, block elements
 * inside inline ones, stray list text) that EPUB must still validate with,
 * and every element and attribute a chapter may hold.
 */
import { sanitizeBody } from '../html/body.ts';
import { attributesAllowedOn, CHAPTER_ELEMENTS } from '../html/html-vocabulary.ts';
import type { DownloadableChapter, DownloadableWork } from './downloadable-work.ts';
import { VOID_ELEMENTS } from './html-tokens.ts';
import { PARENTS } from './xhtml-rules.ts';

export function sampleChapter(overrides: Partial<DownloadableChapter> = {}): DownloadableChapter {
  return {
    title: '',
    summaryHtml: '',
    notesHtml: '',
    endNotesHtml: '',
    bodyHtml: '<p>The lantern keeper counted the boats home, one by one, until the harbour was quiet.</p>',
    words: 15,
    ...overrides,
  };
}

export function sampleWork(overrides: Partial<DownloadableWork> = {}): DownloadableWork {
  return {
    id: 42,
    url: 'http://localhost:3000/works/42',
    archiveName: 'Quire',
    title: 'The Lantern Keeper',
    creators: ['saltwater'],
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['Gen'],
    fandoms: ['Original Work'],
    relationships: [],
    characters: ['Lantern Keeper'],
    freeforms: ['Lighthouses', 'Quiet evenings'],
    language: { code: 'en', name: 'English' },
    series: [],
    publishedOn: '2024-03-01',
    updatedOn: '2024-03-01',
    completedOn: '2024-03-01',
    words: 15,
    chaptersPosted: 1,
    chaptersExpected: 1,
    stats: { comments: 2, kudos: 10, bookmarks: 1, hits: 120 },
    summaryHtml: '<p>SUMMARY-MARK: a keeper, a harbour, a long night.</p>',
    notesHtml: '<p>NOTES-MARK: written for a rainy afternoon.</p>',
    endNotesHtml: '<p>END-NOTES-MARK: thank you for reading.</p>',
    chapters: [sampleChapter({ bodyHtml: '<p>CHAPTER-ONE-MARK The lantern keeper counted the boats home.</p>' })],
    revisedAt: '2024-03-01T10:00:00.000Z',
    ...overrides,
  };
}

const RUSSIAN = '<p>Смотритель маяка считал лодки, пока гавань не затихла. «Ещё одна», — сказал он.</p>';
const GREEK = '<p>Ο φύλακας του φάρου μετρούσε τις βάρκες ώσπου το λιμάνι ησύχασε.</p>';
const CHINESE = '<p>守灯人数着归来的小船，直到港口安静下来。海风很轻。</p>';

/** Three chapters with titles and notes, three scripts, an image, and messy HTML. */
export function multiChapterSample(): DownloadableWork {
  return sampleWork({
    id: 43,
    url: 'http://localhost:3000/works/43',
    title: 'Маяк & the Φάρος: 灯塔',
    creators: ['saltwater', 'Ветер (northwind)'],
    relationships: ['Keeper & Ferryman'],
    language: { code: 'ru', name: 'Русский' },
    series: [{ title: 'Harbour Lights', position: 2 }],
    chaptersPosted: 3,
    chaptersExpected: null,
    chapters: [
      sampleChapter({
        title: 'Смотритель',
        summaryHtml: '<p>The keeper&nbsp;wakes.</p>',
        notesHtml: '<p>Chapter notes with a <a href="https://example.org/map">map link</a>.</p>',
        bodyHtml: `<p>CHAPTER-ONE-MARK</p>${RUSSIAN}<p>A drawing of the light: <img src="https://example.org/lighthouse.png" alt="the lighthouse at dusk" width="300"></p><hr><p>Next&hellip; &amp; then <br>a new line.</p>`,
        endNotesHtml: '<p>Chapter end note.</p>',
      }),
      sampleChapter({
        title: 'Ο φάρος',
        bodyHtml: `${GREEK}<center>* * *</center><p align="right">Signed, the keeper</p><em><p>An italic paragraph inside em.</p></em><ul>stray list text<li>first</li><p>para in list</p></ul><table><td>cell without row</td></table><p><strike>old</strike> <big>big</big> <font>plain</font></p><img src="http://insecure.example.org/x.png">`,
      }),
      sampleChapter({
        title: '灯塔',
        notesHtml: '<p>最后一章的注释。</p>',
        bodyHtml: `${CHINESE}<blockquote><p>Quoted harbour song.</p></blockquote><ol><li>one<li>two</ol><p>Unclosed <em>emphasis<p>and a second paragraph.`,
      }),
    ],
  });
}

/** Fragments of untidy HTML (misnested, orphaned, obsolete, unsafe): each must still make valid XHTML. */
export const UNTIDY_HTML = [
  '<p>a<table><tr><td>x</td></tr></table>b</p>',
  '<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">x</td></tr></tbody></table>',
  '<ul><li>a<ul><li>b</li></ul></li></ul>',
  '<dl><dt>t</dt><dd>d</dd>text</dl>',
  '<a href="https://x.test"><p>block in link</p></a>',
  '<a href="javascript:alert(1)">bad</a>',
  '<a href="https://x.test/a b">space url</a>',
  '<h1><p>p in h1</p></h1>',
  '<blockquote>text directly</blockquote>',
  '<pre>  code\n  more</pre>',
  '<p>&nbsp;&copy;&unknown; &#0; &#x1F600; &#55296; </p>',
  '<span lang="fr">bonjour</span><p dir="rtl">עברית</p>',
  '<tr><td>orphan row</td></tr>',
  '<li>orphan li</li>',
  '<td>orphan td</td>',
  '<caption>orphan caption</caption>',
  '<img src="data:image/png;base64,xx" alt="d">',
  '<ruby>漢<rt>kan</rt></ruby>',
  '<p><div>div in p</div></p>',
  '<em><ul><li>list in em</li></ul></em>',
  '<table><tr><td><p>para in cell</p></td></tr></table>',
  '<ol><li>one</li>text after<li>two</li></ol>',
  '<p>unclosed <strong>bold <em>both</p> after',
  '<center><p>centered para</p></center>',
  '<hr><hr/><br></br>',
  '<abbr title="x">X</abbr> <q>q</q> H<sub>2</sub>O x<sup>2</sup>',
  '<div align="justify">j</div>',
  '<table><tbody>text in tbody</tbody></table>',
  '<table><li>li in table</li></table>',
  '<a name="anchor">no href</a>',
  '<a href="https://x.test"><img src="https://x.test/i.png" alt="in link"></a>',
  '<a href="https://x.test">outer <a href="https://y.test">inner</a></a>',
  '<td rowspan="0">zero</td>',
  '<table><tr><td>x</td></tr><caption>late</caption></table>',
  '<p>control \u0001 chars \u000b here</p>',
  '<ul></ul><ol></ol><table></table><dl></dl>',
  '<h2>heading<h3>nested heading</h3></h2>',
  '<p>a < b & c > d "quoted" \'single\'</p>',
  '<script>alert(1)</script><style>p{}</style>after script',
  '<svg><circle/></svg>after svg',
  '<input type="text"><select><option>o</option></select>',
  '<thead><tr><th>orphan thead</th></tr></thead>',
  '<table><thead><tr><th>h</th></tr></thead><tr><td>row after thead</td></tr></table>',
  '<dl><dd>dd first</dd><p>p in dl</p></dl>',
  '<li><p>p in orphan li</p></li>',
  '<p>x</p></div></span></em>stray closes',
  '<blockquote><blockquote>deep</blockquote></blockquote>',
  '<pre><p>p in pre</p></pre>',
  '<small><big>nested</big></small><tt>mono</tt><font color="red">f</font><strike>s</strike>',
  '<ins><p>block in ins</p></ins><del><div>block in del</div></del>',
  '<table><tr><th>h</th><td>d</td></tr><tr><tr><td>double tr</td></tr></table>',
  '<mark>m</mark><kbd>k</kbd><samp>s</samp><var>v</var><cite>c</cite><code>c</code>',
];

/** A work with one chapter per untidy fragment, for epubcheck. */
export function untidyHtmlSample(): DownloadableWork {
  return sampleWork({
    id: 44,
    url: 'http://localhost:3000/works/44',
    summaryHtml: '<p>A summary with <em>unclosed emphasis</p>',
    notesHtml: '<li>a note written as a list item</li>',
    chapters: UNTIDY_HTML.map((bodyHtml, i) => sampleChapter({ title: `Fragment ${i + 1}`, bodyHtml })),
    chaptersPosted: UNTIDY_HTML.length,
    chaptersExpected: UNTIDY_HTML.length,
  });
}

/** A valid value for each attribute of the chapter vocabulary, for samples that use them all. */
export const SAMPLE_ATTRIBUTE_VALUES: Record<string, string> = {
  dir: 'rtl',
  lang: 'fr',
  align: 'center',
  href: 'https://example.org/page',
  title: 'a title',
  rel: 'author',
  src: 'https://example.org/gull.png',
  alt: 'a gull',
  width: '40',
  height: '30',
  colspan: '2',
  rowspan: '2',
};

/**
 * One element of the chapter vocabulary with every attribute it may carry,
 * inside the parents it belongs in (a `td` in a row in a table), its text
 * naming it so a test can find what became of it.
 */
export function allowedElementSample(name: string): string {
  const attributes = attributesAllowedOn(name)
    .map((attribute) => ` ${attribute}="${SAMPLE_ATTRIBUTE_VALUES[attribute] ?? attribute}"`)
    .join('');
  let html = VOID_ELEMENTS.has(name) ? `<${name}${attributes}>` : `<${name}${attributes}>${name} text</${name}>`;
  for (let parent = [...(PARENTS[name] ?? [])][0]; parent; parent = [...(PARENTS[parent] ?? [])][0]) {
    html = `<${parent}>${html}</${parent}>`;
  }
  return html;
}

/** A work whose one chapter holds every element a chapter may hold, each with all its attributes, as stored. */
export function everyAllowedElementSample(): DownloadableWork {
  return sampleWork({
    id: 45,
    url: 'http://localhost:3000/works/45',
    chapters: [sampleChapter({ bodyHtml: sanitizeBody(CHAPTER_ELEMENTS.map(allowedElementSample).join('\n')) })],
  });
}
