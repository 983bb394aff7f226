import type { KnnGraph } from '../index/knn.ts';
import { exactKnn } from '../index/exact-knn.ts';
import { recallAtK, sampledRecallAtK } from '../index/recall.ts';

/** Exact search over every paper up to this many papers; a seeded sample above it. */
export const RECALL_EXACT_LIMIT = 5000;
/** Query papers sampled for recall on larger corpora. */
export const RECALL_SAMPLE = 1000;

/**
 * Recall@10 of the approximate k-NN graph against exact brute-force search: over all papers up
 * to {@link RECALL_EXACT_LIMIT} papers, over a seeded sample of {@link RECALL_SAMPLE} above it.
 */
export function measureRecall(
  graph: KnnGraph,
  vectors: Float32Array,
  dim: number,
  seed: number,
): { recallAt10: number; sample: number } {
  const k = Math.min(10, graph.k);
  if (graph.count <= RECALL_EXACT_LIMIT) {
    const exact = exactKnn(vectors, dim, k);
    return { recallAt10: round4(recallAtK(graph, exact, k)), sample: graph.count };
  }
  const sampled = sampledRecallAtK(graph, vectors, dim, k, RECALL_SAMPLE, seed);
  return { recallAt10: round4(sampled.recall), sample: sampled.rows.length };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
