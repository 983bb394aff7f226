import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/index/exact-knn.ts';
import {
  connectedParts,
  knnCommunities,
  undirectedEdges,
} from '../../src/topics/knn-communities.ts';
import { FIXTURE_DIM, groupedVectors } from './fixture-vectors.ts';

describe('undirectedEdges', () => {
  it('lists each neighbour pair once, sorted, with negative similarities as 0', () => {
    const graph = {
      k: 2,
      count: 3,
      rows: Int32Array.from([1, 2, 0, -1, 0, 1]),
      scores: Float32Array.from([0.5, -0.25, 0.5, Number.NaN, -0.25, 0.75]),
    };
    const edges = undirectedEdges(graph, 2);
    expect(Array.from(edges.a)).toEqual([0, 0, 1]);
    expect(Array.from(edges.b)).toEqual([1, 2, 2]);
    expect(Array.from(edges.weight)).toEqual([0.5, 0, 0.75]);
    expect(Array.from(undirectedEdges(graph, 1).b)).toEqual([1, 2]);
  });
});

describe('connectedParts', () => {
  it('splits a community that is not connected inside itself', () => {
    const edges = {
      a: Int32Array.from([0, 2, 1]),
      b: Int32Array.from([1, 3, 4]),
      weight: Float64Array.from([1, 1, 1]),
    };
    expect(Array.from(connectedParts(Int32Array.from([5, 5, 5, 5, 7]), edges))).toEqual([
      0, 0, 1, 1, 2,
    ]);
  });
});

describe('knnCommunities', () => {
  const groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
  const vectors = groupedVectors(groups);
  const graph = exactKnn(vectors, FIXTURE_DIM, 4);

  it('finds the groups of a clear k-NN graph, numbered by smallest row', () => {
    const found = knnCommunities(graph, { neighbours: 4, resolution: 1, seed: 1 });
    expect(Array.from(found)).toEqual(groups);
  });

  it('gives the same communities for the same seed', () => {
    const options = { neighbours: 4, resolution: 3, seed: 7 };
    expect(knnCommunities(graph, options)).toEqual(knnCommunities(graph, options));
  });

  it('puts isolated rows in communities of their own', () => {
    const lonely = { k: 1, count: 2, rows: Int32Array.from([-1, -1]), scores: new Float32Array(2) };
    expect(Array.from(knnCommunities(lonely, { neighbours: 1, resolution: 1, seed: 1 }))).toEqual([
      0, 1,
    ]);
  });
});
