/**
 * Why each assignment was made and why anyone was left out, from the data:
 * an assignment names the tags the giver's offer and the receiver's request
 * share ("You both listed: …"); a participant without a gift (or without
 * anyone to give to) learns the first kind of the match rule that nobody
 * meets, with how often each of their tags was requested and offered — or,
 * when others could have matched them, that those were all needed elsewhere.
 */
import {
  KIND_NAMES,
  PROMPT_TAG_KINDS,
  saysAny,
  tagsOf,
  type MatchRule,
  type Prompt,
  type PromptTagKind,
  type SignUp,
} from './settings.ts';
import type { TagDemand } from './sign-up-summary.ts';

export interface SharedTag {
  kind: PromptTagKind;
  tag: string;
}

export interface Explanation {
  shared: SharedTag[];
  /** Kinds the rule needed where one side said "any" instead of a shared tag. */
  metByAny: PromptTagKind[];
  text: string;
}

export type LeftOutReason =
  | { code: 'no-prompts'; text: string }
  | { code: 'no-match'; kind: PromptTagKind; tags: TagDemand[]; text: string }
  | { code: 'needed-elsewhere'; candidates: string[]; text: string };

// Each prompt's tags as sets, made once: the reasons compare one participant's prompts with everyone else's.
const tagSets = new WeakMap<Prompt, Map<PromptTagKind, Set<string>>>();
function tagSetOf(prompt: Prompt, kind: PromptTagKind): Set<string> {
  let sets = tagSets.get(prompt);
  if (!sets) tagSets.set(prompt, (sets = new Map()));
  let set = sets.get(kind);
  if (!set) sets.set(kind, (set = new Set(tagsOf(prompt, kind))));
  return set;
}

function sharedOf(a: Prompt, b: Prompt, kind: PromptTagKind): string[] {
  const other = tagSetOf(b, kind);
  return [...tagSetOf(a, kind)].filter((tag) => other.has(tag));
}

/** Offers and requests indexed by one kind's tags, with their owners; made once per sign-up list. */
interface OwnedIndex {
  byTag: Map<string, Array<[owner: number, prompt: Prompt]>>;
  sayingAny: Array<[owner: number, prompt: Prompt]>;
}
const indexes = new WeakMap<readonly SignUp[], Map<string, OwnedIndex>>();
function indexOf(signUps: readonly SignUp[], side: 'offers' | 'requests', kind: PromptTagKind): OwnedIndex {
  let bySide = indexes.get(signUps);
  if (!bySide) indexes.set(signUps, (bySide = new Map()));
  const key = `${side} ${kind}`;
  let index = bySide.get(key);
  if (!index) {
    const built: OwnedIndex = { byTag: new Map(), sayingAny: [] };
    signUps.forEach((signUp, owner) => {
      for (const prompt of signUp[side]) {
        if (saysAny(prompt, kind)) built.sayingAny.push([owner, prompt]);
        for (const tag of tagSetOf(prompt, kind)) {
          const list = built.byTag.get(tag) ?? [];
          list.push([owner, prompt]);
          built.byTag.set(tag, list);
        }
      }
    });
    bySide.set(key, (index = built));
  }
  return index;
}

function meetsKind(rule: MatchRule, a: Prompt, b: Prompt, kind: PromptTagKind): boolean {
  if (rule.shared[kind] === 0) return true;
  if (rule.doesAnyMatchEverything && (saysAny(a, kind) || saysAny(b, kind))) return true;
  return sharedOf(a, b, kind).length >= rule.shared[kind];
}

export function explainAssignment(rule: MatchRule, offer: Prompt, request: Prompt): Explanation {
  const shared = PROMPT_TAG_KINDS.flatMap((kind) => sharedOf(offer, request, kind).map((tag) => ({ kind, tag })));
  const metByAny = PROMPT_TAG_KINDS.filter(
    (kind) => rule.shared[kind] > 0 && sharedOf(offer, request, kind).length < rule.shared[kind],
  );
  const parts: string[] = [];
  if (shared.length > 0) parts.push(`You both listed: ${shared.map((s) => s.tag).join('; ')}.`);
  for (const kind of metByAny) {
    const [one] = KIND_NAMES[kind];
    parts.push(saysAny(offer, kind) ? `The offer takes any ${one}.` : `The request takes any ${one}.`);
  }
  if (parts.length === 0) parts.push('This exchange matches every offer with every request.');
  return { shared, metByAny, text: parts.join(' ') };
}

function listing(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Why a participant is left out on one side. `side` 'receiver': they receive
 * no gift (their requests against everyone else's offers); 'giver': they give
 * none. `candidates` are those the optimum could have paired them with;
 * `demand` reads the sign-up summary (`demandLookup`).
 */
export function explainLeftOut(
  rule: MatchRule,
  signUps: readonly SignUp[],
  demand: (kind: PromptTagKind, tag: string) => TagDemand,
  participant: number,
  side: 'receiver' | 'giver',
  candidates: readonly string[],
): LeftOutReason {
  const me = signUps[participant]!;
  const mine = side === 'receiver' ? me.requests : me.offers;
  const [myVerb, theirNoun, theirVerb] =
    side === 'receiver' ? ['requested', 'offer', 'offered'] : ['offered', 'request', 'requested'];
  if (mine.length === 0) {
    return { code: 'no-prompts', text: side === 'receiver' ? 'You made no requests.' : 'You made no offers.' };
  }
  if (candidates.length > 0) {
    const who = candidates.length === 1 ? '1 participant' : `${candidates.length} participants`;
    return {
      code: 'needed-elsewhere',
      candidates: [...candidates],
      text:
        side === 'receiver'
          ? `${who} could give to you, but each gives to someone else: no assignment with you in it has more participants receiving a gift, or as many with more tags shared.`
          : `You could give to ${who}, but each of them receives from someone else: no assignment with your gift in it has more participants receiving one, or as many with more tags shared.`,
    };
  }
  const kinds = PROMPT_TAG_KINDS.filter((kind) => rule.shared[kind] > 0);
  const theirSide = side === 'receiver' ? 'offers' : 'requests';
  const theirs: Array<[Prompt, Prompt]> = [];
  const first = kinds[0];
  for (const own of mine) {
    // Only prompts sharing a tag of the first required kind, or saying "any", can meet it: take those from the index.
    let others: Array<[number, Prompt]>;
    if (first === undefined || (rule.doesAnyMatchEverything && saysAny(own, first))) {
      others = signUps.flatMap((s, owner) => s[theirSide].map((p): [number, Prompt] => [owner, p]));
    } else {
      const index = indexOf(signUps, theirSide, first);
      others = [
        ...(rule.doesAnyMatchEverything ? index.sayingAny : []),
        ...[...tagSetOf(own, first)].flatMap((t) => index.byTag.get(t) ?? []),
      ];
    }
    for (const [owner, prompt] of new Set(others)) if (owner !== participant) theirs.push([own, prompt]);
  }
  let pairs = theirs;
  let metSoFar: PromptTagKind[] = [];
  for (const kind of kinds) {
    const kept = pairs.filter(([own, prompt]) => meetsKind(rule, own, prompt, kind));
    if (kept.length > 0) {
      pairs = kept;
      metSoFar = [...metSoFar, kind];
      continue;
    }
    const [one, many] = KIND_NAMES[kind];
    const tags = [...new Set(mine.flatMap((p) => tagsOf(p, kind)))].map((tag) => demand(kind, tag));
    const counts = tags.map((t) => {
      const mineToo = side === 'receiver' ? t.requested : t.offered;
      const theirsToo = side === 'receiver' ? t.offered : t.requested;
      return `${t.tag} was ${myVerb} by ${mineToo} and ${theirVerb} by ${theirsToo}`;
    });
    const needed = rule.shared[kind] === 1 ? `any ${one}` : `${rule.shared[kind]} ${many}`;
    const head =
      metSoFar.length === 0
        ? `No ${theirNoun} includes ${needed} you ${myVerb}`
        : `Some ${theirNoun}s share your ${listing(metSoFar.map((k) => KIND_NAMES[k][0]))}, but none of them also includes ${needed} you ${myVerb}`;
    return { code: 'no-match', kind, tags, text: counts.length > 0 ? `${head}: ${counts.join('; ')}.` : `${head}.` };
  }
  // Every kind is met by someone else's prompt, so there would be candidates — unless nobody else signed up.
  return { code: 'no-match', kind: kinds[0] ?? 'fandom', tags: [], text: `Nobody else made an ${theirNoun}.` };
}
