/**
 * The 2-D map of the papers: UMAP (McInnes, Healy & Melville, arXiv:1802.03426) on the k-NN
 * graph the index stage built (cosine distance = 1 − similarity), so no neighbour search is
 * repeated, then fitted into [0, 1]² with the aspect ratio kept (see `normalize-coordinates.ts`)
 * and rounded to 4 decimals.
 *
 * Three ways a map is made, reported as `params.method`:
 * - `umap`: a full fit. Same ids, graph and options give byte-identical coordinates (on the same
 *   Node version: the optimization runs on `Math.exp`/`Math.log`, and many small differences can
 *   grow over hundreds of epochs).
 * - `projection`: `previous` places are given and no refit is asked: known papers keep their
 *   exact places and new ones go to the median place of their most similar placed neighbours
 *   (`project-new.ts`). When the new papers are more than `refitShare` of all, or some had no
 *   anchor at all, the result says a refit is advisable, but nothing moves until one is asked
 *   for.
 * - `fixed`: fewer than 3 papers, where UMAP has no neighbourhoods to work with: one paper sits
 *   at the centre, two sit at (0, 0.5) and (1, 0.5).
 *
 * From 3 papers up, `nNeighbors` is cut to what the corpus and graph allow (n − 1 and
 * `graph.k + 1`), as umap-learn does for small data; the value used is in `params`.
 */
import type { KnnGraph } from '../index/knn.ts';
import { fuzzyGraph } from './fuzzy-graph.ts';
import { normalizeCoordinates } from './normalize-coordinates.ts';
import { projectIntoLayout, type MapPlace } from './project-new.ts';
import { umapLayout } from './umap-sgd.ts';
import { DEFAULTS } from '../defaults.ts';

export { labelPositions, type TopicParent } from './label-positions.ts';
export type { MapPlace } from './project-new.ts';

/** Options of {@link layoutMap}. */
export interface LayoutOptions {
  /** Seed of the UMAP start, its negative sampling and the projection jitter; 32-bit integer. */
  seed: number;
  /**
   * UMAP's `n_neighbors`, counting the paper itself: the first nNeighbors − 1 graph neighbours
   * of each paper shape the map (and anchor projected papers). 2 to 200; larger values favour
   * the global arrangement over local detail. Default 15, umap-learn's default.
   */
  nNeighbors: number;
  /**
   * UMAP's `min_dist`: how tightly close papers may pack, 0 to `spread`. Default 0.1.
   */
  minDist: number;
  /** UMAP's `spread`: the scale of clusters before normalization, > 0. Default 1. */
  spread: number;
  /**
   * Optimization passes over the graph, or null for umap-learn's rule: 500 up to 10,000
   * papers, 200 above. More passes: a more settled map, proportionally slower.
   */
  nEpochs: number | null;
  /** Random non-neighbours pushed away per neighbour pull, > 0. Default 5, umap-learn's. */
  negativeSampleRate: number;
  /** Ignore `previous` and lay every paper out afresh. Default false. */
  refit: boolean;
  /**
   * Share of new papers, (0, 1], above which a projection reports `refitAdvised`. Default 0.5.
   */
  refitShare: number;
  /**
   * A projected paper goes to the similarity-weighted median place of this many of its most
   * similar placed neighbours (among its first nNeighbors − 1), ≥ 1. Default 3 (measured: see
   * `project-new.ts`).
   */
  anchors: number;
  /**
   * Radius of the random offset of a projected paper, in map units ([0, 1] spans the map),
   * ≥ 0. Default 0.002: about 2 px on a 1,000 px map, enough to unstack papers with the same
   * anchors, too small to move them out of their neighbourhood.
   */
  jitter: number;
}

/** Defaults of {@link LayoutOptions}. */
export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
  seed: DEFAULTS.seed,
  nNeighbors: 15,
  minDist: 0.1,
  spread: 1,
  nEpochs: null,
  negativeSampleRate: 5,
  refit: false,
  refitShare: 0.5,
  anchors: 3,
  jitter: 0.002,
};

/**
 * What a layout did, for the manifest: the method, the values actually used, and the options
 * (same meaning and units as in {@link LayoutOptions}).
 */
export interface LayoutParams {
  /** How the map was made; see the module comment. */
  method: 'umap' | 'projection' | 'fixed';
  seed: number;
  /**
   * nNeighbors actually used, the paper itself counted (after cutting to the corpus and the
   * graph); 0 for `fixed`.
   */
  nNeighbors: number;
  minDist: number;
  spread: number;
  /** Optimization passes run; 0 unless `method` is `umap`. */
  nEpochs: number;
  negativeSampleRate: number;
  jitter: number;
  refitShare: number;
  anchors: number;
  /** Projected papers with no placed neighbour along their neighbour chains (at the centre). */
  unanchored: number;
}

/** Input of {@link layoutMap}. */
export interface LayoutInput {
  /** Paper id per graph row. */
  ids: readonly string[];
  /** k-NN graph of the papers, rows in `ids` order. */
  graph: KnnGraph;
  /** Places from the previous map, by paper id, both coordinates in [0, 1]. */
  previous?: ReadonlyMap<string, MapPlace>;
  /** Called after each UMAP epoch with epochs done and all epochs (not called for a projection). */
  onEpoch?: (done: number, total: number) => void;
}

/** The map. */
export interface LayoutResult {
  /** Map x per paper row, [0, 1], 4 decimals. */
  x: number[];
  /** Map y per paper row, [0, 1], 4 decimals. */
  y: number[];
  /** Papers placed by projection into the previous map; 0 after a full fit. */
  projected: number;
  /**
   * True after a projection in which new papers were more than `refitShare` of all, or some had
   * no anchor: the map still holds, but a refit would draw it better.
   */
  refitAdvised: boolean;
  params: LayoutParams;
}

/** The smallest corpus UMAP runs on; below it the layout is `fixed`. */
const MIN_UMAP_PAPERS = 3;

/**
 * Lays the papers out on the map (see the module comment for the three methods).
 *
 * @throws {RangeError} on options out of range, a graph that does not match `ids`, or a previous
 *   place outside [0, 1]².
 */
export function layoutMap(input: LayoutInput, options: LayoutOptions): LayoutResult {
  checkOptions(options);
  const { ids, graph, previous } = input;
  const count = ids.length;
  if (graph.count !== count) {
    throw new RangeError(
      `the k-NN graph has ${graph.count} rows but there are ${count} papers; build the graph ` +
        'from the same papers in the same order',
    );
  }
  const base = {
    seed: options.seed,
    minDist: options.minDist,
    spread: options.spread,
    negativeSampleRate: options.negativeSampleRate,
    jitter: options.jitter,
    refitShare: options.refitShare,
    anchors: options.anchors,
  };
  const nNeighbors = Math.min(options.nNeighbors, graph.k + 1, count - 1);

  if (previous && !options.refit && ids.some((id) => previous.has(id))) {
    const neighbours = Math.min(options.nNeighbors - 1, graph.k);
    const projection = projectIntoLayout(ids, graph, previous, {
      seed: options.seed,
      neighbours,
      anchors: options.anchors,
      jitter: options.jitter,
    });
    return {
      x: projection.x,
      y: projection.y,
      projected: projection.projected,
      refitAdvised: projection.projected > options.refitShare * count || projection.unanchored > 0,
      params: {
        ...base,
        method: 'projection',
        nNeighbors: neighbours + 1,
        nEpochs: 0,
        unanchored: projection.unanchored,
      },
    };
  }

  if (count < MIN_UMAP_PAPERS) {
    return {
      x: count === 1 ? [0.5] : count === 2 ? [0, 1] : [],
      y: new Array<number>(count).fill(0.5),
      projected: 0,
      refitAdvised: false,
      params: { ...base, method: 'fixed', nNeighbors: 0, nEpochs: 0, unanchored: 0 },
    };
  }

  if (graph.k < 1) {
    throw new RangeError(`the k-NN graph of ${count} papers has k = 0; build it with k ≥ 1`);
  }
  const nEpochs = options.nEpochs ?? autoEpochs(count);
  const coords = umapLayout(fuzzyGraph(graph, nNeighbors), {
    seed: options.seed,
    nEpochs,
    minDist: options.minDist,
    spread: options.spread,
    negativeSampleRate: options.negativeSampleRate,
    ...(input.onEpoch ? { onEpoch: input.onEpoch } : {}),
  });
  const { x, y } = normalizeCoordinates(coords);
  return {
    x,
    y,
    projected: 0,
    refitAdvised: false,
    params: { ...base, method: 'umap', nNeighbors, nEpochs, unanchored: 0 },
  };
}

/** umap-learn's epoch rule: 500 passes up to 10,000 papers, 200 above. */
export function autoEpochs(count: number): number {
  return count <= 10_000 ? 500 : 200;
}

function checkOptions(options: LayoutOptions): void {
  const fail = (name: string, rule: string, value: unknown): never => {
    throw new RangeError(`layout option ${name} must be ${rule}, got ${String(value)}`);
  };
  const { seed, nNeighbors, minDist, spread, nEpochs, negativeSampleRate } = options;
  if (!Number.isInteger(seed)) fail('seed', 'an integer', seed);
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2 || nNeighbors > 200) {
    fail('nNeighbors', 'an integer from 2 to 200', nNeighbors);
  }
  if (!(spread > 0)) fail('spread', '> 0', spread);
  if (!(minDist >= 0 && minDist <= spread))
    fail('minDist', `from 0 to spread (${spread})`, minDist);
  if (nEpochs !== null && (!Number.isInteger(nEpochs) || nEpochs < 1)) {
    fail('nEpochs', 'an integer ≥ 1 or null', nEpochs);
  }
  if (!(negativeSampleRate > 0)) fail('negativeSampleRate', '> 0', negativeSampleRate);
  if (!(options.refitShare > 0 && options.refitShare <= 1)) {
    fail('refitShare', 'in (0, 1]', options.refitShare);
  }
  if (!(options.jitter >= 0)) fail('jitter', '≥ 0', options.jitter);
  if (!Number.isInteger(options.anchors) || options.anchors < 1) {
    fail('anchors', 'an integer ≥ 1', options.anchors);
  }
}
