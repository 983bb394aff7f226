import { describe, expect, it } from 'vitest';
import { randomHypergeometric } from './random-hypergeometric.ts';
import {
  benjaminiHochberg,
  discreteBenjaminiHochberg,
  fisherExactTwoSided,
  fisherSupport,
  shareRatio,
  type WindowCounts,
} from '../../src/trends/share-test.ts';

/** Exact binomial coefficient. */
function choose(n: number, k: number): bigint {
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/** Fisher's two-sided p-value by enumerating every table with exact integer weights. */
function referenceFisher(c: WindowCounts): number {
  const n = c.recentTotal + c.baselineTotal;
  const k = c.recentCount + c.baselineCount;
  const weight = (x: number) => choose(k, x) * choose(n - k, c.recentTotal - x);
  const observed = weight(c.recentCount);
  let tail = 0n;
  for (let x = Math.max(0, c.recentTotal - (n - k)); x <= Math.min(k, c.recentTotal); x++) {
    if (weight(x) <= observed) tail += weight(x);
  }
  return Number((tail * 10n ** 15n) / choose(n, c.recentTotal)) / 1e15;
}

describe('fisherExactTwoSided', () => {
  it('matches R fisher.test on textbook tables', () => {
    // fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857143
    expect(
      fisherExactTwoSided({ recentCount: 3, recentTotal: 4, baselineCount: 1, baselineTotal: 4 }),
    ).toBeCloseTo(0.4857143, 6);
    // fisher.test(matrix(c(1, 9, 9, 1), 2))$p.value = 0.001093
    expect(
      fisherExactTwoSided({ recentCount: 1, recentTotal: 10, baselineCount: 9, baselineTotal: 10 }),
    ).toBeCloseTo(0.0010933, 6);
  });

  it('agrees with exact enumeration on many small tables', () => {
    for (let recentTotal = 1; recentTotal <= 9; recentTotal += 2) {
      for (let baselineTotal = 1; baselineTotal <= 30; baselineTotal += 7) {
        for (let recentCount = 0; recentCount <= recentTotal; recentCount++) {
          for (let baselineCount = 0; baselineCount <= baselineTotal; baselineCount += 3) {
            const c = { recentCount, recentTotal, baselineCount, baselineTotal };
            const p = fisherExactTwoSided(c);
            expect(p, JSON.stringify(c)).toBeGreaterThanOrEqual(0);
            expect(p, JSON.stringify(c)).toBeLessThanOrEqual(1);
            expect(p, JSON.stringify(c)).toBeCloseTo(referenceFisher(c), 9);
          }
        }
      }
    }
  });

  it('is 1 when a window is empty or the series is absent', () => {
    expect(
      fisherExactTwoSided({ recentCount: 0, recentTotal: 0, baselineCount: 4, baselineTotal: 40 }),
    ).toBe(1);
    expect(
      fisherExactTwoSided({ recentCount: 0, recentTotal: 15, baselineCount: 0, baselineTotal: 40 }),
    ).toBe(1);
  });

  it('refuses counts above their totals', () => {
    expect(() =>
      fisherExactTwoSided({ recentCount: 5, recentTotal: 4, baselineCount: 0, baselineTotal: 4 }),
    ).toThrow(/0 ≤ count ≤ total/);
  });
});

describe('shareRatio', () => {
  it('smooths each cell by half a paper', () => {
    expect(
      shareRatio({ recentCount: 9, recentTotal: 19, baselineCount: 9, baselineTotal: 39 }),
    ).toBeCloseTo(9.5 / 20 / (9.5 / 40), 12);
    expect(
      shareRatio({ recentCount: 3, recentTotal: 9, baselineCount: 0, baselineTotal: 99 }),
    ).toBeCloseTo((3.5 / 10) * (100 / 0.5), 9);
    expect(
      shareRatio({ recentCount: 2, recentTotal: 20, baselineCount: 8, baselineTotal: 80 }),
    ).toBeCloseTo((2.5 / 21) * (81 / 8.5), 12);
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts by rank and keeps the adjusted values monotone', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(q[2]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(q[3]).toBeCloseTo(0.5, 12);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('fisherSupport', () => {
  it('holds exactly the p-values the tables of the margins give, ascending, ending at 1', () => {
    for (const [recentTotal, baselineTotal, successes] of [
      [5, 20, 3],
      [9, 30, 12],
      [40, 500, 7],
      [85, 1100, 30],
    ] as const) {
      const tables: WindowCounts[] = [];
      for (let k = 0; k <= Math.min(successes, recentTotal); k++) {
        if (successes - k <= baselineTotal) {
          tables.push({ recentCount: k, recentTotal, baselineCount: successes - k, baselineTotal });
        }
      }
      const support = [...fisherSupport(tables[0]!)];
      expect(support.at(-1)).toBe(1);
      for (let i = 1; i < support.length; i++) expect(support[i]!).toBeGreaterThan(support[i - 1]!);
      // Every observed p-value is in the support, and every value is some table's p-value.
      const observed = tables.map((c) => fisherExactTwoSided(c)).filter((p) => p > 1e-12);
      for (const p of observed) {
        expect(support.some((v) => Math.abs(v - p) <= 1e-7 * p)).toBe(true);
      }
      for (const v of support.filter((x) => x > 1e-12)) {
        expect(observed.some((p) => Math.abs(v - p) <= 1e-7 * v)).toBe(true);
      }
    }
  });

  it('is [1] when the margins allow one table', () => {
    expect([
      ...fisherSupport({ recentCount: 0, recentTotal: 10, baselineCount: 0, baselineTotal: 40 }),
    ]).toEqual([1]);
  });
});

/** The discrete BH step-down by its definition: y(t) = Σ F/(1 − F), q = running max of y/rank. */
function referenceDiscreteBH(p: number[], supports: Float64Array[]): number[] {
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const cdf = (support: Float64Array, t: number) =>
    [...support].filter((v) => v <= t * (1 + 1e-7)).at(-1) ?? 0;
  const q = new Array<number>(p.length);
  let running = 0;
  order.forEach((i, j) => {
    const t = p[i]!;
    const rank = order.filter((k) => p[k]! <= t).length;
    const y = supports.reduce((s, support) => {
      const f = cdf(support, t);
      return s + (f >= 1 ? Infinity : f / (1 - f));
    }, 0);
    running = Math.max(running, Math.min(1, y / Math.max(rank, j + 1)));
    q[i] = running;
  });
  return q;
}

describe('discreteBenjaminiHochberg', () => {
  const table = (
    recentCount: number,
    successes: number,
    recentTotal = 85,
    baselineTotal = 1100,
  ) => ({
    recentCount,
    recentTotal,
    baselineCount: successes - recentCount,
    baselineTotal,
  });

  it('matches the definition on a mix of small and large tables', () => {
    const tables = [
      table(9, 12),
      table(1, 3),
      table(30, 120),
      table(0, 4),
      table(6, 6),
      table(14, 60),
      table(2, 2),
      table(3, 40),
    ];
    const p = tables.map((t) => fisherExactTwoSided(t));
    const supports = tables.map((t) => fisherSupport(t));
    const q = discreteBenjaminiHochberg(p, supports);
    const want = referenceDiscreteBH(p, supports);
    q.forEach((v, i) => expect(v, `test ${i}`).toBeCloseTo(want[i]!, 10));
  });

  it('is not diluted by tests that cannot reach a small p-value, unlike BH', () => {
    const strong = [table(4, 6), table(5, 8), table(4, 5)];
    // Tests of one or two papers: their smallest attainable p-value is about 0.07.
    const weak = Array.from({ length: 3000 }, (_, i) => table(i % 2, 1 + (i % 2)));
    const all = [...strong, ...weak];
    const p = all.map((t) => fisherExactTwoSided(t));
    const alone = discreteBenjaminiHochberg(
      p.slice(0, 3),
      strong.map((t) => fisherSupport(t)),
    );
    const diluted = discreteBenjaminiHochberg(
      p,
      all.map((t) => fisherSupport(t)),
    );
    const bh = benjaminiHochberg(p);
    for (let i = 0; i < 3; i++) {
      expect(diluted[i]).toBeCloseTo(alone[i]!, 12);
      expect(diluted[i]!).toBeLessThan(0.05);
      expect(bh[i]!).toBeGreaterThan(0.05);
    }
  });

  it('is a little stricter than BH when every test is nearly continuous', () => {
    const tables = Array.from({ length: 40 }, (_, i) => table(20 + (i % 17), 300));
    const p = tables.map((t) => fisherExactTwoSided(t));
    const q = discreteBenjaminiHochberg(
      p,
      tables.map((t) => fisherSupport(t)),
    );
    const bh = benjaminiHochberg(p);
    q.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(bh[i]! * 0.999));
  });

  it('keeps false flags rare when every hypothesis is true (family-wise rate ≤ 5 %)', () => {
    // Under the complete null the FDR is the chance of any flag. 200 families of 300 small
    // tables (1–8 papers of the series out of a week and 13 weeks), drawn under the null.
    const draw = randomHypergeometric(3);
    let familiesWithFlag = 0;
    for (let f = 0; f < 200; f++) {
      const tables = Array.from({ length: 300 }, (_, i) => {
        const successes = 1 + ((i * 7 + f) % 8);
        return table(draw(1185, successes, 85), successes);
      });
      const q = discreteBenjaminiHochberg(
        tables.map((t) => fisherExactTwoSided(t)),
        tables.map((t) => fisherSupport(t)),
      );
      if (q.some((v) => v < 0.05)) familiesWithFlag++;
    }
    expect(familiesWithFlag / 200).toBeLessThanOrEqual(0.05 + 0.03);
  });

  it('refuses misaligned supports', () => {
    expect(() => discreteBenjaminiHochberg([0.1], [])).toThrow(/1 p-values but 0 supports/);
  });
});
