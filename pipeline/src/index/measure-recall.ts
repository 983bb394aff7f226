import type { KnnGraph } from '../index/knn.ts';
import { exactKnn } from '../index/exact-knn.ts';
import { recallAtK, sampleRows } from '../index/recall.ts';

/** Exact search over every paper up to this many papers; a seeded sample above it. */
export const RECALL_EXACT_LIMIT = 5000;
/** Most query papers sampled for recall on larger corpora. */
export const RECALL_SAMPLE = 1000;
/** Fewest query papers sampled, whatever the corpus size. */
export const RECALL_MIN_SAMPLE = 100;
/**
 * Multiply-adds the sampled exact search may spend (queries × papers × dim): 1,000 queries up to
 * about 5,000 papers, 527 for the 9,877 HF papers, the minimum 100 from 52,000 papers up, so the
 * check stays a few seconds at any size (exact search in JS runs at about 1 GFLOP/s). 500
 * queries measure a recall near 0.999 to about ±0.0005 (one standard error).
 */
export const RECALL_BUDGET = 2e9;

/** Query papers sampled for `count` papers of dimension `dim`. */
export function recallSampleSize(count: number, dim: number): number {
  const affordable = Math.floor(RECALL_BUDGET / (count * dim));
  return Math.min(count, Math.max(RECALL_MIN_SAMPLE, Math.min(RECALL_SAMPLE, affordable)));
}

/**
 * Recall@10 of the approximate k-NN graph against exact brute-force search: over all papers up
 * to {@link RECALL_EXACT_LIMIT} papers, else over a seeded sample of {@link recallSampleSize}
 * papers. When the graph was extended with new rows, half the sample (at most) is drawn from
 * `newRows`, so the papers this run added are always checked.
 *
 * @param newRows rows added to a previous graph in this run, ascending; empty after a full build.
 */
export function measureRecall(
  graph: KnnGraph,
  vectors: Float32Array,
  dim: number,
  seed: number,
  newRows: readonly number[] = [],
): { recallAt10: number; sample: number } {
  const k = Math.min(10, graph.k);
  if (graph.count <= RECALL_EXACT_LIMIT) {
    const exact = exactKnn(vectors, dim, k);
    return { recallAt10: round4(recallAtK(graph, exact, k)), sample: graph.count };
  }
  const size = recallSampleSize(graph.count, dim);
  const fromNew = sampleRows(newRows.length, Math.floor(size / 2), seed).map((i) => newRows[i]!);
  const rows = [...new Set([...fromNew, ...sampleRows(graph.count, size - fromNew.length, seed)])];
  rows.sort((a, b) => a - b);
  const exact = exactKnn(vectors, dim, k, rows);
  return { recallAt10: round4(recallAtK(graph, exact, k, rows)), sample: rows.length };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
