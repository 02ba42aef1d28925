/**
 * Matching a gift exchange, end to end: potential matches, the exact optimal
 * assignment, then the fewest mutual pairs among equal optima, and for each
 * participant an explanation of what they were given to — or a reason why
 * not. This is what the assignment job will call; it reports progress through
 * `onProgress(fraction)` (potential matches to 30%, the assignment to 95%).
 */
import { explainAssignment, explainLeftOut, type Explanation, type LeftOutReason } from './explain.ts';
import { avoidMutualPairs } from './mutual-pairs.ts';
import { solveOptimalAssignment } from './optimal-assignment.ts';
import { buildPotentialMatches, type PotentialMatches, type ProgressCallback } from './potential-matches.ts';
import type { ExchangeSettings, SignUp } from './settings.ts';
import { demandLookup, summarizeSignUps } from './sign-up-summary.ts';

export interface GiftAssignment {
  giverId: string;
  receiverId: string;
  /** Which of the giver's offers and of the receiver's requests (indexes from 0) the match rests on. */
  offerIndex: number;
  requestIndex: number;
  overlap: number;
  explanation: Explanation;
}

export interface LeftOut {
  participantId: string;
  reason: LeftOutReason;
}

export interface ExchangeMatching {
  assignments: GiftAssignment[];
  /** Participants who receive no gift. */
  withoutGift: LeftOut[];
  /** Participants who give no gift. */
  withoutRecipient: LeftOut[];
  potentialMatchCount: number;
  totalOverlap: number;
  mutualPairs: number;
  /** Whether `mutualPairs` is proved the least among equal optima (see `avoidMutualPairs`). */
  isMutualPairsLeast: boolean;
}

/** The pair index of (giver, receiver), or -1. */
export function pairBetween(matches: PotentialMatches, giver: number, receiver: number): number {
  for (let pair = matches.giverStart[giver]!; pair < matches.giverStart[giver + 1]!; pair++) {
    if (matches.receiver[pair] === receiver) return pair;
  }
  return -1;
}

export async function matchExchange(
  settings: ExchangeSettings,
  signUps: readonly SignUp[],
  onProgress: ProgressCallback = () => {},
): Promise<ExchangeMatching> {
  const rule = settings.match;
  const matches = buildPotentialMatches(signUps, rule, (f) => onProgress(0.3 * f));
  const optimum = solveOptimalAssignment(matches, (f) => onProgress(0.3 + 0.65 * f));
  const { receiverOf, giverOf, mutualPairs, isLeast } = await avoidMutualPairs(matches, optimum);
  const id = (participant: number) => signUps[participant]!.participantId;

  const assignments: GiftAssignment[] = [];
  let totalOverlap = 0;
  receiverOf.forEach((r, g) => {
    if (r < 0) return;
    const pair = pairBetween(matches, g, r);
    const offerIndex = matches.offerIndex[pair]!;
    const requestIndex = matches.requestIndex[pair]!;
    totalOverlap += matches.overlap[pair]!;
    assignments.push({
      giverId: id(g),
      receiverId: id(r),
      offerIndex,
      requestIndex,
      overlap: matches.overlap[pair]!,
      explanation: explainAssignment(rule, signUps[g]!.offers[offerIndex]!, signUps[r]!.requests[requestIndex]!),
    });
  });

  const demand = demandLookup(summarizeSignUps(signUps));
  const n = matches.participantCount;
  const giversOf: number[][] = Array.from({ length: n }, () => []);
  for (let g = 0; g < n; g++) {
    for (let pair = matches.giverStart[g]!; pair < matches.giverStart[g + 1]!; pair++)
      giversOf[matches.receiver[pair]!]!.push(g);
  }
  const withoutGift: LeftOut[] = [];
  const withoutRecipient: LeftOut[] = [];
  for (let p = 0; p < n; p++) {
    if (giverOf[p]! < 0) {
      const candidates = giversOf[p]!.map(id);
      withoutGift.push({
        participantId: id(p),
        reason: explainLeftOut(rule, signUps, demand, p, 'receiver', candidates),
      });
    }
    if (receiverOf[p]! < 0) {
      const candidates = Array.from(matches.receiver.subarray(matches.giverStart[p]!, matches.giverStart[p + 1]!), id);
      withoutRecipient.push({
        participantId: id(p),
        reason: explainLeftOut(rule, signUps, demand, p, 'giver', candidates),
      });
    }
  }
  onProgress(1);
  return {
    assignments,
    withoutGift,
    withoutRecipient,
    potentialMatchCount: matches.receiver.length,
    totalOverlap,
    mutualPairs,
    isMutualPairsLeast: isLeast,
  };
}
