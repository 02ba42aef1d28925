import { describe, expect, it } from 'vitest';
import { defaultExchangeSettings, type Prompt } from './settings.ts';
import { validateSignUp } from './validate-sign-up.ts';

const good: Prompt = { tags: { fandom: ['Harbor Lights'], character: ['Ada Quell'] } };

function errorsFor(requests: Prompt[], offers: Prompt[] = [good]) {
  return validateSignUp(defaultExchangeSettings(), { requests, offers });
}

describe('validating a sign-up against the exchange settings', () => {
  it('accepts a sign-up within every rule', () => {
    expect(errorsFor([good, { tags: { fandom: ['Moonwell Academy'], character: ['Kit Lanner', 'Pell'] } }])).toEqual(
      [],
    );
  });

  it('names the side when too few or too many prompts are given', () => {
    expect(errorsFor([])).toEqual([
      { field: 'requests', rule: 'count.min', message: 'Give at least 1 request; you gave 0.' },
    ]);
    expect(errorsFor([good], [good, good, good, good])).toEqual([
      { field: 'offers', rule: 'count.max', message: 'Give at most 3 offers; you gave 4.' },
    ]);
  });

  it('names the prompt and kind when required tags are missing', () => {
    expect(errorsFor([{ tags: { fandom: ['Harbor Lights'] } }])).toEqual([
      {
        field: 'requests[0].character',
        rule: 'tags.required',
        message: 'Request 1: choose at least 1 character; you chose 0.',
      },
    ]);
    // Offers may say "any character", and the message says so.
    expect(errorsFor([good], [good, { tags: { character: ['Ada Quell'] } }])).toEqual([
      { field: 'offers[1].fandom', rule: 'tags.required', message: 'Offer 2: choose at least 1 fandom; you chose 0.' },
    ]);
    expect(errorsFor([good], [{ tags: { fandom: ['Harbor Lights'] } }])[0]?.message).toBe(
      'Offer 1: choose at least 1 character (or "any"); you chose 0.',
    );
  });

  it('names the prompt and kind when more tags are given than allowed', () => {
    const crowded: Prompt = {
      tags: { fandom: ['Harbor Lights', 'Moonwell Academy'], character: ['A', 'B', 'C', 'D'] },
    };
    expect(errorsFor([crowded])).toEqual([
      {
        field: 'requests[0].fandom',
        rule: 'tags.allowed',
        message: 'Request 1: choose at most 1 fandom; you chose 2.',
      },
      {
        field: 'requests[0].character',
        rule: 'tags.allowed',
        message: 'Request 1: choose at most 3 characters; you chose 4.',
      },
    ]);
    const settings = defaultExchangeSettings();
    settings.requests.tags.freeform.allowed = 0;
    expect(
      validateSignUp(settings, { requests: [{ tags: { ...good.tags, freeform: ['Snow'] } }], offers: [good] }),
    ).toEqual([
      {
        field: 'requests[0].freeform',
        rule: 'tags.allowed',
        message: 'Request 1: this exchange takes no additional tags.',
      },
    ]);
  });

  it('refuses "any" where the settings do not allow it, and "any" beside named tags', () => {
    expect(errorsFor([{ tags: { fandom: ['Harbor Lights'] }, any: { character: true } }])).toEqual([
      {
        field: 'requests[0].character',
        rule: 'any.not-allowed',
        message: 'Request 1: this exchange does not allow "any" character.',
      },
    ]);
    expect(
      errorsFor([good], [{ tags: { fandom: ['Harbor Lights'], character: ['Pell'] }, any: { character: true } }]),
    ).toEqual([
      {
        field: 'offers[0].character',
        rule: 'any.with-tags',
        message: 'Offer 1: choose "any" character or name characters, not both.',
      },
    ]);
    expect(errorsFor([good], [{ tags: { fandom: ['Harbor Lights'] }, any: { character: true } }])).toEqual([]);
  });

  it('names a tag listed twice in one prompt', () => {
    expect(errorsFor([{ tags: { fandom: ['Harbor Lights'], character: ['Pell', 'pell'] } }])).toEqual([
      { field: 'requests[0].character', rule: 'tags.duplicate', message: 'Request 1: pell is listed twice.' },
    ]);
  });
});
