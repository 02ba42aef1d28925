/**
 * Finds the TrueType fonts the PDF download embeds: DejaVu (Debian's
 * fonts-dejavu-core) for Latin, Cyrillic and Greek, and — when one is
 * installed — a CJK font for Han, Kana and Hangul, which DejaVu lacks.
 * Without a CJK font those characters are drawn with DejaVu (as empty
 * boxes) rather than failing the download. Looked up once per process.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface PdfFontFiles {
  serif: string;
  serifBold: string;
  serifItalic: string;
  serifBoldItalic: string;
  sansBold: string;
  mono: string;
  /** A font for Han, Kana and Hangul; `postscriptName` picks one face out of a .ttc collection. */
  cjk?: { file: string; postscriptName?: string };
}

const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];

const CJK_CANDIDATES: Array<{ file: string; postscriptName?: string }> = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/arphic/uming.ttc', postscriptName: 'UMingCN' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

let cached: PdfFontFiles | null | undefined;

/** The fonts found on this machine, or null when DejaVu Serif is missing (install fonts-dejavu-core). */
export function findPdfFonts(): PdfFontFiles | null {
  if (cached !== undefined) return cached;
  const dirs = [process.env.QUIRE_PDF_FONT_DIR, ...DEJAVU_DIRS].filter((d): d is string => !!d);
  const find = (...names: string[]) => {
    for (const name of names) {
      for (const dir of dirs) {
        const file = path.join(dir, name);
        if (fs.existsSync(file)) return file;
      }
    }
    return undefined;
  };
  const serif = find('DejaVuSerif.ttf', 'DejaVuSans.ttf');
  if (!serif) return (cached = null);
  // fonts-dejavu-core has no italics (those are in fonts-dejavu-extra): fall back to the upright face.
  const serifBold = find('DejaVuSerif-Bold.ttf', 'DejaVuSans-Bold.ttf') ?? serif;
  const serifItalic = find('DejaVuSerif-Italic.ttf', 'DejaVuSans-Oblique.ttf') ?? serif;
  cached = {
    serif,
    serifBold,
    serifItalic,
    serifBoldItalic: find('DejaVuSerif-BoldItalic.ttf', 'DejaVuSans-BoldOblique.ttf') ?? serifBold,
    sansBold: find('DejaVuSans-Bold.ttf') ?? serifBold,
    mono: find('DejaVuSansMono.ttf') ?? serif,
    cjk: CJK_CANDIDATES.find((candidate) => fs.existsSync(candidate.file)),
  };
  return cached;
}

/** Han, Kana, Hangul and full-width punctuation: the characters DejaVu cannot draw. */
export const CJK_TEXT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+/gu;
