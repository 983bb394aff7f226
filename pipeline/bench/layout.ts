/**
 * Map layout on the 74,728 arxiv-cs-daily papers with {@link DEFAULT_LAYOUT_OPTIONS}: a full
 * UMAP fit (wall and CPU time, peak RSS), the projection of 200 new papers into that map, how
 * well each keeps neighbourhoods, and umap-js 1.4 against this layout on the same 10,000-paper
 * graph as a baseline.
 *
 * Embeddings come through the embedding cache in `.bench-cache/` (see `hnsw.ts`), or as an
 * argument. The k-NN graph is built here as the pipeline builds it (hnswlib, k 15).
 *
 * Measured on 2 shared cores (Node 20, other jobs running):
 * - full fit of 74,728 papers, 200 epochs: 39.9 s wall, 38.0 s CPU (one thread); peak RSS of
 *   the whole benchmark up to then (vectors, index, graph, map) 534 MiB.
 * - projection of 200 new papers into that map: 10 ms.
 * - map keeps 10-NN (graph neighbours): fitted papers 0.102, projected papers 0.144.
 * - umap-js / this layout on the first 10,000 papers, 200 epochs: 13.6 s / 5.6 s CPU (2.4×).
 *   umap-js on all 74,728 papers (measured once outside this benchmark, which would take
 *   minutes more): 191 s CPU (33.7 s building its fuzzy graph), 3.0 GiB peak RSS, 14-NN kept
 *   0.098 against this layout's 0.104.
 * - 100 epochs instead of 200: 23.6 s CPU, 14-NN kept 0.103, but visibly more stray islands
 *   on the map, so umap-learn's 200 stays the default above 10,000 papers.
 */
import { EmbeddingCache, embedWithCache } from '../src/embed/embedding-cache.ts';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.ts';
import { buildIndex, knnGraph } from '../src/index/hnsw-index.ts';
import type { KnnGraph } from '../src/index/knn.ts';
import { sampleRows } from '../src/index/recall.ts';
import { DEFAULT_LAYOUT_OPTIONS, layoutMap, type MapPlace } from '../src/layout/map-layout.ts';
import { fuzzyGraph } from '../src/layout/fuzzy-graph.ts';
import { umapLayout } from '../src/layout/umap-sgd.ts';
import { UMAP } from 'umap-js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { readArxivTexts } from './arxiv-texts.ts';
import { BENCH_CACHE_DIR } from './hnsw.ts';
import { median, peakRssMiB, type Report } from './report.ts';

/** Graph neighbours per paper, as the pipeline builds the graph (`max(k, 15)`). */
const GRAPH_K = 15;
/** Papers arriving on the simulated new day. */
const NEW_PAPERS = 200;
/** Fitted papers whose neighbourhoods are scored. */
const SCORED_SAMPLE = 1000;
/** Papers in the umap-js comparison (umap-js needs minutes and gigabytes on all of them). */
const BASELINE_PAPERS = 10_000;
const BASELINE_EPOCHS = 200;
const SEED = 7;

/** Row-major unit vectors of the corpus. */
export interface BenchVectors {
  vectors: Float32Array;
  dim: number;
}

async function cachedVectors(): Promise<BenchVectors & { note: string }> {
  const texts = await readArxivTexts();
  const embedder = await loadTransformersEmbedder();
  try {
    const cache = await EmbeddingCache.open(BENCH_CACHE_DIR, embedder);
    if (cache.warning) process.stderr.write(`warning: ${cache.warning}\n`);
    let shown = -1;
    const { vectors, dim, hits, computed } = await embedWithCache(
      embedder,
      texts,
      cache,
      (done, total) => {
        const percent = Math.floor((100 * done) / total);
        if (percent < shown + 5 && done !== total) return;
        shown = percent;
        process.stderr.write(`embedding (cached for later runs): ${done}/${total}\n`);
      },
    );
    return { vectors, dim, note: `${hits} from cache, ${computed} computed` };
  } finally {
    await embedder.dispose();
  }
}

/** Wall and CPU (user + system, all threads) milliseconds of `work`. */
function timed<T>(work: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Share of each given row's `m` nearest points on the map that are among its first `m` graph
 * neighbours (a trustworthiness-like score: 1 = the map keeps every neighbourhood).
 */
function neighbourhoodKept(
  rows: readonly number[],
  x: readonly number[],
  y: readonly number[],
  graph: KnnGraph,
  m: number,
): number {
  let kept = 0;
  const best = new Float64Array(m);
  const bestRows = new Int32Array(m);
  for (const row of rows) {
    best.fill(Infinity);
    bestRows.fill(-1);
    for (let other = 0; other < x.length; other++) {
      if (other === row) continue;
      const d = (x[row]! - x[other]!) ** 2 + (y[row]! - y[other]!) ** 2;
      if (!(d < best[m - 1]!)) continue;
      let at = m - 1;
      while (at > 0 && d < best[at - 1]!) {
        best[at] = best[at - 1]!;
        bestRows[at] = bestRows[at - 1]!;
        at--;
      }
      best[at] = d;
      bestRows[at] = other;
    }
    const near = new Set(graph.rows.subarray(row * graph.k, row * graph.k + m));
    for (const other of bestRows) if (near.has(other)) kept += 1;
  }
  return kept / (rows.length * m);
}

/** umap-js with the same precomputed neighbours (the paper itself first, distance 0). */
function umapJsBaseline(graph: KnnGraph, nNeighbors: number): void {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < graph.count; i++) {
    const at = i * graph.k;
    indices.push([i, ...graph.rows.subarray(at, at + nNeighbors - 1)]);
    distances.push([
      0,
      ...Array.from(graph.scores.subarray(at, at + nNeighbors - 1), (s) => Math.max(0, 1 - s)),
    ]);
  }
  const generator = xoroshiro128plus(SEED);
  const umap = new UMAP({
    nNeighbors,
    nEpochs: BASELINE_EPOCHS,
    random: () => uniformFloat64(generator),
  });
  umap.setPrecomputedKNN(indices, distances);
  umap.fit(Array.from({ length: graph.count }, () => []));
}

/** Measures the layout; see the module comment. Pass vectors to skip the embedding cache. */
export async function benchLayout(input?: BenchVectors): Promise<Report> {
  const source = input ? { ...input, note: 'given by the caller' } : await cachedVectors();
  const { vectors, dim } = source;
  const count = vectors.length / dim;
  const ids = Array.from({ length: count }, (_, row) => `p${row}`);

  const graphRun = timed(() => knnGraph(buildIndex(vectors, dim), vectors, dim, GRAPH_K));
  const graph = graphRun.value;
  const fit = timed(() => layoutMap({ ids, graph }, DEFAULT_LAYOUT_OPTIONS));

  const newRows = sampleRows(count, NEW_PAPERS, SEED);
  const isNew = new Set(newRows);
  const previous = new Map<string, MapPlace>();
  ids.forEach((id, row) => {
    if (!isNew.has(row)) previous.set(id, { x: fit.value.x[row]!, y: fit.value.y[row]! });
  });
  const projections = Array.from({ length: 5 }, () =>
    timed(() => layoutMap({ ids, graph, previous }, DEFAULT_LAYOUT_OPTIONS)),
  );
  const projection = projections[0]!.value;
  const scoredRows = sampleRows(count, SCORED_SAMPLE, SEED + 1).filter((row) => !isNew.has(row));
  const m = 10;
  const keptFitted = neighbourhoodKept(scoredRows, fit.value.x, fit.value.y, graph, m);
  const keptProjected = neighbourhoodKept(newRows, projection.x, projection.y, graph, m);
  const layoutPeakMiB = peakRssMiB();

  const baselineCount = Math.min(BASELINE_PAPERS, count);
  const baselineVectors = vectors.subarray(0, baselineCount * dim);
  const baselineGraph = knnGraph(buildIndex(baselineVectors, dim), baselineVectors, dim, GRAPH_K);
  const nNeighbors = DEFAULT_LAYOUT_OPTIONS.nNeighbors;
  const ours = timed(() =>
    umapLayout(fuzzyGraph(baselineGraph, nNeighbors), {
      seed: SEED,
      nEpochs: BASELINE_EPOCHS,
      minDist: DEFAULT_LAYOUT_OPTIONS.minDist,
      spread: DEFAULT_LAYOUT_OPTIONS.spread,
      negativeSampleRate: DEFAULT_LAYOUT_OPTIONS.negativeSampleRate,
    }),
  );
  const theirs = timed(() => umapJsBaseline(baselineGraph, nNeighbors));

  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const { params } = fit.value;
  return {
    title:
      `Layout: ${count} arxiv-cs-daily papers, UMAP nNeighbors ${params.nNeighbors}, ` +
      `minDist ${params.minDist}, ${params.nEpochs} epochs, seed ${params.seed}`,
    rows: [
      { label: 'embeddings', value: source.note },
      {
        label: `k-NN graph (hnswlib, k ${GRAPH_K}; index stage)`,
        value: seconds(graphRun.wallMs),
      },
      {
        label: 'full fit: wall / CPU',
        value: `${seconds(fit.wallMs)} / ${seconds(fit.cpuMs)}`,
      },
      {
        label: `projection of ${NEW_PAPERS} new papers (median of 5)`,
        value:
          `${median(projections.map((run) => run.wallMs)).toFixed(0)} ms, ` +
          `${projection.projected} projected, ${projection.params.unanchored} unanchored`,
      },
      {
        label: `map keeps ${m}-NN: fitted (${scoredRows.length} sampled)`,
        value: keptFitted.toFixed(4),
      },
      { label: `map keeps ${m}-NN: projected`, value: keptProjected.toFixed(4) },
      {
        label: `umap-js / this layout, ${baselineCount} papers, ${BASELINE_EPOCHS} epochs`,
        value:
          `${seconds(theirs.cpuMs)} / ${seconds(ours.cpuMs)} CPU ` +
          `(${(theirs.cpuMs / ours.cpuMs).toFixed(1)}×)`,
      },
      { label: 'peak RSS after fit and projection', value: `${layoutPeakMiB.toFixed(0)} MiB` },
      { label: 'peak RSS with the umap-js run', value: `${peakRssMiB().toFixed(0)} MiB` },
    ],
  };
}
