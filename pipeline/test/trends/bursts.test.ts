import { describe, expect, it } from 'vitest';
import { burstArtifact, findBursts } from '../../src/trends/bursts.ts';

describe('findBursts (Kleinberg two-state, batched)', () => {
  it('finds a planted burst where it is, and its weight', () => {
    const totals = Array.from({ length: 40 }, () => 100);
    const counts = totals.map((_, t) => (t >= 20 && t < 26 ? 15 : 3));
    const bursts = findBursts(counts, totals);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ first: 20, last: 25, count: 90, total: 600 });
    // Weight = Σ over the burst of cost(base) − cost(burst state), by hand for one batch.
    const p0 = (6 * 15 + 34 * 3) / 4000;
    const p1 = 2 * p0;
    const saving = 15 * Math.log(p1 / p0) + 85 * Math.log((1 - p1) / (1 - p0));
    expect(bursts[0]!.weight).toBeCloseTo(6 * saving, 9);
  });

  it('finds none in a constant share, nor in an absent or total series', () => {
    const totals = Array.from({ length: 30 }, () => 50);
    expect(
      findBursts(
        totals.map(() => 5),
        totals,
      ),
    ).toEqual([]);
    expect(
      findBursts(
        totals.map(() => 0),
        totals,
      ),
    ).toEqual([]);
    expect(findBursts(totals, totals)).toEqual([]);
  });

  it('skips batches without papers (gaps) and names bursts by their batches', () => {
    const totals = [100, 0, 100, 100, 0, 100, 100, 100, 0, 100, 100, 100, 100, 100];
    const counts = [2, 0, 2, 2, 0, 2, 20, 25, 0, 22, 2, 2, 2, 2];
    const [burst] = findBursts(counts, totals);
    expect(burst).toMatchObject({ first: 6, last: 9, count: 67, total: 300 });
    const days = totals.map((_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);
    expect(burstArtifact('topic', '4', burst!, days, days)).toMatchObject({
      kind: 'topic',
      key: '4',
      start: '2024-01-07',
      end: '2024-01-10',
    });
  });

  it('rejects out-of-range options', () => {
    expect(() => findBursts([1], [2], { rateRatio: 1, gamma: 1 })).toThrow(/rateRatio/);
  });
});
