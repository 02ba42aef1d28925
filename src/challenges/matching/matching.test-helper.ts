/**
 * Small random gift exchanges for the matching tests, and a naive reading of
 * the match rule (string sets, no interning, no index) that the exhaustive
 * search uses, so a fault in the fast potential matches shows up as well.
 */
import { seededRandom, type Random } from './random.ts';
import {
  PROMPT_TAG_KINDS,
  defaultExchangeSettings,
  type ExchangeSettings,
  type Prompt,
  type SignUp,
} from './settings.ts';

const FANDOMS = ['Harbor Lights', 'The Glass Orchard', 'Moonwell Academy'];
const CHARACTERS: Record<string, string[]> = {
  'Harbor Lights': ['Ada Quell', 'Rook Fenner', 'Mira Sol'],
  'The Glass Orchard': ['Tam Birch', 'Old Hesper', 'Juno Vale', 'Pell'],
  'Moonwell Academy': ['Headmistress Orr', 'Kit Lanner'],
};

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomPrompt(random: Random, mayBeAny: boolean): Prompt {
  const fandom = pick(FANDOMS, random);
  const characters = [...new Set([pick(CHARACTERS[fandom]!, random), pick(CHARACTERS[fandom]!, random)])];
  if (mayBeAny && random() < 0.2) return { tags: { fandom: [fandom] }, any: { character: true } };
  return { tags: { fandom: [fandom], character: characters.slice(0, 1 + Math.floor(random() * 2)) } };
}

export function randomExchange(seed: number): { settings: ExchangeSettings; signUps: SignUp[] } {
  const random = seededRandom(seed);
  const settings = defaultExchangeSettings();
  if (random() < 0.5) settings.match.shared.character = 1;
  settings.match.doesAnyMatchEverything = random() < 0.8;
  const n = 2 + Math.floor(random() * 6);
  const signUps = Array.from({ length: n }, (_, i) => ({
    participantId: `p${i}`,
    requests: Array.from({ length: 1 + Math.floor(random() * 2) }, () => randomPrompt(random, false)),
    offers: Array.from({ length: 1 + Math.floor(random() * 2) }, () => randomPrompt(random, true)),
  }));
  return { settings, signUps };
}

/** The overlap of an offer and a request read straight from the rule, or -1 when they are no match. */
export function naiveOverlap(settings: ExchangeSettings, offer: Prompt, request: Prompt): number {
  let overlap = 0;
  for (const kind of PROMPT_TAG_KINDS) {
    const wanted = new Set(request.tags[kind] ?? []);
    const shared = new Set((offer.tags[kind] ?? []).filter((tag) => wanted.has(tag))).size;
    const isAny = settings.match.doesAnyMatchEverything && (offer.any?.[kind] || request.any?.[kind]);
    if (shared < settings.match.shared[kind] && !isAny) return -1;
    overlap += shared * settings.match.weights[kind];
  }
  return overlap;
}

export interface Best {
  matched: number;
  overlap: number;
  mutualPairs: number;
}

/** Every assignment tried: the most receiving, then the most overlap, then the fewest mutual pairs. */
export function exhaustiveBest(settings: ExchangeSettings, signUps: readonly SignUp[]): Best {
  const n = signUps.length;
  const value: number[][] = signUps.map((giver, g) =>
    signUps.map((receiver, r) => {
      if (g === r) return -1;
      let best = -1;
      for (const offer of giver.offers)
        for (const request of receiver.requests) best = Math.max(best, naiveOverlap(settings, offer, request));
      return best;
    }),
  );
  const receiverOf: number[] = Array(n).fill(-1);
  let best: Best = { matched: -1, overlap: -1, mutualPairs: Infinity };
  const visit = (g: number, used: number, matched: number, overlap: number) => {
    if (g === n) {
      let mutualPairs = 0;
      receiverOf.forEach((r, a) => {
        if (r > a && receiverOf[r] === a) mutualPairs++;
      });
      const isBetter =
        matched > best.matched ||
        (matched === best.matched &&
          (overlap > best.overlap || (overlap === best.overlap && mutualPairs < best.mutualPairs)));
      if (isBetter) best = { matched, overlap, mutualPairs };
      return;
    }
    receiverOf[g] = -1;
    visit(g + 1, used, matched, overlap);
    for (let r = 0; r < n; r++) {
      if (value[g]![r]! < 0 || used & (1 << r)) continue;
      receiverOf[g] = r;
      visit(g + 1, used | (1 << r), matched + 1, overlap + value[g]![r]!);
    }
    receiverOf[g] = -1;
  };
  visit(0, 0, 0, 0);
  return best;
}
