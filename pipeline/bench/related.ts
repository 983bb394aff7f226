/**
 * Related papers against citations (`npm run bench -- related`), on citations-dev: recall@10
 * and nDCG@10 of the TF-IDF keyword baseline, dense (the k-NN graph of the HNSW index, as
 * `related.json` had it), lexical (BM25 vectors over the pipeline's tokenizer) and hybrid,
 * side by side, all computed in this run.
 *
 * Overfitting guard: the papers are split in two halves by a hash of their id. Every variant
 * (chunk pooling, fusion, blend weight, lexical candidates) is scored on half A; the best on A
 * is then reported on half B, which took no part in the choice. Retrieval always searches all
 * papers; the halves only decide which papers' lists are scored.
 *
 * Also measured: the cold cost of chunked embedding against truncated embedding on the same
 * 120 HF abstracts in the same run (variants take turns on blocks of 30 texts).
 *
 * Window vectors of citations-dev are kept in an embedding cache under the system temp folder
 * (`paper-topics-bench/related`), so a second run skips the model; delete it to re-embed.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paperText } from '../src/embed/paper-text.ts';
import {
  loadTransformersEmbedder,
  type TransformersEmbedder,
} from '../src/embed/transformers-embedder.ts';
import { cacheKey, EmbeddingCache } from '../src/embed/embedding-cache.ts';
import {
  chunkWeights,
  DEFAULT_CHUNK_OVERLAP,
  poolChunks,
  type ChunkPooling,
} from '../src/embed/chunks.ts';
import { buildIndex, knnGraph, DEFAULT_INDEX_PARAMS } from '../src/index/hnsw-index.ts';
import type { KnnGraph } from '../src/index/knn.ts';
import { tokenizeCorpus } from '../src/topics/tokenize.ts';
import { buildLexicalIndex, lexicalNeighbours, termCounts } from '../src/index/lexical.ts';
import { DEFAULT_HYBRID, HybridScorer, type HybridOptions } from '../src/index/hybrid.ts';
import {
  evaluationHalf,
  readCitationSet,
  scoreRankings,
  type Scores,
} from './related/citations.ts';
import { tfidfNeighbours } from './related/tfidf-baseline.ts';
import { loadRow, median, peakRssMiB, printReport, type Report, type ReportRow } from './report.ts';

const GRAPH_K = 15;
const HF_PAPERS =
  process.env.HF_DAILY_PAPERS ?? '/work/shared/datasets/hf-daily-papers/papers.jsonl.gz';
const COST_TEXTS = 120;
const COST_BLOCK = 30;
const COST_RUNS = 2;

/** Window vectors of every text, from the cache or the model. */
export async function windowVectors(
  embedder: TransformersEmbedder,
  texts: string[],
): Promise<{ vectors: Float32Array[]; lengths: number[][]; computed: number }> {
  const cache = await EmbeddingCache.open(
    join(tmpdir(), 'paper-topics-bench', 'related'),
    embedder,
  );
  const parts = { modelId: embedder.modelId, maxTokens: embedder.maxTokens };
  const key = (text: string, i: number) =>
    cacheKey({ ...parts, pooling: `window/${DEFAULT_CHUNK_OVERLAP}/${i}` }, text);
  const countKey = (text: string) =>
    cacheKey({ ...parts, pooling: `windows/${DEFAULT_CHUNK_OVERLAP}` }, text);
  const missing = texts.filter((text) => cache.get(countKey(text)) === undefined);
  if (missing.length > 0) {
    let shown = 0;
    const done = await embedder.embedChunks(missing, (n, total) => {
      if (n >= shown + 250 || n === total) {
        shown = n;
        process.stderr.write(`  embedded ${n}/${total} texts\r`);
      }
    });
    let offset = 0;
    missing.forEach((text, t) => {
      const count = done.counts[t]!;
      const header = new Float32Array(embedder.dim);
      header[0] = count;
      cache.set(countKey(text), { vector: header, tokens: done.tokens[t]! });
      for (let i = 0; i < count; i++) {
        const row = done.vectors.slice(
          (offset + i) * embedder.dim,
          (offset + i + 1) * embedder.dim,
        );
        cache.set(key(text, i), { vector: row, tokens: done.lengths[offset + i]! });
      }
      offset += count;
    });
    await cache.save();
  }
  const vectors: Float32Array[] = [];
  const lengths: number[][] = [];
  for (const text of texts) {
    const count = cache.get(countKey(text))!.vector[0]!;
    const rows = new Float32Array(count * embedder.dim);
    const lens: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = cache.get(key(text, i))!;
      rows.set(entry.vector, i * embedder.dim);
      lens.push(entry.tokens);
    }
    vectors.push(rows);
    lengths.push(lens);
  }
  return { vectors, lengths, computed: missing.length };
}

export type DenseVariant = 'truncated' | ChunkPooling;

export function pooled(
  windows: { vectors: Float32Array[]; lengths: number[][] },
  dim: number,
  variant: DenseVariant,
): Float32Array {
  const out = new Float32Array(windows.vectors.length * dim);
  windows.vectors.forEach((rows, t) => {
    const lens = windows.lengths[t]!;
    if (variant === 'truncated' || lens.length === 1) {
      out.set(rows.subarray(0, dim), t * dim);
      return;
    }
    const spans = lens.map((end) => ({ start: 0, end }));
    out.set(poolChunks(rows, dim, 0, chunkWeights(spans, variant)), t * dim);
  });
  return out;
}

export function graphOf(vectors: Float32Array, dim: number): KnnGraph {
  const index = buildIndex(vectors, dim, DEFAULT_INDEX_PARAMS);
  return knnGraph(index, vectors, dim, GRAPH_K);
}

function graphRanking(graph: KnnGraph): (row: number) => number[] {
  return (row) =>
    Array.from(graph.rows.subarray(row * graph.k, (row + 1) * graph.k)).filter((r) => r >= 0);
}

/** Reciprocal rank fusion (Cormack et al., SIGIR 2009) of the dense and lexical rankings. */
function rrf(dense: number[], lexical: number[], k = 60): number[] {
  const score = new Map<number, number>();
  dense.forEach((row, i) => score.set(row, (score.get(row) ?? 0) + 1 / (k + i + 1)));
  lexical.forEach((row, i) => score.set(row, (score.get(row) ?? 0) + 1 / (k + i + 1)));
  return [...score].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([row]) => row);
}

/** Cold embedding cost, truncated against chunked, on the same texts in the same run. */
async function embeddingCost(
  truncating: TransformersEmbedder,
  chunked: TransformersEmbedder,
): Promise<ReportRow[]> {
  const lines = gunzipSync(readFileSync(HF_PAPERS)).toString('utf8').split('\n');
  const texts = lines
    .filter((line) => line.trim() !== '')
    .slice(0, COST_TEXTS)
    .map((line) => {
      const paper = JSON.parse(line) as { title: string; abstract: string };
      return paperText(
        paper.title.replace(/\s+/g, ' ').trim(),
        paper.abstract.replace(/\s+/g, ' ').trim(),
      );
    });
  const seconds = { truncated: [] as number[], chunked: [] as number[] };
  let long = 0;
  for (let run = 0; run < COST_RUNS; run++) {
    const spent = { truncated: 0, chunked: 0 };
    for (let start = 0, turn = 0; start < texts.length; start += COST_BLOCK, turn++) {
      const block = texts.slice(start, start + COST_BLOCK);
      const order: ('truncated' | 'chunked')[] =
        turn % 2 === 0 ? ['truncated', 'chunked'] : ['chunked', 'truncated'];
      for (const name of order) {
        const started = performance.now();
        const result = await (name === 'truncated' ? truncating : chunked).embed(block);
        spent[name] += (performance.now() - started) / 1000;
        if (name === 'truncated' && run === 0) long += result.truncated;
      }
    }
    seconds.truncated.push(spent.truncated);
    seconds.chunked.push(spent.chunked);
  }
  const t = median(seconds.truncated);
  const c = median(seconds.chunked);
  return [
    {
      label: `cold embedding, ${texts.length} HF abstracts (${long} over ${truncating.maxTokens} tokens)`,
      value: `truncated ${t.toFixed(1)} s, chunked ${c.toFixed(1)} s (median of ${COST_RUNS})`,
    },
    {
      label: 'chunked / truncated cold embedding time',
      value: `${(c / t).toFixed(2)}× (target ≤ 1.6×)`,
    },
  ];
}

/** How the pipeline embeds (`chunks: null` by default): the first 256 tokens. */
const PIPELINE_VECTORS: DenseVariant = 'truncated';

function configName(variant: DenseVariant, options: HybridOptions): string {
  const { alpha, lexicalCandidates, neighbourhood } = options;
  const around =
    neighbourhood && neighbourhood.weight > 0
      ? `, neighbourhood ${neighbourhood.weight} × mean of ${neighbourhood.size}`
      : '';
  return `blend ${variant} α=${alpha} +${lexicalCandidates} lexical${around}`;
}

const fmt = (s: Scores) => `recall@10 ${s.recall.toFixed(4)}  nDCG@10 ${s.ndcg.toFixed(4)}`;

/** Runs the benchmark; see the module comment. */
export async function benchRelated(): Promise<Report[]> {
  const set = await readCitationSet();
  const texts = set.ids.map((_, row) => paperText(set.titles[row]!, set.abstracts[row]!));
  const rows = set.ids.map((_, row) => row);
  const halfA = rows.filter((row) => evaluationHalf(set.ids[row]!) === 'A');
  const halfB = rows.filter((row) => evaluationHalf(set.ids[row]!) === 'B');

  const chunked = await loadTransformersEmbedder({ chunks: 'default' });
  const truncating = await loadTransformersEmbedder();
  const started = performance.now();
  const windows = await windowVectors(chunked, texts);
  const embedSeconds = (performance.now() - started) / 1000;
  const dim = chunked.dim;
  const long = windows.lengths.filter((lens) => lens.length > 1).length;

  const tfidf = tfidfNeighbours(texts, 10);
  const tfidfRank = (row: number) => tfidf[row]!;

  const corpus = tokenizeCorpus(
    set.ids.map((_, row) => ({ title: set.titles[row]!, abstract: set.abstracts[row]! })),
  );
  const lexical = buildLexicalIndex(termCounts(corpus));
  const scratch = new Float32Array(lexical.count);
  const lexicalLists = rows.map(
    (row) => lexicalNeighbours(lexical, row, 50, undefined, scratch).rows,
  );

  const variants: DenseVariant[] = ['truncated', 'mean', 'title-weighted'];
  const dense = new Map<DenseVariant, { vectors: Float32Array; graph: KnnGraph }>();
  for (const variant of variants) {
    const vectors = pooled(windows, dim, variant);
    dense.set(variant, { vectors, graph: graphOf(vectors, dim) });
  }

  // Every candidate configuration, scored on half A.
  type Config = { name: string; ranking: (row: number) => readonly number[] };
  const hybridConfig = (variant: DenseVariant, options: HybridOptions): Config => {
    const { vectors, graph } = dense.get(variant)!;
    const scorer = new HybridScorer({ vectors, dim, graph, lexical }, options);
    const lists = new Map<number, number[]>();
    return {
      name: configName(variant, options),
      ranking: (row) => {
        let list = lists.get(row);
        if (!list) {
          list = scorer.rank(row).map((hit) => hit.row);
          lists.set(row, list);
        }
        return list;
      },
    };
  };
  const configs: Config[] = [];
  for (const variant of variants) {
    const { graph } = dense.get(variant)!;
    for (const alpha of [0.3, 0.4, 0.5, 0.6, 0.7]) {
      for (const lexicalCandidates of [0, 20, 50]) {
        configs.push(hybridConfig(variant, { alpha, lexicalCandidates }));
      }
    }
    // The neighbourhood term on the pipeline's own vectors (truncated) only: the grid is costly.
    if (variant === 'truncated') {
      for (const alpha of [0.3, 0.4, 0.5]) {
        for (const weight of [0.5, 1, 1.5]) {
          for (const size of [3, 5, 8]) {
            configs.push(
              hybridConfig(variant, {
                alpha,
                lexicalCandidates: 20,
                neighbourhood: { weight, size },
              }),
            );
          }
        }
      }
    }
    const denseRank = graphRanking(graph);
    configs.push({
      name: `RRF ${variant}`,
      ranking: (row) => rrf(denseRank(row), lexicalLists[row]!),
    });
  }
  const onA = configs.map((config) => ({
    config,
    scores: scoreRankings(set, config.ranking, halfA),
  }));
  onA.sort((a, b) => b.scores.recall - a.scores.recall || b.scores.ndcg - a.scores.ndcg);
  const best = onA[0]!;
  const shipped = onA.find(
    (entry) => entry.config.name === configName(PIPELINE_VECTORS, DEFAULT_HYBRID),
  );

  const side = (name: string, ranking: (row: number) => readonly number[]): ReportRow[] => {
    const all = scoreRankings(set, ranking, rows);
    return [
      {
        label: name,
        value: `${fmt(all)}   half B: ${fmt(scoreRankings(set, ranking, halfB))}`,
      },
    ];
  };
  const tfidfAll = scoreRankings(set, tfidfRank, rows);
  const tfidfB = scoreRankings(set, tfidfRank, halfB);
  const bestB = scoreRankings(set, best.config.ranking, halfB);
  const shippedAll = shipped ? scoreRankings(set, shipped.config.ranking, rows) : undefined;
  const shippedB = shipped ? scoreRankings(set, shipped.config.ranking, halfB) : undefined;

  const main: Report = {
    title: `Related papers against citations: citations-dev, ${set.ids.length} papers, ${tfidfAll.queries} with links (half A ${halfA.length}, half B ${halfB.length} papers)`,
    rows: [
      ...side('TF-IDF (1-2 grams, sublinear tf)', tfidfRank),
      ...side('dense, truncated at 256 tokens', graphRanking(dense.get('truncated')!.graph)),
      ...side('dense, chunks, mean pooling', graphRanking(dense.get('mean')!.graph)),
      ...side('dense, chunks, title-weighted', graphRanking(dense.get('title-weighted')!.graph)),
      ...side('lexical (BM25 cosine, pipeline tokenizer)', (row) => lexicalLists[row]!),
      ...side(`hybrid, best on half A: ${best.config.name}`, best.config.ranking),
      ...(shipped
        ? side(`hybrid, pipeline default: ${shipped.config.name}`, shipped.config.ranking)
        : []),
      {
        label: 'best-on-A hybrid / TF-IDF, recall@10 on half B',
        value: `${(bestB.recall / tfidfB.recall).toFixed(2)}× (target ≥ 1.25×)`,
      },
      ...(shippedAll && shippedB
        ? [
            {
              label: 'pipeline default / TF-IDF, recall@10: all / half B',
              value: `${(shippedAll.recall / tfidfAll.recall).toFixed(2)}× / ${(shippedB.recall / tfidfB.recall).toFixed(2)}×`,
            },
          ]
        : []),
      {
        label: 'texts over 256 tokens (embedded in chunks)',
        value: `${long} of ${texts.length}`,
      },
      {
        label: 'window embedding (this run)',
        value: `${windows.computed} texts embedded in ${embedSeconds.toFixed(1)} s, the rest from the bench cache`,
      },
    ],
  };
  const grid: Report = {
    title: 'Hybrid variants on half A (the choice), best first: recall@10 / nDCG@10',
    rows: onA.map((entry) => ({
      label: entry.config.name,
      value: `${entry.scores.recall.toFixed(4)} / ${entry.scores.ndcg.toFixed(4)}`,
    })),
  };
  // Printed now: the cost measurement below takes minutes on a busy machine.
  printReport(main);
  printReport(grid);
  const cost: Report = {
    title: 'Whole-abstract (chunked) embedding cost against truncation, same texts, same run',
    rows: [
      ...(await embeddingCost(truncating, chunked)),
      { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      loadRow(),
    ],
  };
  await Promise.all([chunked.dispose(), truncating.dispose()]);
  return [cost];
}
