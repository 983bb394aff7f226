import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/index/exact-knn.ts';
import type { KnnGraph } from '../../src/index/knn.ts';
import { recallAtK, sampledRecallAtK, sampleRows } from '../../src/index/recall.ts';
import { randomUnitVectors } from './random-vectors.ts';

function graph(k: number, rows: number[][]): KnnGraph {
  return {
    k,
    count: rows.length,
    rows: Int32Array.from(rows.flat()),
    scores: new Float32Array(rows.length * k),
  };
}

describe('recallAtK', () => {
  it('is the mean share of true neighbours found', () => {
    const exact = graph(2, [
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
    const approx = graph(2, [
      [2, 1],
      [0, 3],
      [3, 4],
    ]);
    expect(recallAtK(approx, exact, 2)).toBeCloseTo((1 + 0.5 + 0) / 3, 10);
    expect(recallAtK(exact, exact, 2)).toBe(1);
    expect(recallAtK(approx, exact, 1)).toBeCloseTo((0 + 1 + 0) / 3, 10);
  });

  it('ignores padding and maps sampled rows', () => {
    const exact = graph(2, [[1, -1]]);
    const approx = graph(2, [
      [1, -1],
      [0, -1],
    ]);
    expect(recallAtK(approx, exact, 2, [0])).toBe(1);
    expect(recallAtK(approx, exact, 2, [1])).toBe(0);
  });

  it('refuses k above the graphs', () => {
    expect(() => recallAtK(graph(1, [[0]]), graph(1, [[0]]), 2)).toThrow(/k ≥ 2/);
  });
});

describe('sampleRows', () => {
  it('draws distinct rows, ascending, the same for the same seed', () => {
    const sample = sampleRows(1000, 50, 42);
    expect(sample).toHaveLength(50);
    expect(new Set(sample).size).toBe(50);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sampleRows(1000, 50, 42)).toEqual(sample);
    expect(sampleRows(1000, 50, 43)).not.toEqual(sample);
    expect(sampleRows(10, 50, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('sampledRecallAtK', () => {
  it('is 1 for the exact graph and drops for a damaged one', () => {
    const vectors = randomUnitVectors(300, 8, 11);
    const exact = exactKnn(vectors, 8, 10);
    expect(sampledRecallAtK(exact, vectors, 8, 10, 40, 1)).toMatchObject({ recall: 1 });
    const damaged = { ...exact, rows: exact.rows.map((row, i) => (i % 10 < 5 ? row : -1)) };
    const { recall, rows } = sampledRecallAtK(damaged, vectors, 8, 10, 40, 1);
    expect(recall).toBeCloseTo(0.5, 10);
    expect(rows).toHaveLength(40);
  });
});
