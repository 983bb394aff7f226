/**
 * HNSW index on the 74,728 arxiv-cs-daily papers with {@link DEFAULT_INDEX_PARAMS}: build time,
 * single-query latency (p50, p99 over 1,000 seeded sample rows), time for the k-NN graph of
 * every paper, recall@10 against exact search on the same seeded sample, and index file size.
 *
 * Embeddings come through the embedding cache in `.bench-cache/` at the repository root, so
 * only the first run pays for them (about 15–20 minutes on 2 cores).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddingCache, embedWithCache } from '../src/embed/embedding-cache.ts';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.ts';
import {
  buildIndex,
  DEFAULT_INDEX_PARAMS,
  knnGraph,
  saveIndex,
  searchIndex,
} from '../src/index/hnsw-index.ts';
import { sampledRecallAtK, sampleRows } from '../src/index/recall.ts';
import { readArxivTexts } from './arxiv-texts.ts';
import { peakRssMiB, quantile, loadRow, type Report } from './report.ts';

/** Embedding cache of the benchmarks (git-ignored). */
export const BENCH_CACHE_DIR = fileURLToPath(new URL('../../.bench-cache', import.meta.url));

const K = 10;
const QUERIES = 1000;
const SAMPLE_SEED = 7;

function logProgress(label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const percent = Math.floor((100 * done) / total);
    if (percent >= shown + 5 || done === total) {
      shown = percent;
      process.stderr.write(`${label}: ${done}/${total}\n`);
    }
  };
}

/** Measures the index; see the module comment. */
export async function benchHnsw(): Promise<Report> {
  const texts = await readArxivTexts();
  const embedder = await loadTransformersEmbedder();
  const cache = await EmbeddingCache.open(BENCH_CACHE_DIR, embedder);
  if (cache.warning) process.stderr.write(`warning: ${cache.warning}\n`);
  const embedStarted = performance.now();
  const { vectors, dim, hits, computed } = await embedWithCache(
    embedder,
    texts,
    cache,
    logProgress('embedding (cached for later runs)'),
  );
  const embedSeconds = (performance.now() - embedStarted) / 1000;
  await embedder.dispose();
  const count = texts.length;

  const buildStarted = performance.now();
  const index = buildIndex(vectors, dim, DEFAULT_INDEX_PARAMS, logProgress('building index'));
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const sample = sampleRows(count, QUERIES, SAMPLE_SEED);
  const latencies = sample.map((row) => {
    const query = vectors.subarray(row * dim, (row + 1) * dim);
    const started = performance.now();
    searchIndex(index, query, K);
    return performance.now() - started;
  });

  const graphStarted = performance.now();
  const graph = knnGraph(index, vectors, dim, K);
  const graphSeconds = (performance.now() - graphStarted) / 1000;
  const exactStarted = performance.now();
  const { recall } = sampledRecallAtK(graph, vectors, dim, K, QUERIES, SAMPLE_SEED);
  const exactSeconds = (performance.now() - exactStarted) / 1000;

  const dir = await mkdtemp(join(tmpdir(), 'bench-hnsw-'));
  let bytes: number;
  try {
    await saveIndex(index, join(dir, 'index.hnsw'));
    bytes = (await stat(join(dir, 'index.hnsw'))).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const { M, efConstruction, efSearch, seed } = DEFAULT_INDEX_PARAMS;
  return {
    title: `HNSW: ${count} arxiv-cs-daily papers × ${dim}, M ${M}, efConstruction ${efConstruction}, efSearch ${efSearch}, seed ${seed}`,
    rows: [
      {
        label: 'embeddings',
        value: `${hits} from cache, ${computed} computed in ${embedSeconds.toFixed(1)} s`,
      },
      { label: 'build time (1 thread)', value: `${buildSeconds.toFixed(1)} s` },
      {
        label: `query p50 (k ${K}, ${QUERIES} queries)`,
        value: `${quantile(latencies, 0.5).toFixed(3)} ms`,
      },
      { label: `query p99`, value: `${quantile(latencies, 0.99).toFixed(3)} ms` },
      { label: `k-NN graph of all papers (k ${K})`, value: `${graphSeconds.toFixed(1)} s` },
      { label: `recall@${K} vs exact (${QUERIES} seeded queries)`, value: recall.toFixed(4) },
      { label: 'exact search for the sample', value: `${exactSeconds.toFixed(1)} s` },
      { label: 'index file size', value: `${(bytes / 2 ** 20).toFixed(1)} MiB (${bytes} bytes)` },
      { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      loadRow(),
    ],
  };
}
