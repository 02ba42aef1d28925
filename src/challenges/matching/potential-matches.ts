/**
 * Potential matches: every pair (giver, receiver) where one of the giver's
 * offers and one of the receiver's requests satisfy the match rule, kept once
 * per pair with the offer and request that share the most (the overlap:
 * shared tags weighted by kind). Nobody is a potential match for themselves.
 * Tags are interned to numbers and the requests indexed by each required
 * kind, so only requests sharing a tag of that kind (or saying "any")
 * are compared with an offer — by whichever required kind leaves the fewest
 * (a character rather than its fandom) — and the quadratic all-pairs scan
 * happens only when the rule requires nothing. The pairs are kept grouped by giver in flat typed
 * arrays (the solver walks them millions of times).
 */
import { PROMPT_TAG_KINDS, saysAny, tagsOf, type MatchRule, type Prompt, type SignUp } from './settings.ts';

/** A prompt with its tags interned: per kind a sorted list of tag numbers, and a bit per kind saying "any". */
interface CompiledPrompt {
  tags: Int32Array[];
  anyBits: number;
}

export interface PotentialMatches {
  participantCount: number;
  /** Pairs of giver g are at [giverStart[g], giverStart[g + 1]). */
  giverStart: Int32Array;
  receiver: Int32Array;
  overlap: Int32Array;
  /** Which of the giver's offers and the receiver's requests make the pair's best overlap. */
  offerIndex: Int32Array;
  requestIndex: Int32Array;
}

export type ProgressCallback = (fraction: number) => void;

class Interner {
  private readonly ids = PROMPT_TAG_KINDS.map(() => new Map<string, number>());
  compile(prompt: Prompt): CompiledPrompt {
    let anyBits = 0;
    const tags = PROMPT_TAG_KINDS.map((kind, k) => {
      if (saysAny(prompt, kind)) anyBits |= 1 << k;
      const ids = this.ids[k]!;
      const numbers = tagsOf(prompt, kind).map((tag) => {
        let id = ids.get(tag);
        if (id === undefined) ids.set(tag, (id = ids.size));
        return id;
      });
      return Int32Array.from(new Set(numbers)).sort();
    });
    return { tags, anyBits };
  }
}

function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** The match rule as arrays by kind number: it is read for every comparison. */
interface CompiledRule {
  needed: Int32Array;
  weights: Int32Array;
  /** Bits of the kinds where "any" meets the rule (all kinds when "any" matches everything, else none). */
  anyMeets: number;
}

function compileRule(rule: MatchRule): CompiledRule {
  return {
    needed: Int32Array.from(PROMPT_TAG_KINDS, (kind) => rule.shared[kind]),
    weights: Int32Array.from(PROMPT_TAG_KINDS, (kind) => rule.weights[kind]),
    anyMeets: rule.doesAnyMatchEverything ? (1 << PROMPT_TAG_KINDS.length) - 1 : 0,
  };
}

/** The overlap of an offer and a request under the rule, or -1 when they are no match. */
function overlapOf(rule: CompiledRule, offer: CompiledPrompt, request: CompiledPrompt): number {
  let overlap = 0;
  const saysAny = (offer.anyBits | request.anyBits) & rule.anyMeets;
  for (let k = 0; k < rule.needed.length; k++) {
    const a = offer.tags[k]!;
    const b = request.tags[k]!;
    const shared = a.length === 0 || b.length === 0 ? 0 : sharedCount(a, b);
    if (shared < rule.needed[k]! && !((saysAny >> k) & 1)) return -1;
    overlap += shared * rule.weights[k]!;
  }
  return overlap;
}

/** Requests indexed by one kind's tags, with those saying "any" for it (which match every offer). */
interface KindIndex {
  kind: number;
  byTag: Map<number, number[]>;
  sayingAny: number[];
}

function indexRequests(rule: MatchRule, compiled: CompiledPrompt[]): KindIndex[] {
  return PROMPT_TAG_KINDS.flatMap((name, kind) => {
    if (rule.shared[name] === 0) return [];
    const index: KindIndex = { kind, byTag: new Map(), sayingAny: [] };
    compiled.forEach((prompt, i) => {
      if (rule.doesAnyMatchEverything && (prompt.anyBits >> kind) & 1) index.sayingAny.push(i);
      for (const tag of prompt.tags[kind]!) {
        const list = index.byTag.get(tag);
        if (list) list.push(i);
        else index.byTag.set(tag, [i]);
      }
    });
    return [index];
  });
}

/**
 * The requests worth comparing with an offer: every required kind narrows them, so take the kind whose lists
 * are shortest for this offer (a character is rarer than its fandom). All requests when the rule requires no
 * kind, or the offer says "any" for every required kind.
 */
function candidatesFor(rule: MatchRule, offer: CompiledPrompt, indexes: KindIndex[], all: number[]): number[][] {
  let best: number[][] = [all];
  let bestSize = all.length;
  for (const index of indexes) {
    if (rule.doesAnyMatchEverything && (offer.anyBits >> index.kind) & 1) continue;
    const lists = [index.sayingAny, ...Array.from(offer.tags[index.kind]!, (tag) => index.byTag.get(tag) ?? [])];
    const size = lists.reduce((sum, list) => sum + list.length, 0);
    if (size < bestSize) {
      best = lists;
      bestSize = size;
    }
  }
  return best;
}

export function buildPotentialMatches(
  signUps: readonly SignUp[],
  rule: MatchRule,
  onProgress: ProgressCallback = () => {},
): PotentialMatches {
  const n = signUps.length;
  const interner = new Interner();
  const offers = signUps.map((s) => s.offers.map((p) => interner.compile(p)));
  const requests = signUps.map((s) => s.requests.map((p) => interner.compile(p)));
  // Requests flattened: owner and index within the owner's requests.
  const requestOwner: number[] = [];
  const requestAt: number[] = [];
  requests.forEach((list, owner) => list.forEach((_, at) => (requestOwner.push(owner), requestAt.push(at))));
  const allRequests = requestOwner.map((_, i) => i);
  const requestPrompts = requestOwner.map((owner, i) => requests[owner]![requestAt[i]!]!);
  const indexes = indexRequests(rule, requestPrompts);
  const compiledRule = compileRule(rule);

  const giverStart = new Int32Array(n + 1);
  const receiver: number[] = [];
  const overlap: number[] = [];
  const offerIndex: number[] = [];
  const requestIndex: number[] = [];
  const seenFor = new Int32Array(requestOwner.length).fill(-1);
  const slotOf = new Int32Array(n).fill(-1);
  let stamps = 0;
  const progressEvery = Math.max(1, Math.floor(n / 50));
  for (let g = 0; g < n; g++) {
    giverStart[g] = receiver.length;
    offers[g]!.forEach((offer, o) => {
      const stamp = ++stamps; // one per (giver, offer): each request is compared with each offer once
      for (const list of candidatesFor(rule, offer, indexes, allRequests)) {
        for (const i of list) {
          const owner = requestOwner[i]!;
          if (owner === g || seenFor[i] === stamp) continue;
          seenFor[i] = stamp;
          const value = overlapOf(compiledRule, offer, requestPrompts[i]!);
          if (value < 0) continue;
          const slot = slotOf[owner]!;
          if (slot >= giverStart[g]! && receiver[slot] === owner) {
            if (value > overlap[slot]!) {
              overlap[slot] = value;
              offerIndex[slot] = o;
              requestIndex[slot] = requestAt[i]!;
            }
          } else {
            slotOf[owner] = receiver.length;
            receiver.push(owner);
            overlap.push(value);
            offerIndex.push(o);
            requestIndex.push(requestAt[i]!);
          }
        }
      }
    });
    if (g % progressEvery === 0) onProgress(g / n);
  }
  giverStart[n] = receiver.length;
  onProgress(1);
  return {
    participantCount: n,
    giverStart,
    receiver: Int32Array.from(receiver),
    overlap: Int32Array.from(overlap),
    offerIndex: Int32Array.from(offerIndex),
    requestIndex: Int32Array.from(requestIndex),
  };
}

/** Compiles prompts for callers that compare them one by one (explanations, the greedy baseline's tests). */
export function compilePrompts(prompts: readonly Prompt[]): CompiledPrompt[] {
  const interner = new Interner();
  return prompts.map((p) => interner.compile(p));
}
