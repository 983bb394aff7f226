/**
 * UMAP's layout optimization: stochastic gradient descent on the fuzzy cross-entropy between the
 * fuzzy graph and the 2-D layout, with negative sampling (McInnes, Healy & Melville,
 * arXiv:1802.03426, §3.2 and Appendix; umap-learn 0.5's `optimize_layout_euclidean`, one
 * thread, `move_other`). Edges are visited in their stored order, each in proportion to its
 * weight; the learning rate falls linearly to 0.
 *
 * Hand-rolled rather than umap-js's `step()`: umap-js 1.4 keeps points as `number[][]` and
 * calls `Math.pow` twice per update; on the 74,728 arxiv-cs-daily papers its 200 epochs took
 * 157 s CPU, this loop on typed arrays about 40 s, keeping neighbourhoods as well (numbers in
 * `pipeline/bench/layout.ts`). The curve parameters a, b still come from umap-js's
 * `findABParams`.
 */
import { findABParams } from 'umap-js/dist/umap.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { FuzzyGraph } from './fuzzy-graph.ts';

/** Gradient components are clipped to ±4, as in umap-learn. */
const CLIP = 4;

/** Parameters of {@link umapLayout}. */
export interface UmapSgdOptions {
  /** Seed of the random start and of negative sampling; any 32-bit integer. */
  seed: number;
  /** Passes over the edges, ≥ 1. */
  nEpochs: number;
  /** Smallest distance between close points in the layout, 0 to `spread` (umap `min_dist`). */
  minDist: number;
  /** Scale of the layout's clusters (umap `spread`), > 0. */
  spread: number;
  /** Random non-neighbours pushed away per edge visit (umap `negative_sample_rate`), > 0. */
  negativeSampleRate: number;
  /** Called after each epoch with epochs done and `nEpochs`, for a progress display. */
  onEpoch?: (done: number, total: number) => void;
}

/**
 * Lays the fuzzy graph out in 2-D, starting from uniform random places in [-10, 10)² (umap-js's
 * start; umap-learn's default spectral start needs an eigensolver that npm does not offer for
 * sparse graphs of this size).
 *
 * @returns count × 2 coordinates, row-major (x0, y0, x1, y1, …), in UMAP's own units.
 */
export function umapLayout(graph: FuzzyGraph, options: UmapSgdOptions): Float64Array {
  const { count, head, tail, weight } = graph;
  const { nEpochs, negativeSampleRate } = options;
  if (!Number.isInteger(nEpochs) || nEpochs < 1) {
    throw new RangeError(`nEpochs must be an integer ≥ 1, got ${nEpochs}`);
  }
  const random = xoroshiro128plus(options.seed | 0);
  const coords = new Float64Array(count * 2);
  for (let i = 0; i < coords.length; i++) coords[i] = uniformFloat64(random) * 20 - 10;

  // umap-learn drops edges too weak to be sampled even once in nEpochs.
  let maxWeight = 0;
  for (const w of weight) if (w > maxWeight) maxWeight = w;
  const kept: number[] = [];
  for (let e = 0; e < weight.length; e++) {
    if ((weight[e] as number) >= maxWeight / nEpochs) kept.push(e);
  }
  const edges = kept.length;
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const epochsPerSample = new Float64Array(edges);
  for (let s = 0; s < edges; s++) {
    const e = kept[s] as number;
    from[s] = head[e] as number;
    to[s] = tail[e] as number;
    epochsPerSample[s] = maxWeight / (weight[e] as number);
  }
  const epochsPerNegative = epochsPerSample.map((value) => value / negativeSampleRate);
  const nextSample = epochsPerSample.slice();
  const nextNegative = epochsPerNegative.slice();

  // Maps a uniform 32-bit integer to a vertex; the bias of count / 2^32 is negligible.
  const toVertex = count / 4294967296;
  const { a, b } = findABParams(options.spread, options.minDist);
  // exp(b·ln x) equals x^b to ~1e-15 relative and is about twice as fast as Math.pow in V8;
  // this power is the loop's hottest operation.
  const powB = (x: number): number => Math.exp(b * Math.log(x));
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    const alpha = 1 - epoch / nEpochs;
    for (let s = 0; s < edges; s++) {
      if ((nextSample[s] as number) > epoch) continue;
      const j = 2 * (from[s] as number);
      const k = 2 * (to[s] as number);
      let cx = coords[j] as number;
      let cy = coords[j + 1] as number;
      const dx = cx - (coords[k] as number);
      const dy = cy - (coords[k + 1] as number);
      const d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const pow = powB(d2);
        const coefficient = (-2 * a * b * pow) / d2 / (a * pow + 1);
        const gx = clip(coefficient * dx) * alpha;
        const gy = clip(coefficient * dy) * alpha;
        cx += gx;
        cy += gy;
        coords[k] = (coords[k] as number) - gx;
        coords[k + 1] = (coords[k + 1] as number) - gy;
      }
      nextSample[s] = (nextSample[s] as number) + (epochsPerSample[s] as number);

      const perNegative = epochsPerNegative[s] as number;
      const negatives = Math.floor((epoch - (nextNegative[s] as number)) / perNegative);
      for (let p = 0; p < negatives; p++) {
        const other = 2 * (((random.next() >>> 0) * toVertex) | 0);
        if (other === j) continue;
        const ox = cx - (coords[other] as number);
        const oy = cy - (coords[other + 1] as number);
        const o2 = ox * ox + oy * oy;
        // A point at the very same place gives no direction to push in.
        if (o2 <= 0) continue;
        const coefficient = (2 * b) / ((0.001 + o2) * (a * powB(o2) + 1));
        cx += clip(coefficient * ox) * alpha;
        cy += clip(coefficient * oy) * alpha;
      }
      nextNegative[s] = (nextNegative[s] as number) + negatives * perNegative;
      coords[j] = cx;
      coords[j + 1] = cy;
    }
    options.onEpoch?.(epoch + 1, nEpochs);
  }
  return coords;
}

function clip(value: number): number {
  return value > CLIP ? CLIP : value < -CLIP ? -CLIP : value;
}
