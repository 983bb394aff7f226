import { describe, expect, it } from 'vitest';
import { countWindows, npmiCoherence, npmiFromCounts } from '../../../src/topics/quality/npmi.ts';

// Word ids: a = 0, b = 1, c = 2, d = 3.
const [a, b, c, d] = [0, 1, 2, 3];

describe('npmiCoherence', () => {
  it('matches a hand-computed example (values confirmed with gensim c_npmi)', () => {
    // Window 3. Text 1 gives windows [a b c] and [b c a]; text 2 is shorter than the window and
    // is one window [b d]. So 3 windows: P(a) = 2/3, P(b) = 1, P(d) = 1/3, P(a,b) = 2/3,
    // P(a,d) = 0, P(b,d) = 1/3.
    // NPMI(a,b) = log((2/3 + ε) / (2/3)) / −log(2/3 + ε) ≈ 0
    // NPMI(a,d) = log(ε / (2/9)) / −log(ε) = (ln 1e-12 − ln(2/9)) / −ln 1e-12 ≈ −0.945566
    // NPMI(b,d) = log((1/3) / (1/3)) / −log(1/3) = 0
    const result = npmiCoherence(
      [
        [a, b, c, a],
        [b, d],
      ],
      [[a, b, d]],
      3,
    );
    const expected = (Math.log(1e-12) - Math.log(2 / 9)) / -Math.log(1e-12) / 3;
    expect(result.mean).toBeCloseTo(expected, 10);
    expect(result.mean).toBeCloseTo(-0.3151885412818749, 10);
    expect(result.perTopic).toHaveLength(1);
  });

  it('reproduces gensim clearing a word when it leaves the window, even if it recurs inside', () => {
    // Windows of [a b a c d] with size 3: [a b a], [b a c], [a c d]. gensim flags {a,b}, then
    // clears the leaving a: {b,c}, then {c,d}. So P(a) = 1/3, P(c) = 2/3, P(a,c) = 0.
    const result = npmiCoherence([[a, b, a, c, d]], [[a, c]], 3);
    expect(result.mean).toBeCloseTo(-0.9455656238520547, 10);
  });

  it('is 1 for words that always occur together and averages over topics', () => {
    const texts = [
      [a, b],
      [c, d],
      [c, d],
    ];
    const result = npmiCoherence(
      texts,
      [
        [a, b],
        [c, d],
      ],
      10,
    );
    expect(result.perTopic[0]).toBeCloseTo(1, 6);
    expect(result.perTopic[1]).toBeCloseTo(1, 6);
    expect(result.mean).toBeCloseTo(1, 6);
  });

  it('gives NaN for a topic with fewer than two words and leaves it out of the mean', () => {
    const result = npmiCoherence([[a, b], [c]], [[a], [a, b]], 10);
    expect(result.perTopic[0]).toBeNaN();
    expect(result.mean).toBeCloseTo(1, 6);
  });
});

describe('countWindows', () => {
  const texts = [
    [a, b, c, a, d, b],
    [c, d],
    [a, d, d, b, c],
  ];

  it('serves any topics of the counted words with the figures of a count of their own', () => {
    const counts = countWindows(texts, [a, b, c, d], 3);
    for (const topics of [
      [[a, b]],
      [[a, c, d]],
      [
        [b, d],
        [a, b, c, d],
      ],
    ]) {
      expect(npmiFromCounts(counts, topics)).toEqual(npmiCoherence(texts, topics, 3));
    }
    expect(counts.windows).toBe(4 + 1 + 3);
  });

  it('counts what a window-by-window pass counts, on random texts', () => {
    // The reference: gensim's accumulator as written, one window at a time, every pair of the
    // window's flagged words counted in every window.
    const naive = (list: number[][], words: number[], size: number) => {
      const counted = new Set(words);
      const occurrences = new Map<number, number>();
      const together = new Map<string, number>();
      let windows = 0;
      const count = (flagged: Set<number>) => {
        windows++;
        for (const x of flagged) {
          occurrences.set(x, (occurrences.get(x) ?? 0) + 1);
          for (const y of flagged)
            if (x < y) together.set(`${x},${y}`, (together.get(`${x},${y}`) ?? 0) + 1);
        }
      };
      for (const text of list) {
        const flagged = new Set(text.slice(0, size).filter((w) => counted.has(w)));
        count(flagged);
        for (let end = size; end < text.length; end++) {
          flagged.delete(text[end - size]!);
          if (counted.has(text[end]!)) flagged.add(text[end]!);
          count(flagged);
        }
      }
      return { windows, occurrences, together };
    };
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let trial = 0; trial < 20; trial++) {
      const list = Array.from({ length: 1 + next(6) }, () =>
        Array.from({ length: next(30) }, () => next(12)),
      );
      const words = Array.from({ length: 1 + next(8) }, () => next(14));
      const size = 1 + next(6);
      const expected = naive(list, words, size);
      const counts = countWindows(list, words, size);
      expect(counts.windows).toBe(expected.windows);
      const distinct = [...new Set(words)];
      for (const x of distinct) {
        expect(counts.occurrences[counts.slots.get(x)!]).toBe(expected.occurrences.get(x) ?? 0);
        for (const y of distinct) {
          if (x >= y) continue;
          const got = counts.together(counts.slots.get(x)!, counts.slots.get(y)!);
          expect(got, `${x},${y}`).toBe(expected.together.get(`${x},${y}`) ?? 0);
        }
      }
    }
  });

  it('refuses a word it did not count', () => {
    const counts = countWindows(texts, [a, b], 3);
    expect(() => npmiFromCounts(counts, [[a, c]])).toThrow(/word 2 was not counted/);
  });
});
