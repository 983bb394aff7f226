import { describe, expect, it } from 'vitest';
import { fitShareSlope } from '../../src/trends/share-trend.ts';

describe('fitShareSlope', () => {
  it('recovers the slope of exact logistic data', () => {
    const totals = Array.from({ length: 8 }, () => 10_000);
    const counts = totals.map((n, t) => Math.round(n / (1 + Math.exp(-(-3 + 0.2 * t)))));
    const fit = fitShareSlope(counts, totals)!;
    expect(fit.slope).toBeCloseTo(0.2, 3);
    expect(fit.pValue).toBeLessThan(1e-10);
    expect(fit.effect).toBeGreaterThan(3);
  });

  it('sees no slope in a flat share and skips empty periods', () => {
    const fit = fitShareSlope([10, 0, 10, 10, 10], [100, 0, 100, 100, 100])!;
    expect(fit.slope).toBeCloseTo(0, 9);
    expect(fit.pValue).toBeCloseTo(1, 9);
    expect(fit.effect).toBeCloseTo(1, 9);
  });

  it('widens the interval of overdispersed counts', () => {
    const totals = [100, 100, 100, 100, 100, 100];
    const calm = fitShareSlope([10, 11, 10, 12, 11, 12], totals)!;
    const wild = fitShareSlope([2, 20, 3, 22, 4, 24], totals)!;
    expect(calm.dispersion).toBe(1);
    expect(wild.dispersion).toBeGreaterThan(3);
  });

  it('returns null with fewer than 3 periods or nothing to fit', () => {
    expect(fitShareSlope([1, 2], [10, 10])).toBeNull();
    expect(fitShareSlope([0, 0, 0], [10, 10, 10])).toBeNull();
  });
});
