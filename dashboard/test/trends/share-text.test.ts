import { describe, expect, it } from 'vitest';
import { formatShare, topShares } from '../../src/lib/trends/share-text.ts';

describe('share text', () => {
  it('writes shares as whole percents', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.237)).toBe('24%');
    expect(formatShare(1)).toBe('100%');
  });

  it('lists series with papers, largest share first, at most the limit', () => {
    const rows = [
      { line: 'a', share: 0.1, count: 2 },
      { line: 'b', share: 0.5, count: 9 },
      { line: 'c', share: 0.3, count: 0 },
      { line: 'd', share: null, count: 4 },
      { line: 'e', share: undefined, count: undefined },
      { line: 'f', share: 0.2, count: 3 },
    ];
    expect(topShares(rows).map((row) => row.line)).toEqual(['b', 'f', 'a']);
    expect(topShares(rows, 2).map((row) => row.line)).toEqual(['b', 'f']);
  });

  it('keeps at most eight rows by default', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ line: i, share: i / 100, count: 1 }));
    expect(topShares(rows).map((row) => row.line)).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
  });
});
