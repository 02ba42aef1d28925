import { describe, expect, it } from 'vitest';
import { greedyAssignment } from './greedy-assignment.ts';
import { matchExchange } from './match-exchange.ts';
import { exhaustiveBest, naiveOverlap, randomExchange } from './matching.test-helper.ts';
import { maximumMatchingSize } from './maximum-matching.ts';
import { solveOptimalAssignment } from './optimal-assignment.ts';
import { buildPotentialMatches } from './potential-matches.ts';
import { seededRandom } from './random.ts';
import { defaultExchangeSettings, type Prompt, type SignUp } from './settings.ts';

const offer = (fandom: string, ...character: string[]): Prompt => ({ tags: { fandom: [fandom], character } });
const request = offer;

describe('matching is optimal', () => {
  it('matches exhaustive search on 200 random small exchanges (2–7 participants): coverage, overlap, mutual pairs', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { settings, signUps } = randomExchange(seed);
      const result = await matchExchange(settings, signUps);
      const best = exhaustiveBest(settings, signUps);
      const context = `seed ${seed}`;
      expect(result.assignments.length, context).toBe(best.matched);
      expect(result.totalOverlap, context).toBe(best.overlap);
      expect(result.mutualPairs, context).toBe(best.mutualPairs);
      expect(result.isMutualPairsLeast, context).toBe(true);
      const byId = new Map(signUps.map((s) => [s.participantId, s]));
      const receivers = new Set<string>();
      const givers = new Set<string>();
      for (const a of result.assignments) {
        expect(a.giverId, context).not.toBe(a.receiverId);
        expect(receivers.has(a.receiverId) || givers.has(a.giverId), context).toBe(false);
        receivers.add(a.receiverId);
        givers.add(a.giverId);
        const o = byId.get(a.giverId)!.offers[a.offerIndex]!;
        const q = byId.get(a.receiverId)!.requests[a.requestIndex]!;
        expect(naiveOverlap(settings, o, q), context).toBe(a.overlap);
      }
      expect(result.withoutGift.length + receivers.size, context).toBe(signUps.length);
      expect(result.withoutRecipient.length + givers.size, context).toBe(signUps.length);
    }
  });

  it('covers as many as Hopcroft–Karp finds possible', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { settings, signUps } = randomExchange(seed);
      const matches = buildPotentialMatches(signUps, settings.match);
      expect(solveOptimalAssignment(matches).matchedCount, `seed ${seed}`).toBe(maximumMatchingSize(matches));
    }
  });

  it('is never beaten by the greedy baseline, which falls short on some exchanges', () => {
    let shortfalls = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { settings, signUps } = randomExchange(seed);
      const matches = buildPotentialMatches(signUps, settings.match);
      const optimum = solveOptimalAssignment(matches).matchedCount;
      const greedy = greedyAssignment(matches, seededRandom(seed)).matchedCount;
      expect(greedy, `seed ${seed}`).toBeLessThanOrEqual(optimum);
      if (greedy < optimum) shortfalls++;
    }
    expect(shortfalls).toBeGreaterThan(0);
  });
});

describe('mutual pairs', () => {
  it('are avoided when an equal optimum without them exists', async () => {
    // Everyone shares one fandom and one character, so every derangement is optimal; the flow alone
    // picks a mutual pair for 5 and 6 participants.
    const settings = defaultExchangeSettings();
    for (const n of [3, 4, 5, 6]) {
      const signUps: SignUp[] = Array.from({ length: n }, (_, i) => ({
        participantId: `p${i}`,
        requests: [request('Harbor Lights', 'Ada Quell')],
        offers: [offer('Harbor Lights', 'Ada Quell')],
      }));
      const result = await matchExchange(settings, signUps);
      expect(result.assignments.length, `${n} participants`).toBe(n);
      expect(result.mutualPairs, `${n} participants`).toBe(0);
    }
  });

  it('are kept when they are the only optimum', async () => {
    const settings = defaultExchangeSettings();
    const signUps: SignUp[] = [
      {
        participantId: 'a',
        requests: [request('Harbor Lights', 'Ada Quell')],
        offers: [offer('Moonwell Academy', 'Pell')],
      },
      {
        participantId: 'b',
        requests: [request('Moonwell Academy', 'Pell')],
        offers: [offer('Harbor Lights', 'Ada Quell')],
      },
    ];
    const result = await matchExchange(settings, signUps);
    expect(result.assignments.map((a) => `${a.giverId}→${a.receiverId}`).sort()).toEqual(['a→b', 'b→a']);
    expect(result.mutualPairs).toBe(1);
    expect(result.isMutualPairsLeast).toBe(true);
  });
});

describe('progress', () => {
  it('is reported from 0 to 1 without going back', async () => {
    const { settings, signUps } = randomExchange(7);
    const seen: number[] = [];
    await matchExchange(settings, signUps, (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
  });
});
