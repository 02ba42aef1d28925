import { describe, expect, it } from 'vitest';
import { matchExchange } from './match-exchange.ts';
import { defaultExchangeSettings, type SignUp } from './settings.ts';
import { summarizeSignUps } from './sign-up-summary.ts';

describe('explanations', () => {
  it('name the tags the offer and the request share, and "any" where it met the rule', async () => {
    const settings = defaultExchangeSettings();
    settings.match.shared.character = 1;
    const signUps: SignUp[] = [
      {
        participantId: 'ann',
        requests: [
          {
            tags: {
              fandom: ['Les Misérables'],
              relationship: ['Javert/Jean Valjean'],
              freeform: ['Kink Meme'],
              character: ['Javert'],
            },
          },
        ],
        offers: [{ tags: { fandom: ['Moonwell Academy'] }, any: { character: true } }],
      },
      {
        participantId: 'bo',
        requests: [{ tags: { fandom: ['Moonwell Academy'], character: ['Kit Lanner'] } }],
        offers: [
          { tags: { fandom: ['Harbor Lights'], character: ['Mira Sol'] } },
          {
            tags: {
              fandom: ['Les Misérables'],
              relationship: ['Javert/Jean Valjean'],
              freeform: ['Kink Meme'],
              character: ['Javert', 'Cosette'],
            },
          },
        ],
      },
    ];
    const result = await matchExchange(settings, signUps);
    const toAnn = result.assignments.find((a) => a.receiverId === 'ann')!;
    expect(toAnn.offerIndex).toBe(1);
    expect(toAnn.explanation.text).toBe('You both listed: Les Misérables; Javert; Javert/Jean Valjean; Kink Meme.');
    expect(toAnn.explanation.shared).toContainEqual({ kind: 'relationship', tag: 'Javert/Jean Valjean' });
    const toBo = result.assignments.find((a) => a.receiverId === 'bo')!;
    expect(toBo.explanation.text).toBe('You both listed: Moonwell Academy. The offer takes any character.');
    expect(toBo.explanation.metByAny).toEqual(['character']);
  });
});

describe('reasons for being left out', () => {
  const fandom = (name: string, character = 'Someone') => ({ tags: { fandom: [name], character: [character] } });

  it('say which requested fandom nobody offers, with how often it was requested and offered', async () => {
    const settings = defaultExchangeSettings();
    const signUps: SignUp[] = [
      { participantId: 'ann', requests: [fandom('Fandom A')], offers: [fandom('Fandom B', 'Nobody')] },
      { participantId: 'bo', requests: [fandom('Fandom A'), fandom('Fandom B')], offers: [fandom('Fandom C')] },
      { participantId: 'cas', requests: [fandom('Fandom A'), fandom('Fandom C')], offers: [fandom('Fandom B')] },
    ];
    const result = await matchExchange(settings, signUps);
    const ann = result.withoutGift.find((l) => l.participantId === 'ann')!;
    expect(ann.reason).toMatchObject({ code: 'no-match', kind: 'fandom' });
    expect(ann.reason.text).toBe(
      'No offer includes any fandom you requested: Fandom A was requested by 3 and offered by 0.',
    );
    // Ann offers Fandom B, which Bo requested — but Cas's offer shares Bo's character too, so Cas gives to Bo.
    const annGives = result.withoutRecipient.find((l) => l.participantId === 'ann')!;
    expect(annGives.reason).toMatchObject({ code: 'needed-elsewhere', candidates: ['bo'] });
    expect(annGives.reason.text).toMatch(
      /^You could give to 1 participant, but each of them receives from someone else/,
    );
  });

  it('say which later kind fails once the fandom is shared', async () => {
    const settings = defaultExchangeSettings();
    settings.match.shared.character = 1;
    const signUps: SignUp[] = [
      { participantId: 'ann', requests: [fandom('Harbor Lights', 'Ada Quell')], offers: [fandom('Moonwell Academy')] },
      { participantId: 'bo', requests: [fandom('Moonwell Academy')], offers: [fandom('Harbor Lights', 'Rook Fenner')] },
    ];
    const result = await matchExchange(settings, signUps);
    expect(result.withoutGift.find((l) => l.participantId === 'ann')!.reason.text).toBe(
      'Some offers share your fandom, but none of them also includes any character you requested: Ada Quell was requested by 1 and offered by 0.',
    );
  });

  it('say when others could give but were needed elsewhere', async () => {
    const settings = defaultExchangeSettings();
    // Ann and Bo both want what only Cas offers.
    const signUps: SignUp[] = [
      { participantId: 'ann', requests: [fandom('Fandom A')], offers: [fandom('Fandom C')] },
      { participantId: 'bo', requests: [fandom('Fandom A')], offers: [fandom('Fandom C')] },
      { participantId: 'cas', requests: [fandom('Fandom C')], offers: [fandom('Fandom A')] },
    ];
    const result = await matchExchange(settings, signUps);
    expect(result.withoutGift).toHaveLength(1);
    const left = result.withoutGift[0]!;
    expect(left.reason).toMatchObject({ code: 'needed-elsewhere', candidates: ['cas'] });
    expect(left.reason.text).toMatch(/^1 participant could give to you, but each gives to someone else/);
  });

  it('say when a participant made no requests', async () => {
    const signUps: SignUp[] = [
      { participantId: 'ann', requests: [], offers: [fandom('Fandom A')] },
      { participantId: 'bo', requests: [fandom('Fandom A')], offers: [fandom('Fandom B')] },
    ];
    const result = await matchExchange(defaultExchangeSettings(), signUps);
    expect(result.withoutGift.find((l) => l.participantId === 'ann')!.reason).toEqual({
      code: 'no-prompts',
      text: 'You made no requests.',
    });
  });
});

describe('the sign-up summary', () => {
  it('counts, per tag, the requests and the offers naming it', () => {
    const signUps: SignUp[] = [
      {
        participantId: 'ann',
        requests: [{ tags: { fandom: ['Fandom A'], character: ['Pell', 'Pell'] } }, { tags: { fandom: ['Fandom A'] } }],
        offers: [{ tags: { fandom: ['Fandom B'] } }],
      },
      {
        participantId: 'bo',
        requests: [{ tags: { fandom: ['Fandom B'] } }],
        offers: [{ tags: { fandom: ['Fandom A'], character: ['Pell'] } }],
      },
    ];
    expect(summarizeSignUps(signUps)).toEqual([
      { kind: 'fandom', tag: 'Fandom A', requested: 2, offered: 1 },
      { kind: 'fandom', tag: 'Fandom B', requested: 1, offered: 1 },
      { kind: 'character', tag: 'Pell', requested: 1, offered: 1 },
    ]);
  });
});
