/**
 * The ASCII shortcut of searchTokens gives the words the general path
 * (normalize, cut, fold) gives: a text with one accented word added at the
 * end takes the general path, and must give the same words plus that one.
 */
import { describe, expect, it } from 'vitest';
import { searchTokens } from './text.ts';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('searchTokens on ASCII text', () => {
  it('gives the general path’s words', () => {
    const random = seeded(11);
    const chars = 'aZq09 _-\'".,;:!?\n\t<>&/\\()[]{}~`@#$%^*+=|\u0000\u007f';
    for (let n = 0; n < 500; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 60) },
        () => chars[Math.floor(random() * chars.length)],
      ).join('');
      const general = searchTokens(`${text} Émile`);
      expect(general.at(-1)).toBe('emile');
      expect(searchTokens(text)).toEqual(general.slice(0, -1));
    }
  });

  it('lower-cases words and drops punctuation', () => {
    expect(searchTokens('The Lamp-Keeper said: "Forty 2 ships!"')).toEqual([
      'the',
      'lamp',
      'keeper',
      'said',
      'forty',
      '2',
      'ships',
    ]);
    expect(searchTokens('... ---')).toEqual([]);
  });
});
