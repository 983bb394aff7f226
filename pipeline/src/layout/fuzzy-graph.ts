/**
 * UMAP's fuzzy simplicial set (McInnes, Healy & Melville, arXiv:1802.03426, §3.1; umap-learn's
 * `smooth_knn_dist`, `compute_membership_strengths` and fuzzy union), built from the k-NN graph
 * the index stage already made, so the layout never searches neighbours again.
 *
 * Hand-rolled rather than taken from umap-js: umap-js 1.4 keeps this graph in a sparse matrix
 * keyed by `"row:col"` strings in a Map. On the 74,728 arxiv-cs-daily papers that step took
 * 33.7 s CPU and 2 GiB of memory; this module takes 0.5 s, and the whole layout stays under
 * 0.2 GiB (see `pipeline/bench/layout.ts`). The steps and constants follow umap-learn 0.5; the
 * memberships equal umap-js's to 1e-10 (tested).
 */
import type { KnnGraph } from '../index/knn.ts';

/** Binary-search iterations for each paper's bandwidth (umap-learn's `n_iter`). */
const BANDWIDTH_ITERATIONS = 64;
/** Stop the bandwidth search once the membership sum is this close to its target. */
const SMOOTH_K_TOLERANCE = 1e-5;
/** Bandwidth floor as a share of the mean neighbour distance (umap-learn's MIN_K_DIST_SCALE). */
const MIN_K_DIST_SCALE = 1e-3;

/**
 * Symmetric weighted graph in coordinate form, both directions of every edge present, sorted by
 * (head, tail). Weights are fuzzy memberships in (0, 1].
 */
export interface FuzzyGraph {
  /** Number of vertices (papers). */
  count: number;
  head: Int32Array;
  tail: Int32Array;
  weight: Float64Array;
}

/**
 * The fuzzy simplicial set of `graph`, using each paper's first `nNeighbors - 1` neighbours.
 *
 * @param nNeighbors UMAP's `n_neighbors`, which counts the paper itself; 2 to `graph.k + 1`.
 *   Its log2 is the target sum of memberships that fixes each paper's bandwidth.
 */
export function fuzzyGraph(graph: KnnGraph, nNeighbors: number): FuzzyGraph {
  const { count, k } = graph;
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2 || nNeighbors > k + 1) {
    throw new RangeError(
      `nNeighbors must be an integer from 2 to ${k + 1} (graph neighbours + 1), got ${nNeighbors}`,
    );
  }
  const m = nNeighbors - 1;
  const cols = new Int32Array(count * m).fill(-1);
  const dists = new Float64Array(count * m);
  let distanceSum = 0;
  let distanceCount = 0;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < m; j++) {
      const col = graph.rows[i * k + j] as number;
      if (col < 0 || col === i) continue;
      // Float32 similarities of duplicates can exceed 1 by an ulp; distances stay ≥ 0.
      const d = Math.max(0, 1 - (graph.scores[i * k + j] as number));
      cols[i * m + j] = col;
      dists[i * m + j] = d;
      distanceSum += d;
      distanceCount += 1;
    }
  }
  // umap-learn averages over every column, the paper itself (distance 0) included.
  const meanDistance = distanceSum / Math.max(1, distanceCount + count);

  const directed = new Float64Array(count * m);
  const target = Math.log2(nNeighbors);
  for (let i = 0; i < count; i++) {
    const { rho, sigma } = bandwidth(cols, dists, i, m, target, meanDistance);
    for (let j = i * m; j < (i + 1) * m; j++) {
      if ((cols[j] as number) < 0) continue;
      const excess = (dists[j] as number) - rho;
      directed[j] = excess <= 0 || sigma === 0 ? 1 : Math.exp(-excess / sigma);
    }
  }
  return fuzzyUnion(count, m, cols, directed);
}

/** Distance to the nearest neighbour (rho) and the bandwidth (sigma) of row i. */
function bandwidth(
  cols: Int32Array,
  dists: Float64Array,
  i: number,
  m: number,
  target: number,
  meanDistance: number,
): { rho: number; sigma: number } {
  let rho = 0;
  let rowSum = 0;
  let valid = 0;
  for (let j = i * m; j < (i + 1) * m; j++) {
    if ((cols[j] as number) < 0) continue;
    const d = dists[j] as number;
    rowSum += d;
    valid += 1;
    // Rows are sorted nearest first, so the first non-zero distance is the smallest one.
    if (rho === 0 && d > 0) rho = d;
  }
  let lo = 0;
  let hi = Infinity;
  let mid = 1;
  for (let iteration = 0; iteration < BANDWIDTH_ITERATIONS; iteration++) {
    let psum = 0;
    for (let j = i * m; j < (i + 1) * m; j++) {
      if ((cols[j] as number) < 0) continue;
      const excess = (dists[j] as number) - rho;
      psum += excess > 0 ? Math.exp(-excess / mid) : 1;
    }
    if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
    if (psum > target) {
      hi = mid;
      mid = (lo + hi) / 2;
    } else {
      lo = mid;
      mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
    }
  }
  const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowSum / (valid + 1) : meanDistance);
  return { rho, sigma: Math.max(mid, floor) };
}

/**
 * Fuzzy union of the directed memberships: w = a + b − a·b for the two directions of each
 * pair, every edge emitted in both directions, sorted by (head, tail).
 */
function fuzzyUnion(
  count: number,
  m: number,
  cols: Int32Array,
  directed: Float64Array,
): FuzzyGraph {
  const strength = (from: number, to: number): number => {
    for (let j = from * m; j < (from + 1) * m; j++) {
      if (cols[j] === to) return directed[j] as number;
    }
    return 0;
  };
  const degree = new Int32Array(count + 1);
  const union = new Float64Array(count * m);
  for (let i = 0; i < count; i++) {
    for (let j = i * m; j < (i + 1) * m; j++) {
      const to = cols[j] as number;
      if (to < 0 || directed[j] === 0) continue;
      const a = directed[j] as number;
      const back = strength(to, i);
      union[j] = a + back - a * back;
      degree[i + 1] = (degree[i + 1] as number) + 1;
      // A one-way edge also exists backwards; a two-way one is emitted by the other row.
      if (back === 0) degree[to + 1] = (degree[to + 1] as number) + 1;
    }
  }
  for (let i = 0; i < count; i++) degree[i + 1] = (degree[i + 1] as number) + (degree[i] as number);
  const total = degree[count] as number;
  const tail = new Int32Array(total);
  const weight = new Float64Array(total);
  const fill = degree.slice(0, count);
  const put = (from: number, to: number, w: number): void => {
    const at = fill[from] as number;
    tail[at] = to;
    weight[at] = w;
    fill[from] = at + 1;
  };
  for (let i = 0; i < count; i++) {
    for (let j = i * m; j < (i + 1) * m; j++) {
      const to = cols[j] as number;
      if (to < 0 || directed[j] === 0) continue;
      put(i, to, union[j] as number);
      if (strength(to, i) === 0) put(to, i, union[j] as number);
    }
  }
  const head = new Int32Array(total);
  for (let i = 0; i < count; i++) {
    const start = degree[i] as number;
    const end = degree[i + 1] as number;
    head.fill(i, start, end);
    sortByTail(tail, weight, start, end);
  }
  return { count, head, tail, weight };
}

/** Insertion sort of one row's (tail, weight) pairs by tail; rows hold a few dozen edges. */
function sortByTail(tail: Int32Array, weight: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const t = tail[i] as number;
    const w = weight[i] as number;
    let at = i;
    while (at > start && (tail[at - 1] as number) > t) {
      tail[at] = tail[at - 1] as number;
      weight[at] = weight[at - 1] as number;
      at--;
    }
    tail[at] = t;
    weight[at] = w;
  }
}
