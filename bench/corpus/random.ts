/**
 * Seeded randomness for the corpus generator: a small fast PRNG and the
 * distributions the corpus draws from (log-normal sizes, skewed "rich get
 * richer" picks, weighted choices), plus invented words spelled from
 * syllables — never text from any real work.
 */

/** sfc32 seeded through splitmix32: fast, good enough, and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  normal(): number {
    const u = 1 - this.random();
    const v = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal draw with the given median and shape. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An index into `length` items skewed towards the start: item 0 is the most likely. */
  skewedIndex(length: number, skew: number): number {
    return Math.min(length - 1, Math.floor(length * this.random() ** skew));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let r = this.random() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }
}

const SYLLABLES = [
  'la', 'mor', 'ven', 'ta', 'ris', 'el', 'do', 'qua', 'sen', 'bri', 'ho', 'lun', 'ca', 'mir', 'tes', 'an',
  'ou', 'gal', 'ny', 'pe', 'sor', 'vi', 'ka', 'thi', 'ru', 'zel', 'fa', 'no', 'wen', 'ik', 'ba', 'sel',
]; // prettier-ignore

/** A distinct invented word for each number: syllables in base 32, so names never collide. */
export function inventedWord(n: number): string {
  let word = '';
  let rest = n;
  do {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return word;
}

export function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
