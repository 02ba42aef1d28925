/**
 * A synthetic gift exchange for bench:matching: a made-up tag set of fandoms
 * (each with its own characters), fandoms and characters drawn Zipf-like (a
 * few popular, a long tail), 1–3 requests and 1–3 offers per participant, a
 * tenth of the offers saying "any character". Names are built from invented
 * syllables; the same seed gives the same exchange.
 */
import { seededRandom, type Random } from '../../src/challenges/matching/random.ts';
import type { Prompt, SignUp } from '../../src/challenges/matching/settings.ts';

const SYLLABLES = [
  'vel',
  'mor',
  'ash',
  'tun',
  'quil',
  'bra',
  'sen',
  'dor',
  'ly',
  'fen',
  'ka',
  'ris',
  'ol',
  'pim',
  'zan',
  'ed',
];
const FORMS = ['The %s Chronicles', '%s Harbor', 'Tales of %s', '%s Academy', 'The %s Accord', 'Beyond %s'];

function word(random: Random, syllables: number): string {
  let text = '';
  for (let i = 0; i < syllables; i++) text += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Samples 0…n-1 with probability ∝ 1/(i+1)^s, by binary search over the cumulative weights. */
function zipf(n: number, s: number): (random: Random) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return (random) => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface GeneratedExchange {
  signUps: SignUp[];
  fandomCount: number;
}

export function generateExchange(
  participants: number,
  seed: number,
  fandomCount = 2000,
  exponent = 1,
): GeneratedExchange {
  const random = seededRandom(seed);
  const names = seededRandom(1); // the tag set is the same for every seed; only the sign-ups change
  const fandoms = Array.from({ length: fandomCount }, (_, i) => {
    const name = FORMS[i % FORMS.length]!.replace('%s', `${word(names, 2)}${i}`);
    const characters = Array.from(
      { length: 5 + Math.floor(names() * 25) },
      () => `${word(names, 2)} ${word(names, 2)}`,
    );
    return { name, characters: [...new Set(characters)], pickCharacter: null as null | ((r: Random) => number) };
  });
  const pickFandom = zipf(fandomCount, exponent);
  const prompt = (mayBeAny: boolean): Prompt => {
    const fandom = fandoms[pickFandom(random)]!;
    fandom.pickCharacter ??= zipf(fandom.characters.length, exponent);
    if (mayBeAny && random() < 0.1) return { tags: { fandom: [fandom.name] }, any: { character: true } };
    const count = 1 + Math.floor(random() * 3);
    const character = [
      ...new Set(Array.from({ length: count }, () => fandom.characters[fandom.pickCharacter!(random)]!)),
    ];
    return { tags: { fandom: [fandom.name], character } };
  };
  const signUps = Array.from({ length: participants }, (_, i) => ({
    participantId: `p${i}`,
    requests: Array.from({ length: 1 + Math.floor(random() * 3) }, () => prompt(false)),
    offers: Array.from({ length: 1 + Math.floor(random() * 3) }, () => prompt(true)),
  }));
  return { signUps, fandomCount };
}
