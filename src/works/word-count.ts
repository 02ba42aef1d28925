/**
 * Word count as docs/DOMAIN.md defines it: words separated by spaces, except in
 * scripts written without spaces (Han, Hiragana, Katakana, Thai), where each
 * character counts as one word.
 */
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

/** Visible text of sanitized chapter HTML, for counting and search. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/h[1-6]|\/li|\/blockquote|\/tr|hr)[^>]*>/gi, ' \n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? ' ',
    );
}

export function countWordsInHtml(html: string): number {
  return countWords(textOfHtml(html));
}
