/**
 * AO3's baseline, for comparison only: participants in a random order, those
 * with the fewest potential givers first; each receives from the free giver
 * with the fewest options of their own (most overlap on a tie), not one they
 * already give to when another is free. It never revisits a choice, so a
 * giver spent early can leave a later receiver with nobody.
 */
import type { PotentialMatches } from './potential-matches.ts';
import { shuffle, type Random } from './random.ts';

export interface GreedyAssignment {
  receiverOf: Int32Array;
  matchedCount: number;
  totalOverlap: number;
}

export function greedyAssignment(matches: PotentialMatches, random: Random): GreedyAssignment {
  const n = matches.participantCount;
  const { giverStart, receiver, overlap } = matches;
  const giversOf: number[][] = Array.from({ length: n }, () => []); // receiver → pairs
  for (let g = 0; g < n; g++) for (let e = giverStart[g]!; e < giverStart[g + 1]!; e++) giversOf[receiver[e]!]!.push(e);
  const giverOfPair = new Int32Array(receiver.length);
  for (let g = 0; g < n; g++) giverOfPair.fill(g, giverStart[g]!, giverStart[g + 1]!);
  const options = (g: number) => giverStart[g + 1]! - giverStart[g]!;

  const order = shuffle(
    Array.from({ length: n }, (_, r) => r),
    random,
  ).sort((a, b) => giversOf[a]!.length - giversOf[b]!.length);
  const receiverOf = new Int32Array(n).fill(-1);
  let matchedCount = 0;
  let totalOverlap = 0;
  for (const r of order) {
    let best = -1;
    let bestScore: [isMutual: number, options: number, overlap: number] = [1, Infinity, -1];
    for (const pair of giversOf[r]!) {
      const g = giverOfPair[pair]!;
      if (receiverOf[g]! >= 0) continue;
      const score: typeof bestScore = [receiverOf[r] === g ? 1 : 0, options(g), overlap[pair]!];
      const isBetter =
        score[0] < bestScore[0] ||
        (score[0] === bestScore[0] &&
          (score[1] < bestScore[1] || (score[1] === bestScore[1] && score[2] > bestScore[2])));
      if (best < 0 || isBetter) {
        best = pair;
        bestScore = score;
      }
    }
    if (best < 0) continue;
    receiverOf[giverOfPair[best]!] = r;
    matchedCount++;
    totalOverlap += overlap[best]!;
  }
  return { receiverOf, matchedCount, totalOverlap };
}
