/**
 * Search in scripts written without spaces between words, on both
 * databases: a single Han, kana or Hangul character finds the works whose
 * text holds it, several characters are a phrase that must stand together,
 * Thai words are found inside running text, and snippets mark the match.
 * The sentences are written for these tests.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/support/databases.ts';
import { chapter, makeUser, makeWork } from '../../test/support/factories.ts';
import { makeSnippet, searchTokens } from '../indexing/text.ts';
import { findWorks } from './find-works.ts';
import { parseFilters } from './form.ts';

forEachDatabase('searching Chinese, Japanese, Korean and Thai', (t) => {
  let rain: number;
  let harbour: number;
  let lighthouse: number;
  let lamp: number;

  async function search(q: string): Promise<number[]> {
    const { filters } = parseFilters(new URLSearchParams({ q, sort: 'posted', order: 'asc' }));
    const found = await findWorks(t.db, filters, { includeRestricted: true });
    return [...found.workIds].sort((a, b) => a - b);
  }

  it('finds one character, a phrase of several and a word inside unspaced text, in titles and chapters', async () => {
    const user = await makeUser(t.db);
    rain = await makeWork(t.db, user, {
      title: '雨夜',
      chapters: [chapter('<p>夜里下着雨，灯塔还亮着。</p>')],
    });
    harbour = await makeWork(t.db, user, {
      title: '港の灯台',
      summary: '<p>灯台の明かりが夜の海を照らす。</p>',
      chapters: [chapter('<p>船はまだ帰らない。</p>')],
    });
    lighthouse = await makeWork(t.db, user, {
      title: '등대지기',
      chapters: [chapter('<p>등대는 밤새 빛났다.</p>')],
    });
    lamp = await makeWork(t.db, user, {
      title: 'คืนฝนตก',
      chapters: [chapter('<p>แสงจากตะเกียงส่องทางในคืนฝนตก</p>')],
    });

    expect(await search('雨')).toEqual([rain]);
    expect(await search('灯')).toEqual([rain, harbour]);
    expect(await search('夜')).toEqual([rain, harbour]);
    expect(await search('灯塔')).toEqual([rain]); // 灯 and 塔 side by side, not 灯 here and 塔 there
    expect(await search('"灯塔还亮"')).toEqual([rain]);
    expect(await search('塔灯')).toEqual([]);
    expect(await search('灯台')).toEqual([harbour]);
    expect(await search('明かり')).toEqual([harbour]);
    expect(await search('title:灯台')).toEqual([harbour]);
    expect(await search('灯 -雨')).toEqual([harbour]);
    expect(await search('등대')).toEqual([lighthouse]); // inside 등대는, the particle attached
    expect(await search('빛났다')).toEqual([lighthouse]);
    expect(await search('ตะเกียง')).toEqual([lamp]);
    expect(await search('ทาง')).toEqual([lamp]);
    expect(await search('ตะเกียงทาง')).toEqual([]);
  });

  it('marks the matched characters in a snippet and keeps Latin words whole beside them', () => {
    expect(makeSnippet('夜里下着雨，灯塔还亮着。', [searchTokens('灯塔')])).toEqual([
      { text: '夜里下着雨，', isMatch: false },
      { text: '灯塔', isMatch: true },
      { text: '还亮着', isMatch: false },
    ]);
    expect(searchTokens('Café灯塔')).toEqual(['cafe', '灯', '塔']);
    expect(searchTokens('ガラス')).toEqual(['ガ', 'ラ', 'ス']); // voicing kept: ガ is not カ
  });
});
