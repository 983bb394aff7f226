import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/index/exact-knn.ts';
import {
  buildIndex,
  DEFAULT_INDEX_PARAMS,
  IndexDimensionError,
  knnGraph,
  loadIndex,
  saveIndex,
  searchIndex,
} from '../../src/index/hnsw-index.ts';
import { recallAtK } from '../../src/index/recall.ts';
import { randomUnitVectors } from './random-vectors.ts';

const COUNT = 3000;
const DIM = 24;
const vectors = randomUnitVectors(COUNT, DIM, 2024);
const index = buildIndex(vectors, DIM);
const graph = knnGraph(index, vectors, DIM, 10);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hnsw-index-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] as number), 0);
}

describe('HNSW index', () => {
  it('reaches recall@10 ≥ 0.95 against exact search on random unit vectors', () => {
    const exact = exactKnn(vectors, DIM, 10);
    expect(recallAtK(graph, exact, 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('excludes each row from its own neighbours and sorts by score, then row', () => {
    const problems: string[] = [];
    for (let row = 0; row < COUNT; row++) {
      const neighbours = [...graph.rows.subarray(row * 10, row * 10 + 10)];
      const scores = [...graph.scores.subarray(row * 10, row * 10 + 10)];
      if (neighbours.includes(row)) problems.push(`row ${row} lists itself`);
      if (neighbours.includes(-1)) problems.push(`row ${row} has fewer than 10 neighbours`);
      for (let j = 1; j < 10; j++) {
        const [before, after] = [scores[j - 1] as number, scores[j] as number];
        const [rowBefore, rowAfter] = [neighbours[j - 1] as number, neighbours[j] as number];
        if (before < after || (before === after && rowBefore > rowAfter)) {
          problems.push(`row ${row}: neighbour ${j} out of order`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('scores hits by cosine similarity', () => {
    const query = vectors.subarray(5 * DIM, 6 * DIM);
    const hits = searchIndex(index, query, 3);
    expect(hits[0]).toEqual({ row: 5, score: expect.closeTo(1, 5) });
    for (const hit of hits) {
      expect(hit.score).toBeCloseTo(
        dot(query, vectors.subarray(hit.row * DIM, (hit.row + 1) * DIM)),
        5,
      );
    }
  });

  it('round-trips through a file, written atomically', async () => {
    const file = join(dir, 'index.hnsw');
    await saveIndex(index, file);
    expect((await readdir(dir)).filter((name) => name.includes('index.hnsw'))).toEqual([
      'index.hnsw',
    ]);
    const loaded = await loadIndex(file, DIM, DEFAULT_INDEX_PARAMS.efSearch);
    expect(loaded.getCurrentCount()).toBe(COUNT);
    expect(knnGraph(loaded, vectors, DIM, 10)).toEqual(graph);
  });

  it('builds byte-identical files for the same seed and insertion order', async () => {
    const small = vectors.subarray(0, 500 * DIM);
    await saveIndex(buildIndex(small, DIM), join(dir, 'a.hnsw'));
    await saveIndex(buildIndex(small, DIM), join(dir, 'b.hnsw'));
    const [a, b] = await Promise.all([
      readFile(join(dir, 'a.hnsw')),
      readFile(join(dir, 'b.hnsw')),
    ]);
    expect(a.equals(b)).toBe(true);
  });

  it('drops the row itself even when exact duplicates outrank it', () => {
    const base = randomUnitVectors(40, 6, 9);
    const copies = new Float32Array(43 * 6);
    copies.set(base);
    for (let i = 0; i < 3; i++) copies.set(base.subarray(0, 6), (40 + i) * 6);
    const dupGraph = knnGraph(buildIndex(copies, 6), copies, 6, 3);
    for (const row of [0, 40, 41, 42]) {
      const neighbours = [...dupGraph.rows.subarray(row * 3, row * 3 + 3)];
      expect(neighbours).not.toContain(row);
      expect(neighbours).toEqual([0, 40, 41, 42].filter((other) => other !== row));
      expect(dupGraph.scores[row * 3]).toBeCloseTo(1, 5);
    }
  });

  it('pads rows of a corpus smaller than k + 1', () => {
    const tiny = randomUnitVectors(3, 4, 1);
    const tinyGraph = knnGraph(buildIndex(tiny, 4), tiny, 4, 5);
    expect([...tinyGraph.rows.subarray(0, 5)].filter((row) => row >= 0).sort()).toEqual([1, 2]);
    expect(tinyGraph.rows[4]).toBe(-1);
    expect(Number.isNaN(tinyGraph.scores[4])).toBe(true);
  });

  it('refuses to load an index with another dimension', async () => {
    const file = join(dir, 'dim.hnsw');
    await saveIndex(buildIndex(vectors.subarray(0, 50 * DIM), DIM), file);
    const error = await loadIndex(file, 16).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexDimensionError);
    expect(error).toMatchObject({ fileDim: DIM, expectedDim: 16 });
  });

  it('says which file it cannot read', async () => {
    await expect(loadIndex(join(dir, 'missing.hnsw'), DIM)).rejects.toThrow(
      /missing\.hnsw.*rebuild/,
    );
  });
});
