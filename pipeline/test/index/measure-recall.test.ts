import { describe, expect, it } from 'vitest';
import {
  measureRecall,
  RECALL_MIN_SAMPLE,
  RECALL_SAMPLE,
  recallSampleSize,
} from '../../src/index/measure-recall.ts';
import { buildIndex, knnGraph } from '../../src/index/hnsw-index.ts';
import { randomUnitVectors } from './random-vectors.ts';

describe('recallSampleSize', () => {
  it('samples 1,000 papers on mid-sized corpora and fewer, down to 100, on large ones', () => {
    expect(recallSampleSize(5000, 384)).toBe(RECALL_SAMPLE);
    expect(recallSampleSize(9877, 384)).toBe(527);
    expect(recallSampleSize(74_728, 384)).toBe(RECALL_MIN_SAMPLE);
    expect(recallSampleSize(50, 384)).toBe(50);
  });
});

describe('measureRecall', () => {
  const dim = 2;
  const count = 6000;
  const vectors = randomUnitVectors(count, dim, 3);
  const graph = knnGraph(buildIndex(vectors, dim), vectors, dim, 10);

  it('samples above the exact limit and always checks some of the new rows', () => {
    const newRows = Array.from({ length: 40 }, (_, i) => count - 40 + i);
    const result = measureRecall(graph, vectors, dim, 1, newRows);
    expect(result.sample).toBeGreaterThan(900);
    expect(result.sample).toBeLessThanOrEqual(RECALL_SAMPLE);
    expect(result.recallAt10).toBeGreaterThan(0.9);
    // A graph whose new rows point nowhere useful is caught by the rows drawn from them.
    const broken = { ...graph, rows: graph.rows.slice() };
    for (const row of newRows) broken.rows.fill(0, row * 10, row * 10 + 10);
    expect(measureRecall(broken, vectors, dim, 1, newRows).recallAt10).toBeLessThan(
      result.recallAt10 - 0.01,
    );
  });
});
