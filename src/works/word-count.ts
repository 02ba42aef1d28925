/**
 * Word count as docs/DOMAIN.md defines it: words separated by spaces, except in
 * scripts written without spaces (Han, Hiragana, Katakana, Thai), where each
 * character counts as one word.
 */
import { textOfHtml } from '../html/visible-text.ts';

const PER_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;
const WORD = /[\p{L}\p{N}]/u;

export function countWords(text: string): number {
  const perCharacter = text.match(PER_CHARACTER)?.length ?? 0;
  const rest = text.replace(PER_CHARACTER, ' ');
  let words = 0;
  for (const token of rest.split(/[\s\u00a0]+/)) {
    if (WORD.test(token)) words += 1;
  }
  return perCharacter + words;
}

export function countWordsInHtml(html: string): number {
  return countWords(textOfHtml(html));
}
