/**
 * Hopcroft–Karp: the largest number of participants who can receive a gift,
 * ignoring overlap. It shares nothing with the optimal assignment's code, so
 * the benchmark and the tests use it as an independent check of coverage.
 */
import type { PotentialMatches } from './potential-matches.ts';

export function maximumMatchingSize(matches: PotentialMatches): number {
  const n = matches.participantCount;
  const { giverStart, receiver } = matches;
  const matchOfGiver = new Int32Array(n).fill(-1);
  const matchOfReceiver = new Int32Array(n).fill(-1);
  const layer = new Int32Array(n);
  const queue = new Int32Array(n);
  const edgeAt = new Int32Array(n);
  const stack = new Int32Array(n);
  let size = 0;
  for (;;) {
    // Breadth-first: layer the free givers at 0 and stop at the first layer reaching a free receiver.
    let head = 0;
    let tail = 0;
    for (let g = 0; g < n; g++) {
      if (matchOfGiver[g]! >= 0) layer[g] = -1;
      else {
        layer[g] = 0;
        queue[tail++] = g;
      }
    }
    let reachesFree = false;
    while (head < tail) {
      const g = queue[head++]!;
      for (let e = giverStart[g]!; e < giverStart[g + 1]!; e++) {
        const next = matchOfReceiver[receiver[e]!]!;
        if (next < 0) reachesFree = true;
        else if (layer[next]! < 0) {
          layer[next] = layer[g]! + 1;
          queue[tail++] = next;
        }
      }
    }
    if (!reachesFree) return size;
    // Depth-first along the layers, iteratively (deep alternating paths would overflow the call stack).
    for (let g = 0; g < n; g++) edgeAt[g] = giverStart[g]!;
    for (let free = 0; free < n; free++) {
      if (matchOfGiver[free] >= 0 || layer[free] !== 0) continue;
      let depth = 0;
      stack[0] = free;
      while (depth >= 0) {
        const g = stack[depth]!;
        let advanced = false;
        while (edgeAt[g]! < giverStart[g + 1]!) {
          const r = receiver[edgeAt[g]!]!;
          const next = matchOfReceiver[r]!;
          if (next < 0) {
            // Augment along the stack.
            for (let d = depth; d >= 0; d--) {
              const giver = stack[d]!;
              const taken = receiver[edgeAt[giver]!]!;
              matchOfGiver[giver] = taken;
              matchOfReceiver[taken] = giver;
            }
            size++;
            depth = -1;
            advanced = true;
            break;
          }
          if (layer[next] === layer[g]! + 1) {
            stack[++depth] = next;
            advanced = true;
            break;
          }
          edgeAt[g]!++;
        }
        if (depth < 0) break;
        if (!advanced) {
          layer[g] = -1; // a dead end this phase
          depth--;
          if (depth >= 0) edgeAt[stack[depth]!]!++;
        }
      }
    }
  }
}
