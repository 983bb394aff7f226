import { describe, expect, it } from 'vitest';
import { partitionAgreement } from '../../../src/topics/quality/partition-agreement.ts';

describe('partitionAgreement', () => {
  it('matches scikit-learn on a small example', () => {
    // sklearn: normalized_mutual_info_score = 0.5588730382170324,
    // adjusted_rand_score = 0.23809523809523808.
    const result = partitionAgreement(
      [0, 0, 0, 1, 1, 1, 2, 2],
      ['x', 'x', 'y', 'y', 'y', 'z', 'z', 'z'],
    );
    expect(result.nmi).toBeCloseTo(0.5588730382170324, 12);
    expect(result.ari).toBeCloseTo(0.23809523809523808, 12);
    expect(result.count).toBe(8);
  });

  it('is 1 for the same partition under other names', () => {
    expect(partitionAgreement([0, 0, 1, 1], [1, 1, 0, 0])).toMatchObject({ nmi: 1, ari: 1 });
  });

  it('is 0 against a single reference class', () => {
    const result = partitionAgreement([0, 1, 2, 3], [0, 0, 0, 0]);
    expect(result.nmi).toBe(0);
    expect(result.ari).toBe(0);
  });

  it('refuses lists of different lengths', () => {
    expect(() => partitionAgreement([0], [0, 1])).toThrow(/1 clusters but 2 labels/);
  });
});
