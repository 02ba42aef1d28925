/**
 * Download file names: plain ASCII from the work's title, so every browser,
 * e-reader and file system keeps them intact. Accents are stripped
 * (NFKD), letters without a decomposition (ß, æ, ø, ł…) and Cyrillic and
 * Greek are transliterated; other scripts fall back to `Work_<id>`.
 */

export const FILE_NAME_MAX = 24;
const FILE_NAME_MIN = 3;

const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ŋ: 'ng',
  Ŋ: 'Ng',
  ħ: 'h',
  Ħ: 'H',
  ĸ: 'k',
  ŀ: 'l',
  Ŀ: 'L',
  ſ: 's',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
};

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

function mapped(char: string): string | undefined {
  if (char in LETTERS) return LETTERS[char];
  const lower = char.toLowerCase();
  const ascii = CYRILLIC[lower] ?? GREEK[lower];
  if (ascii === undefined || char === lower || !ascii) return ascii;
  return ascii[0].toUpperCase() + ascii.slice(1);
}

/** One character in ASCII, keeping its case; '' when there is none. */
function transliterateChar(char: string): string {
  if (/^[\x20-\x7e]$/.test(char)) return char;
  // Letters with their own spelling first: й is "y", not и with its breve dropped.
  const direct = mapped(char);
  if (direct !== undefined) return direct;
  // NFKD splits é into e + accent (and ύ into υ + tonos); the marks are dropped.
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
  if (/^[\x20-\x7e]+$/.test(base)) return base;
  const decomposed = Array.from(base, (c) => mapped(c) ?? '').join('');
  if (decomposed) return decomposed;
  return /\s/.test(char) ? ' ' : '';
}

/** The title in printable ASCII: accents stripped, other alphabets transliterated, the rest dropped. */
export function transliterate(text: string): string {
  return Array.from(text.normalize('NFC'), transliterateChar).join('');
}

/**
 * `downloadFileName('Кот и «мышь»: история', 7)` → `Kot_i_mysh_istoriya`: letters,
 * digits and `_`/`-` only, at most 24 characters cut at a word boundary, and
 * `Work_<id>` when fewer than 3 characters survive.
 */
export function downloadFileName(title: string, id: number): string {
  const words = transliterate(title)
    .replace(/[^A-Za-z0-9\s_-]+/g, ' ')
    .split(/[\s_]+/)
    .map((word) => word.replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  let name = '';
  for (const word of words) {
    const next = name ? `${name}_${word}` : word;
    if (next.length > FILE_NAME_MAX) {
      // A first word longer than the limit is cut; later words wait for the next file name.
      if (!name) name = word.slice(0, FILE_NAME_MAX);
      break;
    }
    name = next;
  }
  return name.length >= FILE_NAME_MIN ? name : `Work_${id}`;
}

/** The address of a work's download; the file name is for people and browsers, the id decides. */
export function downloadPath(workId: number, title: string, format: string): string {
  return `/downloads/${workId}/${downloadFileName(title, workId)}.${format}`;
}
