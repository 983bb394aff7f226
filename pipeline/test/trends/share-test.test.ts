import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  fisherExactTwoSided,
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
