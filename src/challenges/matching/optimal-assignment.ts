/**
 * The exact optimum of the assignment givers × receivers: each participant
 * gives at most one gift and receives at most one, maximising first how many
 * receive one and then the total overlap. Solved as a minimum-cost flow by
 * successive shortest augmenting paths (Dijkstra on reduced costs, with
 * Johnson potentials kept feasible throughout), one giver at a time. Each
 * giver also has a private "no gift" receiver costing more than any whole set
 * of real matches, so every giver is always assigned and the problem is a
 * plain rectangular assignment: a later giver may then take a receiver from
 * an earlier one who has no other option — that is the exchange which makes
 * the greedy baseline fall short. Costs are whole numbers, so the optimum and
 * the "tight" test below are exact. Why this and not HiGHS: docs/MATCHING.md.
 */
import type { PotentialMatches, ProgressCallback } from './potential-matches.ts';

export interface OptimalAssignment {
  /** giver → receiver, or -1 when the giver gives nothing. */
  receiverOf: Int32Array;
  /** receiver → giver, or -1 when the receiver receives nothing. */
  giverOf: Int32Array;
  matchedCount: number;
  totalOverlap: number;
  /**
   * Whether a potential match (by its index in the pairs) can be part of some
   * optimal assignment: every optimum uses only pairs whose reduced cost under
   * the final potentials is zero (complementary slackness), so the search for
   * an equal optimum without mutual pairs looks at these alone.
   */
  isTight(pair: number, giver: number): boolean;
  /** Whether some optimum leaves this giver without a recipient (their "no gift" is tight). */
  mayGiveNothing(giver: number): boolean;
  /** Whether some optimum leaves this receiver without a gift (their potential is that of the sink). */
  mayReceiveNothing(receiver: number): boolean;
}

/** A binary min-heap of (key, node) kept in two parallel arrays, with stale entries skipped on pop. */
class Heap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  clear(): void {
    this.keys.length = 0;
    this.nodes.length = 0;
  }
  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  /** Removes the smallest entry and returns its node; its key is in `lastKey`. */
  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0]!;
    this.lastKey = keys[0]!;
    const key = keys.pop()!;
    const node = nodes.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
        if (keys[child]! >= key) break;
        keys[i] = keys[child]!;
        nodes[i] = nodes[child]!;
        i = child;
      }
      keys[i] = key;
      nodes[i] = node;
    }
    return top;
  }
  lastKey = 0;
}

/** Givers with fewest options first: they are the likeliest to be left out, and it shortens the searches. */
function giverOrder(matches: PotentialMatches): Int32Array {
  const n = matches.participantCount;
  const order = Int32Array.from({ length: n }, (_, g) => g);
  const degree = (g: number) => matches.giverStart[g + 1]! - matches.giverStart[g]!;
  return order.sort((a, b) => degree(a) - degree(b) || a - b);
}

export function solveOptimalAssignment(
  matches: PotentialMatches,
  onProgress: ProgressCallback = () => {},
): OptimalAssignment {
  const n = matches.participantCount;
  const { giverStart, receiver, overlap } = matches;
  let maxOverlap = 0;
  for (const value of overlap) maxOverlap = Math.max(maxOverlap, value);
  // cost = maxOverlap − overlap ≥ 0; a giver's "no gift" costs more than any n real matches together, so one
  // more participant receiving always beats any gain in overlap.
  const cost = (pair: number) => maxOverlap - overlap[pair]!;
  const noGift = (n + 1) * (maxOverlap + 1);
  // Receivers 0…n-1 are the participants, n + g is giver g's "no gift".
  const receiverOf = new Int32Array(n).fill(-1);
  const pairOf = new Int32Array(n).fill(-1);
  const giverOf = new Int32Array(2 * n).fill(-1);
  const giverPotential = new Float64Array(n);
  const receiverPotential = new Float64Array(2 * n);
  const dist = new Float64Array(2 * n).fill(Infinity);
  const predGiver = new Int32Array(2 * n);
  const predPair = new Int32Array(2 * n);
  const isDone = new Uint8Array(2 * n);
  const giverDist = new Float64Array(n);
  const touched: number[] = [];
  const visitedGivers: number[] = [];
  const heap = new Heap();
  const order = giverOrder(matches);
  const progressEvery = Math.max(1, Math.floor(n / 100));

  for (let step = 0; step < n; step++) {
    const start = order[step]!;
    heap.clear();
    let current = start;
    let currentDist = 0;
    visitedGivers.push(start);
    giverDist[start] = 0;
    let sink: number;
    for (;;) {
      const base = currentDist + giverPotential[current]!;
      for (let pair = giverStart[current]!, end = giverStart[current + 1]!; pair < end; pair++) {
        const r = receiver[pair]!;
        if (isDone[r]) continue;
        const next = base + cost(pair) - receiverPotential[r]!;
        if (next < dist[r]!) {
          if (dist[r] === Infinity) touched.push(r);
          dist[r] = next;
          predGiver[r] = current;
          predPair[r] = pair;
          heap.push(next, r);
        }
      }
      const own = n + current;
      if (!isDone[own]) {
        const next = base + noGift - receiverPotential[own]!;
        if (next < dist[own]!) {
          if (dist[own] === Infinity) touched.push(own);
          dist[own] = next;
          predGiver[own] = current;
          predPair[own] = -1;
          heap.push(next, own);
        }
      }
      let r = -1;
      while (heap.size > 0) {
        const candidate = heap.pop();
        if (!isDone[candidate] && heap.lastKey === dist[candidate]) {
          r = candidate;
          break;
        }
      }
      // Unreachable: the giver's own "no gift" is always free while the giver is being placed.
      if (r < 0) throw new Error('optimal assignment: no augmenting path');
      isDone[r] = 1;
      if (giverOf[r] < 0) {
        sink = r;
        break;
      }
      current = giverOf[r]!;
      currentDist = dist[r]!;
      giverDist[current] = currentDist;
      visitedGivers.push(current);
    }
    // Potentials move by min(distance, D) − D, which keeps every reduced cost ≥ 0 and makes the path tight.
    const total = dist[sink]!;
    for (const r of touched) {
      if (isDone[r]) receiverPotential[r]! += dist[r]! - total;
      dist[r] = Infinity;
      isDone[r] = 0;
    }
    for (const g of visitedGivers) giverPotential[g]! += giverDist[g]! - total;
    touched.length = 0;
    visitedGivers.length = 0;
    // Augment along the path back to the start.
    for (let r = sink; ;) {
      const g = predGiver[r]!;
      const previous = receiverOf[g]!;
      receiverOf[g] = r;
      pairOf[g] = predPair[r]!;
      giverOf[r] = g;
      if (g === start) break;
      r = previous;
    }
    if (step % progressEvery === 0) onProgress(step / n);
  }
  onProgress(1);

  let matchedCount = 0;
  let totalOverlap = 0;
  for (let g = 0; g < n; g++) {
    if (receiverOf[g]! >= n) receiverOf[g] = -1;
    else {
      matchedCount++;
      totalOverlap += overlap[pairOf[g]!]!;
    }
  }
  return {
    receiverOf,
    giverOf: giverOf.slice(0, n),
    matchedCount,
    totalOverlap,
    isTight: (pair, giver) => cost(pair) + giverPotential[giver]! - receiverPotential[receiver[pair]!]! === 0,
    mayGiveNothing: (giver) => noGift + giverPotential[giver]! - receiverPotential[n + giver]! === 0,
    mayReceiveNothing: (r) => receiverPotential[r] === 0,
  };
}
