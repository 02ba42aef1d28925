/**
 * Avoiding mutual pairs (A gives to B and B to A), as AO3 tries to, without
 * giving up anything of the optimum: among all assignments with the same
 * number of participants receiving and the same total overlap, find one with
 * the fewest mutual pairs. Only pairs that are tight in the optimal
 * assignment's potentials can appear in an optimum, so the search is a small
 * integer program over those, solved exactly by HiGHS: minimise the mutual
 * pairs subject to the optimum's size and overlap. It runs only when the
 * optimum found first has a mutual pair (rare beyond tiny exchanges).
 */
import highsModule from 'highs';
import type { OptimalAssignment } from './optimal-assignment.ts';
import type { PotentialMatches } from './potential-matches.ts';

// highs ships a CommonJS declaration of an ES default export, so TypeScript sees the function as `.default`
// while Node's ESM loader (its `import` condition) hands over the function itself.
type LoadHighs = typeof highsModule.default;
const loadHighs: LoadHighs =
  (highsModule as unknown as { default?: LoadHighs }).default ?? (highsModule as unknown as LoadHighs);
let highs: ReturnType<LoadHighs> | undefined;

export interface MutualPairsOutcome {
  receiverOf: Int32Array;
  giverOf: Int32Array;
  mutualPairs: number;
  /** False only when the tight pairs were too many to search (`maxTightPairs`); the count is then not proved least. */
  isLeast: boolean;
}

export function countMutualPairs(receiverOf: Int32Array): number {
  let count = 0;
  receiverOf.forEach((r, g) => {
    if (r > g && receiverOf[r] === g) count++;
  });
  return count;
}

export async function avoidMutualPairs(
  matches: PotentialMatches,
  optimum: OptimalAssignment,
  { maxTightPairs = 200_000 }: { maxTightPairs?: number } = {},
): Promise<MutualPairsOutcome> {
  const found = countMutualPairs(optimum.receiverOf);
  const unchanged = { receiverOf: optimum.receiverOf, giverOf: optimum.giverOf, mutualPairs: found, isLeast: true };
  if (found === 0) return unchanged;

  const n = matches.participantCount;
  const tight: number[] = [];
  const pairIndex = new Map<number, number>(); // giver * n + receiver → position in `tight`
  for (let g = 0; g < n; g++) {
    for (let pair = matches.giverStart[g]!; pair < matches.giverStart[g + 1]!; pair++) {
      if (!optimum.isTight(pair, g)) continue;
      pairIndex.set(g * n + matches.receiver[pair]!, tight.length);
      tight.push(pair);
    }
  }
  if (tight.length > maxTightPairs) return { ...unchanged, isLeast: false };

  const giverOfPair = (pair: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (matches.giverStart[mid]! <= pair) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const givers = tight.map(giverOfPair);
  const byGiver = new Map<number, string[]>();
  const byReceiver = new Map<number, string[]>();
  const mutual: string[] = [];
  tight.forEach((pair, i) => {
    const g = givers[i]!;
    const r = matches.receiver[pair]!;
    if (!byGiver.has(g)) byGiver.set(g, []);
    if (!byReceiver.has(r)) byReceiver.set(r, []);
    byGiver.get(g)!.push(`x${i}`);
    byReceiver.get(r)!.push(`x${i}`);
    const back = pairIndex.get(r * n + g);
    if (back !== undefined && g < r) mutual.push(`m${mutual.length}: x${i} + x${back} - y${mutual.length} <= 1`);
  });
  // The overlap of the optimum, counted over tight pairs only (every pair of the optimum is tight).
  const overlapTerms = tight.map((pair, i) => `${matches.overlap[pair]} x${i}`);
  const lines = [
    'Minimize',
    ` obj: ${mutual.map((_, j) => `y${j}`).join(' + ')}`,
    'Subject To',
    ...[...byGiver].map(([g, xs]) => ` g${g}: ${xs.join(' + ')} <= 1`),
    ...[...byReceiver].map(([r, xs]) => ` r${r}: ${xs.join(' + ')} <= 1`),
    ` size: ${tight.map((_, i) => `x${i}`).join(' + ')} = ${optimum.matchedCount}`,
    ` overlap: ${overlapTerms.join(' + ')} = ${optimum.totalOverlap}`,
    ...mutual.map((line) => ` ${line}`),
    'Bounds',
    ...mutual.map((_, j) => ` 0 <= y${j} <= 1`),
    'Binary',
    ...tight.map((_, i) => ` x${i}`),
    'End',
  ];
  highs ??= loadHighs();
  const solution = (await highs).solve(lines.join('\n'), { output_flag: false });
  if (solution.Status !== 'Optimal') throw new Error(`mutual pairs: HiGHS ended with ${solution.Status}`);
  const receiverOf = new Int32Array(n).fill(-1);
  const giverOf = new Int32Array(n).fill(-1);
  tight.forEach((pair, i) => {
    if ((solution.Columns[`x${i}`]?.Primal ?? 0) > 0.5) {
      receiverOf[givers[i]!] = matches.receiver[pair]!;
      giverOf[matches.receiver[pair]!] = givers[i]!;
    }
  });
  return { receiverOf, giverOf, mutualPairs: countMutualPairs(receiverOf), isLeast: true };
}
