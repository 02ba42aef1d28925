import { describe, expect, it } from 'vitest';
import { downloadFileName, downloadPath, transliterate } from './file-names.ts';

describe('download file names', () => {
  it('keeps a plain ASCII title, spaces as underscores', () => {
    expect(downloadFileName('The Lantern Keeper', 1)).toBe('The_Lantern_Keeper');
  });

  it('strips accents and spells out letters without a decomposition', () => {
    expect(downloadFileName('Café Crème', 1)).toBe('Cafe_Creme');
    expect(downloadFileName('Straße', 1)).toBe('Strasse');
    expect(downloadFileName('Łódź Ørsted', 1)).toBe('Lodz_Orsted');
    expect(transliterate('Ærø đi')).toBe('AEro di');
  });

  it('transliterates Cyrillic and Greek', () => {
    expect(downloadFileName('Война и мир', 1)).toBe('Voyna_i_mir');
    expect(downloadFileName('Щука', 1)).toBe('Shchuka');
    expect(downloadFileName('Οδύσσεια', 1)).toBe('Odysseia');
  });

  it('cuts long titles at a word boundary, at most 24 characters', () => {
    const name = downloadFileName('A Very Long Title About Lighthouses and the Sea', 1);
    expect(name).toBe('A_Very_Long_Title_About');
    expect(name.length).toBeLessThanOrEqual(24);
    expect(downloadFileName('Supercalifragilisticexpialidocious', 1)).toBe('Supercalifragilisticexpi');
  });

  it('drops punctuation and symbols', () => {
    expect(downloadFileName('"Hello," she said: <a/b> & more!', 1)).toBe('Hello_she_said_a_b_more');
  });

  it('falls back to Work_<id> when fewer than 3 characters survive', () => {
    expect(downloadFileName('', 7)).toBe('Work_7');
    expect(downloadFileName('!!! ??? ***', 8)).toBe('Work_8');
    expect(downloadFileName('灯塔', 9)).toBe('Work_9');
    expect(downloadFileName('Ab', 10)).toBe('Work_10');
  });

  it('builds the download address from the id and the name', () => {
    expect(downloadPath(5, 'Маяк', 'epub')).toBe('/downloads/5/Mayak.epub');
  });
});
