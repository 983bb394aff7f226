import { describe, expect, it } from 'vitest';
import { UMAP } from 'umap-js';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { exactKnn } from '../../src/index/exact-knn.ts';
import type { KnnGraph } from '../../src/index/knn.ts';
import { fuzzyGraph } from '../../src/layout/fuzzy-graph.ts';
import { umapLayout, type UmapSgdOptions } from '../../src/layout/umap-sgd.ts';
import { clusteredVectors } from './clustered-vectors.ts';

const N_NEIGHBORS = 11;
const SGD: UmapSgdOptions = {
  seed: 42,
  nEpochs: 300,
  minDist: 0.1,
  spread: 1,
  negativeSampleRate: 5,
};

/** Share of each point's m nearest points on the map that are among its m graph neighbours. */
function neighbourhoodKept(coords: Float64Array, graph: KnnGraph, m: number): number {
  const count = graph.count;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const order = Array.from({ length: count }, (_, j) => j)
      .filter((j) => j !== i)
      .map((j) => ({
        j,
        d: (coords[2 * i]! - coords[2 * j]!) ** 2 + (coords[2 * i + 1]! - coords[2 * j + 1]!) ** 2,
      }))
      .sort((a, b) => a.d - b.d)
      .slice(0, m);
    const near = new Set(graph.rows.subarray(i * graph.k, i * graph.k + m));
    kept += order.filter(({ j }) => near.has(j)).length;
  }
  return kept / (count * m);
}

/** umap-js on the same neighbours (the point itself first, distance 0). */
function umapJsLayout(graph: KnnGraph): Float64Array {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < graph.count; i++) {
    const row = Array.from(graph.rows.subarray(i * graph.k, i * graph.k + N_NEIGHBORS - 1));
    const scores = Array.from(graph.scores.subarray(i * graph.k, i * graph.k + N_NEIGHBORS - 1));
    indices.push([i, ...row]);
    distances.push([0, ...scores.map((s) => Math.max(0, 1 - s))]);
  }
  const random = xoroshiro128plus(42);
  const umap = new UMAP({
    nNeighbors: N_NEIGHBORS,
    nEpochs: SGD.nEpochs,
    random: () => uniformFloat64(random),
  });
  umap.setPrecomputedKNN(indices, distances);
  const embedding = umap.fit(Array.from({ length: graph.count }, () => []));
  return Float64Array.from(embedding.flat());
}

describe('umapLayout', () => {
  const { vectors, dim } = clusteredVectors(6, 40, 16, 1.2, 21);
  const graph = exactKnn(vectors, dim, 15);
  const fuzzy = fuzzyGraph(graph, N_NEIGHBORS);

  it('keeps neighbourhoods at least as well as umap-js on the same neighbours', () => {
    const ours = neighbourhoodKept(umapLayout(fuzzy, SGD), graph, N_NEIGHBORS - 1);
    const theirs = neighbourhoodKept(umapJsLayout(graph), graph, N_NEIGHBORS - 1);
    expect(ours).toBeGreaterThan(0.3);
    expect(ours).toBeGreaterThanOrEqual(theirs - 0.05);
  });

  it('depends only on its seed', () => {
    const first = umapLayout(fuzzy, SGD);
    expect(umapLayout(fuzzy, SGD)).toEqual(first);
    expect(umapLayout(fuzzy, { ...SGD, seed: 43 })).not.toEqual(first);
  });

  it('reports every epoch in order, without changing the layout', () => {
    const seen: [number, number][] = [];
    const reported = umapLayout(fuzzy, {
      ...SGD,
      onEpoch: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual(Array.from({ length: SGD.nEpochs }, (_, i) => [i + 1, SGD.nEpochs]));
    expect(reported).toEqual(umapLayout(fuzzy, SGD));
  });

  it('pulls neighbours together from the random start', () => {
    const start = umapLayout(fuzzy, { ...SGD, nEpochs: 1 });
    const settled = umapLayout(fuzzy, SGD);
    expect(neighbourhoodKept(settled, graph, 10)).toBeGreaterThan(
      neighbourhoodKept(start, graph, 10) + 0.2,
    );
  });

  it('rejects a number of epochs below 1', () => {
    expect(() => umapLayout(fuzzy, { ...SGD, nEpochs: 0 })).toThrow(
      /nEpochs must be an integer ≥ 1/,
    );
  });
});
