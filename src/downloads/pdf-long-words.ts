/**
 * Breaks words wider than a line before pdfkit lays them out. pdfkit's line
 * wrapper splits an over-long word by measuring the whole rest of the word
 * again for every line it fills, so its cost grows with the square of the
 * word's length: one 20,000-character word took 22 s and a 100,000-character
 * one minutes and gigabytes (issue 14). Here each such word is cut, by its
 * measured width, into pieces that fit a line, joined by line breaks, so
 * pdfkit only ever sees words that fit and its work stays linear.
 */

/** Words shorter than this cannot be wider than a line at the sizes the PDF uses, so they are not measured. */
const SHORTEST_MEASURED = 24;
const LONG_WORD = new RegExp(`\\S{${SHORTEST_MEASURED},}`, 'g');

/** Kerning and rounding can make a piece a little wider than the sum of its characters' widths. */
const SAFETY = 0.97;

/**
 * `text` with every word wider than `lineWidth` (as `widthOf` measures it in
 * the current font and size) broken into line-wide pieces.
 */
export function breakLongWords(text: string, lineWidth: number, widthOf: (text: string) => number): string {
  if (text.length < SHORTEST_MEASURED) return text;
  const widths = new Map<string, number>();
  const charWidth = (char: string) => {
    let width = widths.get(char);
    if (width === undefined) widths.set(char, (width = widthOf(char)));
    return width;
  };
  const room = lineWidth * SAFETY;
  return text.replace(LONG_WORD, (word) => {
    // A word of 400 characters is wider than any line the PDF draws, so only shorter ones need measuring whole.
    if (word.length <= 400 && widthOf(word) <= room) return word;
    const pieces: string[] = [];
    let piece = '';
    let width = 0;
    // By code point, so a character outside the BMP is never cut in half.
    for (const char of word) {
      const w = charWidth(char);
      if (piece && width + w > room) {
        pieces.push(piece);
        piece = '';
        width = 0;
      }
      piece += char;
      width += w;
    }
    if (piece) pieces.push(piece);
    return pieces.join('\n');
  });
}
