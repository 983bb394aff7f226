import { describe, expect, it } from 'vitest';
import { flagEvidence, formatEffect, formatPValue } from '../../src/lib/trends/flag-text.ts';
import type { TrendFlag } from '../../src/lib/data/artifacts.ts';

describe('flag evidence', () => {
  it('formats p-values and effects for reading', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.0042)).toBe('p = 0.004');
    expect(formatPValue(0.2345)).toBe('p = 0.23');
    expect(formatEffect(3.26)).toBe('3.3× the baseline share');
    expect(formatEffect(0.42)).toBe('42% of the baseline share');
  });

  it('names the windows, the counts, the effect and both p-values', () => {
    const flag: TrendFlag = {
      kind: 'topic',
      key: '4',
      status: 'emerging',
      scale: 'week',
      window: { start: '2024-03-11', end: '2024-03-17' },
      baseline: { start: '2024-02-12', end: '2024-03-10' },
      recentCount: 6,
      baselineCount: 1,
      recentTotal: 40,
      baselineTotal: 120,
      effect: 13.2,
      effectLow: 1.9,
      effectHigh: 90,
      pValue: 0.0005,
      qValue: 0.004,
    };
    expect(flagEvidence(flag)).toEqual([
      'This week Mar 11 – Mar 17, 2024: 6 of 40 papers (15.0%)',
      'Baseline Feb 12 – Mar 10, 2024: 1 of 120 papers (0.8%)',
      'Effect: 13× the baseline share (95% CI 1.9×–90×) · p < 0.001 · q = 0.004 after multiple testing',
    ]);
  });
});
