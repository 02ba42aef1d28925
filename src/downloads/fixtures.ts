/**
 * Sample works for the download tests: original short text written for
 * them, with notes everywhere, Russian, Greek and Chinese passages, an
 * image, and the untidy HTML writers paste (obsolete tags, block elements
 * inside inline ones, stray list text) that EPUB must still validate with.
 */
import type { DownloadableChapter, DownloadableWork } from './downloadable-work.ts';

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
