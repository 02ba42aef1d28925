/**
 * Avoiding mutual pairs (A gives to B and B to A), as AO3 tries to, without
 * giving up anything of the optimum: among all assignments with the same
 * number of participants receiving and the same total overlap, find one with
 * the fewest mutual pairs. Only pairs that are tight in the optimal
 * assignment's potentials can appear in an optimum, and only givers and
 * receivers whose way to "nothing" is tight too may be left out (the cycle
 * argument of min-cost flow: an assignment is optimal exactly when it differs
 * from this one along zero-reduced-cost arcs only). So the search is an
 * integer program over the tight pairs — each participant who must give does,
 * each who must receive does, minimise the mutual pairs — solved exactly by
 * HiGHS. Its answer is checked against the optimum's size and overlap. It
 * runs only when the optimum found first has a mutual pair, and after a cheap
 * first try that usually suffices on large exchanges: re-route one side of
 * each mutual pair along the shortest cycle of tight pairs (every participant
 * keeps giving and receiving, so the optimum is kept); when that leaves none,
 * none is the least and the integer program is not needed.
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

/**
 * Re-routes the gift of `giver` (now to `receiver`) along a cycle of tight pairs: the giver takes another
 * receiver, whose giver takes another, … until one takes `receiver`. Applies it when it lowers the mutual pairs.
 */
function rerouteAlongTightCycle(
  matches: PotentialMatches,
  optimum: OptimalAssignment,
  receiverOf: Int32Array,
  giverOf: Int32Array,
  giver: number,
  receiver: number,
): boolean {
  const n = matches.participantCount;
  const cameFrom = new Int32Array(n).fill(-1); // receiver → the giver who would take it
  const queue = [giver];
  for (let head = 0; head < queue.length; head++) {
    const g = queue[head]!;
    for (let pair = matches.giverStart[g]!; pair < matches.giverStart[g + 1]!; pair++) {
      const r = matches.receiver[pair]!;
      if (r === receiverOf[g] || cameFrom[r] >= 0 || receiverOf[r] === g || !optimum.isTight(pair, g)) continue;
      cameFrom[r] = g;
      if (r === receiver) {
        const before = countMutualPairs(receiverOf);
        const saved = [receiverOf.slice(), giverOf.slice()] as const;
        for (let at = r; ;) {
          const taker = cameFrom[at]!;
          const previous = receiverOf[taker]!;
          receiverOf[taker] = at;
          giverOf[at] = taker;
          if (taker === giver) break;
          at = previous;
        }
        if (countMutualPairs(receiverOf) < before) return true;
        receiverOf.set(saved[0]);
        giverOf.set(saved[1]);
        return false;
      }
      const next = giverOf[r]!;
      if (next >= 0 && next !== giver) queue.push(next);
    }
  }
  return false;
}

export async function avoidMutualPairs(
  matches: PotentialMatches,
  optimum: OptimalAssignment,
  { maxTightPairs = 200_000 }: { maxTightPairs?: number } = {},
): Promise<MutualPairsOutcome> {
  const found = countMutualPairs(optimum.receiverOf);
  if (found === 0) return { receiverOf: optimum.receiverOf, giverOf: optimum.giverOf, mutualPairs: 0, isLeast: true };
  const receiverOf = optimum.receiverOf.slice();
  const giverOf = optimum.giverOf.slice();
  receiverOf.forEach((b, a) => {
    if (b > a && receiverOf[b] === a) {
      if (!rerouteAlongTightCycle(matches, optimum, receiverOf, giverOf, a, b)) {
        rerouteAlongTightCycle(matches, optimum, receiverOf, giverOf, b, a);
      }
    }
  });
  const left = countMutualPairs(receiverOf);
  if (left === 0) return { receiverOf, giverOf, mutualPairs: 0, isLeast: true };

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
  if (tight.length > maxTightPairs) return { receiverOf, giverOf, mutualPairs: left, isLeast: false };

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
  const lines = [
    'Minimize',
    ` obj: ${mutual.map((_, j) => `y${j}`).join(' + ')}`,
    'Subject To',
    ...[...byGiver].map(([g, xs]) => ` g${g}: ${xs.join(' + ')} ${optimum.mayGiveNothing(g) ? '<=' : '='} 1`),
    ...[...byReceiver].map(([r, xs]) => ` r${r}: ${xs.join(' + ')} ${optimum.mayReceiveNothing(r) ? '<=' : '='} 1`),
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
  receiverOf.fill(-1);
  giverOf.fill(-1);
  let matched = 0;
  let overlap = 0;
  tight.forEach((pair, i) => {
    if ((solution.Columns[`x${i}`]?.Primal ?? 0) > 0.5) {
      receiverOf[givers[i]!] = matches.receiver[pair]!;
      giverOf[matches.receiver[pair]!] = givers[i]!;
      matched++;
      overlap += matches.overlap[pair]!;
    }
  });
  // Guards the cycle argument above: the answer must be another optimum, never a worse assignment.
  if (matched !== optimum.matchedCount || overlap !== optimum.totalOverlap) {
    throw new Error(
      `mutual pairs: the search lost the optimum (${matched}/${overlap} for ${optimum.matchedCount}/${optimum.totalOverlap})`,
    );
  }
  return { receiverOf, giverOf, mutualPairs: countMutualPairs(receiverOf), isLeast: true };
}
