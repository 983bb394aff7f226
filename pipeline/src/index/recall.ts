/**
 * Recall@k of an approximate k-NN graph against exact search: the share of the true k nearest
 * neighbours that the approximate graph found, averaged over query rows.
 */
import { createHash } from 'node:crypto';
import { exactKnn } from './exact-knn.ts';
import type { KnnGraph } from './knn.ts';

function validNeighbours(graph: KnnGraph, row: number, k: number): number[] {
  if (k > graph.k) throw new RangeError(`recall@${k} needs graphs of k ≥ ${k}, got ${graph.k}`);
  const found: number[] = [];
  for (let j = 0; j < k; j++) {
    const neighbour = graph.rows[row * graph.k + j] as number;
    if (neighbour >= 0) found.push(neighbour);
  }
  return found;
}

/**
 * Mean over rows of |approx ∩ exact| / |exact| for the first k neighbours of each row (|exact|
 * is k except in corpora of k rows or fewer). Rows with no exact neighbour count as 1.
 *
 * @param approxRows which row of `approx` each row of `exact` belongs to; default the same row.
 */
export function recallAtK(
  approx: KnnGraph,
  exact: KnnGraph,
  k: number,
  approxRows?: ArrayLike<number>,
): number {
  if (!approxRows && approx.count !== exact.count) {
    throw new RangeError(`graphs of ${approx.count} and ${exact.count} rows cannot be compared`);
  }
  if (exact.count === 0) return 1;
  let sum = 0;
  for (let row = 0; row < exact.count; row++) {
    const truth = validNeighbours(exact, row, k);
    if (truth.length === 0) {
      sum += 1;
      continue;
    }
    const found = new Set(
      validNeighbours(approx, approxRows ? (approxRows[row] as number) : row, k),
    );
    sum += truth.filter((neighbour) => found.has(neighbour)).length / truth.length;
  }
  return sum / exact.count;
}

/**
 * A seeded uniform sample of `size` distinct rows out of `count`, ascending: the rows with the
 * smallest sha256(seed, row). Same seed, same sample, on any machine.
 */
export function sampleRows(count: number, size: number, seed: number): number[] {
  const keyed = Array.from({ length: count }, (_, row) => ({
    row,
    key: createHash('sha256').update(`${seed}:${row}`).digest('hex'),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed
    .slice(0, Math.min(size, count))
    .map(({ row }) => row)
    .sort((a, b) => a - b);
}

/** Result of {@link sampledRecallAtK}. */
export interface SampledRecall {
  /** Mean recall@k over the sampled rows, in [0, 1]. */
  recall: number;
  /** The sampled query rows, ascending. */
  rows: number[];
}

/**
 * Recall@k of `approx` (a graph over all rows) measured on a seeded sample of query rows, with
 * exact search only for those rows: for corpora where all-pairs exact search is too slow.
 *
 * @param sampleSize query rows to sample (all rows when the corpus is smaller).
 */
export function sampledRecallAtK(
  approx: KnnGraph,
  vectors: Float32Array,
  dim: number,
  k: number,
  sampleSize: number,
  seed: number,
): SampledRecall {
  const rows = sampleRows(approx.count, sampleSize, seed);
  const exact = exactKnn(vectors, dim, k, rows);
  return { recall: recallAtK(approx, exact, k, rows), rows };
}
