import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/index/exact-knn.ts';
import { extendIndex, offerNeighbour } from '../../src/index/extend-index.ts';
import { decodeGraph, encodeGraph } from '../../src/index/graph-file.ts';
import { buildIndex, knnGraph, saveIndex } from '../../src/index/hnsw-index.ts';
import type { KnnGraph } from '../../src/index/knn.ts';
import { recallAtK } from '../../src/index/recall.ts';
import { randomUnitVectors } from './random-vectors.ts';

const DIM = 16;
const K = 10;
const PREVIOUS = 1500;
const TOTAL = 1800;
const vectors = randomUnitVectors(TOTAL, DIM, 7);
const previousVectors = vectors.subarray(0, PREVIOUS * DIM);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extend-index-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function graphOf(rows: number[][], scores: number[][]): KnnGraph {
  const k = rows[0]!.length;
  return {
    k,
    count: rows.length,
    rows: Int32Array.from(rows.flat()),
    scores: Float32Array.from(scores.flat()),
  };
}

describe('offerNeighbour', () => {
  it('inserts a better candidate in order and drops the last entry', () => {
    const graph = graphOf([[4, 5, 6]], [[0.9, 0.5, 0.2]]);
    offerNeighbour(graph, 0, { row: 9, score: 0.6 });
    expect([...graph.rows]).toEqual([4, 9, 5]);
    expect([...graph.scores].map((s) => Math.round(s * 10) / 10)).toEqual([0.9, 0.6, 0.5]);
  });

  it('ignores a worse candidate, a row already listed, and breaks ties by row', () => {
    const graph = graphOf([[4, 5]], [[0.9, 0.5]]);
    offerNeighbour(graph, 0, { row: 9, score: 0.1 });
    offerNeighbour(graph, 0, { row: 5, score: 0.95 });
    offerNeighbour(graph, 0, { row: 7, score: 0.5 });
    expect([...graph.rows]).toEqual([4, 5]);
    offerNeighbour(graph, 0, { row: 3, score: 0.5 });
    expect([...graph.rows]).toEqual([4, 3]);
  });

  it('fills padding slots', () => {
    const graph = graphOf([[4, -1, -1]], [[0.9, Number.NaN, Number.NaN]]);
    offerNeighbour(graph, 0, { row: 2, score: 0.1 });
    expect([...graph.rows]).toEqual([4, 2, -1]);
  });
});

describe('graph file', () => {
  it('round-trips a graph and refuses bytes of another size', () => {
    const graph = graphOf(
      [
        [1, -1],
        [0, 2],
        [1, 0],
      ],
      [
        [0.5, Number.NaN],
        [0.5, 0.25],
        [0.25, 0.125],
      ],
    );
    const bytes = encodeGraph(graph);
    expect(bytes.byteLength).toBe(3 * 2 * 8);
    const back = decodeGraph(bytes, 3, 2);
    expect([...back.rows]).toEqual([...graph.rows]);
    expect([...back.scores]).toEqual([...graph.scores]);
    expect(() => decodeGraph(bytes, 3, 3)).toThrow(RangeError);
  });
});

describe('extendIndex', () => {
  it('grows a saved index and its graph to the recall of a full build', async () => {
    const file = join(dir, 'index.hnsw');
    const previousIndex = buildIndex(previousVectors, DIM);
    const previousGraph = knnGraph(previousIndex, previousVectors, DIM, K);
    await saveIndex(previousIndex, file);

    const { index, graph } = await extendIndex(file, previousGraph, vectors, DIM, 100);
    expect(index.getCurrentCount()).toBe(TOTAL);
    expect(graph.count).toBe(TOTAL);

    const exact = exactKnn(vectors, DIM, K);
    const full = buildIndex(vectors, DIM);
    const fullRecall = recallAtK(knnGraph(full, vectors, DIM, K), exact, K);
    const extendedRecall = recallAtK(graph, exact, K);
    expect(extendedRecall).toBeGreaterThan(fullRecall - 0.01);

    // The previous rows took in the new rows that belong in their lists.
    const oldRows = Array.from({ length: PREVIOUS }, (_, row) => row);
    const oldTruth = exactKnn(vectors, DIM, K, oldRows);
    let newInTruth = 0;
    let newFound = 0;
    oldRows.forEach((row, i) => {
      const found = new Set(graph.rows.subarray(row * K, (row + 1) * K));
      for (const neighbour of oldTruth.rows.subarray(i * K, (i + 1) * K)) {
        if (neighbour < PREVIOUS) continue;
        newInTruth++;
        if (found.has(neighbour)) newFound++;
      }
    });
    expect(newInTruth).toBeGreaterThan(100);
    expect(newFound / newInTruth).toBeGreaterThan(0.9);
  });

  it('refuses an index file that does not match the previous graph', async () => {
    const file = join(dir, 'small.hnsw');
    const small = buildIndex(vectors.subarray(0, 100 * DIM), DIM);
    await saveIndex(small, file);
    const previousGraph = knnGraph(buildIndex(previousVectors, DIM), previousVectors, DIM, K);
    await expect(extendIndex(file, previousGraph, vectors, DIM, 100)).rejects.toThrow(
      /holds 100 rows/,
    );
    await writeFile(join(dir, 'junk.hnsw'), 'not an index');
    await expect(
      extendIndex(join(dir, 'junk.hnsw'), previousGraph, vectors, DIM, 100),
    ).rejects.toThrow(/cannot read the HNSW index/);
  });
});
