import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/index/exact-knn.ts';
import { randomUnitVectors } from './random-vectors.ts';

/** Unit vectors on a circle at the given angles (degrees). */
function circle(...degrees: number[]): Float32Array {
  return Float32Array.from(
    degrees.flatMap((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]),
  );
}

describe('exactKnn', () => {
  it('finds the nearest rows on a tiny fixture (golden)', () => {
    const graph = exactKnn(circle(0, 10, 30, 90, 180), 2, 2);
    expect(graph).toMatchObject({ k: 2, count: 5 });
    expect([...graph.rows]).toEqual([1, 2, 0, 2, 1, 0, 2, 1, 3, 2]);
    expect(graph.scores[0]).toBeCloseTo(Math.cos(Math.PI / 18), 6);
  });

  it('breaks score ties by row and never lists the row itself', () => {
    // Rows 1, 2 and 3 are the same vector; row 0 is equally close to all of them.
    const graph = exactKnn(circle(0, 45, 45, 45), 2, 3);
    expect([...graph.rows.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect([...graph.rows.subarray(3, 6)]).toEqual([2, 3, 0]);
    expect([...graph.rows.subarray(6, 9)]).toEqual([1, 3, 0]);
    expect(graph.scores[3]).toBeCloseTo(1, 6);
  });

  it('pads with -1 and NaN when fewer than k other rows exist', () => {
    const graph = exactKnn(circle(0, 90), 2, 3);
    expect([...graph.rows]).toEqual([1, -1, -1, 0, -1, -1]);
    expect(Number.isNaN(graph.scores[1])).toBe(true);
  });

  it('answers a subset of query rows exactly as the full graph does', () => {
    const vectors = randomUnitVectors(203, 12, 7);
    const full = exactKnn(vectors, 12, 5);
    const queries = [0, 5, 17, 18, 19, 202, 100];
    const subset = exactKnn(vectors, 12, 5, queries);
    expect(subset.count).toBe(queries.length);
    queries.forEach((row, i) => {
      expect([...subset.rows.subarray(i * 5, i * 5 + 5)]).toEqual([
        ...full.rows.subarray(row * 5, row * 5 + 5),
      ]);
    });
  });

  it('sorts each row by score, highest first', () => {
    const graph = exactKnn(randomUnitVectors(150, 8, 3), 8, 6);
    for (let row = 0; row < graph.count; row++) {
      for (let j = 1; j < 6; j++) {
        expect(graph.scores[row * 6 + j - 1]).toBeGreaterThanOrEqual(
          graph.scores[row * 6 + j] as number,
        );
      }
    }
  });

  it('rejects rows outside the corpus and a ragged buffer', () => {
    expect(() => exactKnn(circle(0, 1), 2, 1, [2])).toThrow(/outside/);
    expect(() => exactKnn(new Float32Array(5), 2, 1)).toThrow(/rows of dim 2/);
  });
});
