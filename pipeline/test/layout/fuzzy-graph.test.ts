import { describe, expect, it } from 'vitest';
import { UMAP } from 'umap-js';
import { exactKnn } from '../../src/index/exact-knn.ts';
import type { KnnGraph } from '../../src/index/knn.ts';
import { fuzzyGraph } from '../../src/layout/fuzzy-graph.ts';
import { clusteredVectors } from './clustered-vectors.ts';

/** umap-js's own fuzzy graph for the same neighbours (the paper itself first, distance 0). */
function umapJsGraph(graph: KnnGraph, nNeighbors: number): Map<string, number> {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < graph.count; i++) {
    indices.push([
      i,
      ...Array.from(graph.rows.subarray(i * graph.k, i * graph.k + nNeighbors - 1)),
    ]);
    distances.push([
      0,
      ...Array.from(graph.scores.subarray(i * graph.k, i * graph.k + nNeighbors - 1), (s) =>
        Math.max(0, 1 - s),
      ),
    ]);
  }
  const umap = new UMAP({ nNeighbors, nEpochs: 1, random: () => 0.5 });
  umap.setPrecomputedKNN(indices, distances);
  umap.initializeFit(Array.from({ length: graph.count }, () => []));
  const internal = umap as unknown as {
    graph: { getAll(): { row: number; col: number; value: number }[] };
  };
  return new Map(
    internal.graph
      .getAll()
      .filter((entry) => entry.value > 0)
      .map((entry) => [`${entry.row}:${entry.col}`, entry.value]),
  );
}

describe('fuzzyGraph', () => {
  const { vectors, dim } = clusteredVectors(4, 30, 16, 0.8, 7);
  const graph = exactKnn(vectors, dim, 12);

  it('gives the same memberships as umap-js for the same neighbours', () => {
    const ours = fuzzyGraph(graph, 10);
    const theirs = umapJsGraph(graph, 10);
    expect(ours.head.length).toBe(theirs.size);
    for (let e = 0; e < ours.head.length; e++) {
      const key = `${ours.head[e]}:${ours.tail[e]}`;
      expect(theirs.get(key), key).toBeCloseTo(ours.weight[e] as number, 10);
    }
  });

  it('is symmetric, weighted in (0, 1], sorted by (head, tail), free of self-loops', () => {
    const { head, tail, weight } = fuzzyGraph(graph, 13);
    const byPair = new Map<string, number>();
    for (let e = 0; e < head.length; e++) {
      byPair.set(`${head[e]}:${tail[e]}`, weight[e] as number);
      expect(head[e]).not.toBe(tail[e]);
      expect(weight[e]).toBeGreaterThan(0);
      expect(weight[e]).toBeLessThanOrEqual(1);
      if (e > 0) {
        const order =
          (head[e - 1] as number) - (head[e] as number) ||
          (tail[e - 1] as number) - (tail[e] as number);
        expect(order).toBeLessThan(0);
      }
    }
    for (let e = 0; e < head.length; e++) {
      expect(byPair.get(`${tail[e]}:${head[e]}`)).toBe(weight[e]);
    }
  });

  it('gives every paper’s nearest neighbour full membership', () => {
    const { head, tail, weight } = fuzzyGraph(graph, 13);
    for (let i = 0; i < graph.count; i++) {
      const nearest = graph.rows[i * graph.k] as number;
      const e = Array.from(head).findIndex((h, at) => h === i && tail[at] === nearest);
      expect(weight[e]).toBeCloseTo(1, 12);
    }
  });

  it('skips padding (-1) neighbours and keeps duplicates (distance 0) at full membership', () => {
    const padded: KnnGraph = {
      k: 3,
      count: 3,
      rows: Int32Array.from([1, 2, -1, 0, 2, -1, 0, 1, -1]),
      scores: Float32Array.from([1, 0.5, NaN, 1, 0.5, NaN, 0.5, 0.5, NaN]),
    };
    const { head, tail, weight } = fuzzyGraph(padded, 4);
    expect(Array.from(head)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(tail)).toEqual([1, 2, 0, 2, 0, 1]);
    expect(weight[0]).toBe(1);
    expect(Array.from(weight).every((w) => w > 0 && w <= 1)).toBe(true);
  });

  it('rejects nNeighbors the graph cannot provide', () => {
    expect(() => fuzzyGraph(graph, 14)).toThrow(/nNeighbors must be an integer from 2 to 13/);
    expect(() => fuzzyGraph(graph, 1)).toThrow(RangeError);
  });
});
