import { describe, expect, it } from 'vitest';
import {
  calibrateThreshold,
  compilePatterns,
  weakLabel,
  type WeakLabel,
} from '../../src/themes/calibration.ts';

describe('weakLabel', () => {
  const patterns = compilePatterns(['\\bprun(?:e|ed|ing)\\b', 'sparsity']);

  it('takes a title match as a positive under both rules', () => {
    expect(weakLabel('Pruning LLMs', 'We study it.', patterns, 'title')).toBe(1);
    expect(weakLabel('Pruning LLMs', 'We study it.', patterns, 'text')).toBe(1);
  });

  it('needs two abstract matches under the text rule, and leaves single mentions out', () => {
    const twice = 'We prune heads. Pruned models keep their sparsity.';
    expect(weakLabel('Efficient LLMs', twice, patterns, 'text')).toBe(1);
    expect(weakLabel('Efficient LLMs', twice, patterns, 'title')).toBe(-1);
    expect(weakLabel('Efficient LLMs', 'Unlike pruning, we distil.', patterns, 'text')).toBe(-1);
  });

  it('takes a paper that never matches as a negative, case-insensitively', () => {
    expect(weakLabel('Protein folding', 'A survey.', patterns, 'text')).toBe(0);
    expect(weakLabel('SPARSITY', '', patterns, 'title')).toBe(1);
  });
});

describe('calibrateThreshold', () => {
  it('finds the threshold that separates positives from negatives', () => {
    const scores = [0.9, 0.8, 0.7, 0.45, 0.3, 0.2, 0.1, 0.55];
    const labels: WeakLabel[] = [1, 1, 1, 0, 0, 0, 0, -1];
    const { best, positives, negatives } = calibrateThreshold(scores, labels, { beta: 1 });
    expect(positives).toBe(3);
    expect(negatives).toBe(4);
    expect(best.f).toBe(1);
    // Every grid point in (0.45, 0.7] separates; ties go to the highest threshold.
    expect(best.threshold).toBe(0.7);
    expect(best.selected).toBe(3);
  });

  it('weights recall with beta > 1', () => {
    const scores = [0.9, 0.6, 0.55, 0.5, 0.45, 0.4];
    const labels: WeakLabel[] = [1, 0, 0, 0, 0, 1];
    const f1 = calibrateThreshold(scores, labels, { beta: 1 }).best;
    const f3 = calibrateThreshold(scores, labels, { beta: 3 }).best;
    expect(f1.threshold).toBe(0.8);
    expect(f3.threshold).toBe(0.4);
    expect(f3.recall).toBe(1);
    expect(f3.precision).toBeCloseTo(2 / 6, 12);
  });

  it('refuses to calibrate without positives', () => {
    expect(() => calibrateThreshold([0.5], [0])).toThrow(/no weak positives/);
  });
});
