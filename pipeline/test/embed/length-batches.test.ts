import { describe, expect, it } from 'vitest';
import { lengthSortedBatches } from '../../src/embed/length-batches.ts';

describe('lengthSortedBatches', () => {
  it('groups texts of similar length, shortest first, ties by position', () => {
    expect(lengthSortedBatches([5, 2, 9, 2, 7], 2)).toEqual([[1, 3], [0, 4], [2]]);
  });

  it('places every position exactly once, whatever the batch size', () => {
    const lengths = Array.from({ length: 37 }, (_, i) => (i * 7919) % 23);
    for (const size of [1, 3, 8, 64]) {
      const batches = lengthSortedBatches(lengths, size);
      expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
      expect(batches.every((batch) => batch.length <= size)).toBe(true);
      const sorted = batches.flat().map((i) => lengths[i]);
      expect(sorted).toEqual([...sorted].sort((a, b) => (a as number) - (b as number)));
    }
  });

  it('returns no batch for no text', () => {
    expect(lengthSortedBatches([], 4)).toEqual([]);
  });

  it('rejects a batch size below 1', () => {
    expect(() => lengthSortedBatches([1], 0)).toThrow(/batchSize/);
  });
});
