/**
 * One pipeline run: checks → parse → embed → index → topics → themes → layout → trends → emit →
 * write.
 * Each stage is a function from data to data; this module only sequences them, times them,
 * and hands the file system, the model and the progress display in from outside.
 */
import { ingestInputs } from '../ingest/ingest.ts';
import type { IngestResult } from '../ingest/types.ts';
import type { Embedder } from '../embed/embedder.ts';
import { loadTransformersEmbedder, paperText } from '../embed/transformers-embedder.ts';
import { EmbeddingCache, embedWithCache } from '../embed/embedding-cache.ts';
import { buildIndex, knnGraph, saveIndex } from '../index/hnsw-index.ts';
import { relatedStage } from '../index/related-stage.ts';
import { extendIndex } from '../index/extend-index.ts';
import type { KnnGraph } from '../index/knn.ts';
import { measureRecall } from '../index/measure-recall.ts';
import { planIndex } from '../index/plan-index.ts';
import { encodeBrowserData } from '../emit/encode-browser-data.ts';
import { readPreviousTerms } from '../emit/previous-terms.ts';
import { readPreviousRun, type PreviousRun } from './previous-run.ts';
import { writeArtifacts } from './write-artifacts.ts';
import { analyseCorpus } from './analyse-corpus.ts';
import { checkBeforeRun } from './check-before-run.ts';
import type { RunOptions } from './run-options.ts';
import type { ProgressFactory } from '../cli/progress.ts';
import { SCHEMA_VERSION, type Manifest } from '../schema/artifacts.ts';
import { toolInfo } from './tool-info.ts';
import { recordedThemesPath } from '../themes/themes-source.ts';
import type { HierarchicalNSW } from 'hnswlib-node';
import { acquireRunLock } from '../output/run-lock.ts';
import { writeGeneration } from '../output/generation.ts';

/** What a run needs from outside besides its options. */
export interface RunDeps {
  /** One line of user-facing output. */
  log: (line: string) => void;
  progress: ProgressFactory;
  /** Loads the embedder; tests pass a fake. Default: the real transformers.js model. */
  loadEmbedder?: (options: RunOptions) => Promise<Embedder>;
}

/** The summary of a finished run. */
export interface RunOutcome {
  manifest: Manifest;
  /** Records rejected (0 means a clean run). */
  rejected: number;
}

/** Thrown when a run cannot produce anything useful; the message names the fix. */
export class RunError extends Error {
  override name = 'RunError';
}

function defaultEmbedder(options: RunOptions): Promise<Embedder> {
  return loadTransformersEmbedder({
    ...(options.model ? { model: options.model } : {}),
    allowDownload: options.allowDownload,
  });
}

/**
 * The index and k-NN graph: the previous run's extended with the papers appended since when
 * {@link planIndex} allows it, else built from all papers. An extension that fails (an unreadable
 * index file) is reported and replaced by a full build, never half-used.
 */
async function indexAndGraph(
  options: RunOptions,
  previous: PreviousRun | undefined,
  current: {
    ids: string[];
    vectors: Float32Array;
    dim: number;
    kGraph: number;
    embedder: Embedder;
  },
  { log, progress }: Pick<RunDeps, 'log' | 'progress'>,
): Promise<{ index: HierarchicalNSW; graph: KnnGraph; build: Manifest['index']['build'] }> {
  const { ids, vectors, dim, kGraph, embedder } = current;
  const plan = await planIndex(
    previous,
    {
      ids,
      vectors,
      dim,
      model: { id: embedder.modelId, files: embedder.files },
      params: options.index,
      graphK: kGraph,
    },
    options.rebuildIndex,
  );
  let reason = plan.mode === 'build' ? plan.reason : '';
  if (plan.mode === 'extend') {
    try {
      const extended = await extendIndex(
        plan.indexFile,
        plan.graph,
        vectors,
        dim,
        options.index.efSearch,
      );
      const added = ids.length - plan.graph.count;
      log(`index: extended the previous index by ${added} papers`);
      return { ...extended, build: { mode: 'extended', added } };
    } catch (error) {
      reason = `the previous index could not be extended (${(error as Error).message})`;
      log(`warning: ${reason}; building it anew`);
    }
  }
  log(`index: building over ${ids.length} papers (${reason})`);
  const building = progress('index', 'papers');
  const index = buildIndex(vectors, dim, options.index, (done, total) =>
    building.update(done, total),
  );
  building.stop();
  const querying = progress('neighbours', 'papers');
  const graph = knnGraph(index, vectors, dim, kGraph, (done, total) =>
    querying.update(done, total),
  );
  querying.stop();
  return { index, graph, build: { mode: 'built', reason } };
}

/**
 * Runs the whole pipeline and commits the artifacts as a new generation of `options.outDir`
 * (see `output/run-folder.ts`): its `private/` half for the pipeline and the search API, its
 * `public/` half, browser data included, for the dashboard. The folder's run lock is held
 * throughout (see `output/run-lock.ts`).
 *
 * @throws {RunLockedError} when another run is writing the folder.
 */
export async function runPipeline(options: RunOptions, deps: RunDeps): Promise<RunOutcome> {
  // Everything a run could fail on late (a missing watch-list, an output path that is a file)
  // is checked before the minutes of embedding; the check creates the output folder.
  const checked = await checkBeforeRun(options);
  const lock = await acquireRunLock(options.outDir, (line) => deps.log(`warning: ${line}`));
  try {
    return await runLocked(options, deps, checked);
  } finally {
    await lock.release();
  }
}

async function runLocked(
  options: RunOptions,
  deps: RunDeps,
  { themeFile }: Awaited<ReturnType<typeof checkBeforeRun>>,
): Promise<RunOutcome> {
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timingsMs[stage] = Math.round(performance.now() - started);
    return result;
  };
  const { log } = deps;

  const ingest: IngestResult = await timed('ingest', () =>
    ingestInputs(options.inputs, {
      ...(options.year ? { year: options.year.value, yearSource: options.year.source } : {}),
    }),
  );
  for (const warning of ingest.warnings) log(`warning: ${warning}`);
  log(
    `read ${ingest.counts.read} records: ${ingest.counts.accepted} accepted, ` +
      `${ingest.counts.rejected} rejected, ${ingest.counts.duplicates} duplicates → ` +
      `${ingest.counts.papers} papers (${ingest.counts.multiDay} seen on several days, ` +
      `${ingest.counts.undated} undated)`,
  );
  if (options.failFast && ingest.rejects.length > 0) {
    const first = ingest.rejects[0]!;
    throw new RunError(
      `${first.source.file}:${first.source.line}: ${first.message} (stopped by --fail-fast)`,
    );
  }
  if (ingest.papers.length === 0) {
    throw new RunError(
      `no papers in ${options.inputs.join(', ')}: nothing to embed` +
        (ingest.rejects.length > 0
          ? ` (${ingest.rejects.length} rejected, see the warnings above)`
          : ''),
    );
  }

  const embedder = await timed('loadModel', () => (deps.loadEmbedder ?? defaultEmbedder)(options));
  const cache = await EmbeddingCache.open(options.cacheDir, embedder);
  const texts = ingest.papers.map((paper) => paperText(paper.title, paper.abstract));
  const bar = deps.progress('embed', 'papers');
  const embedded = await timed('embed', async () => {
    try {
      return await embedWithCache(embedder, texts, cache, (done, total) => bar.update(done, total));
    } finally {
      bar.stop();
    }
  });
  if (cache.warning) log(`warning: ${cache.warning}`);
  log(
    `embedded ${embedded.computed} papers (${embedded.hits} from the cache, ` +
      (embedder.chunksLongTexts
        ? `${embedded.long} longer than ${embedder.maxTokens} tokens, embedded whole in windows)`
        : `${embedded.truncated} cut to ${embedder.maxTokens} tokens)`),
  );

  const { vectors, dim } = embedded;
  const count = ingest.papers.length;
  const ids = ingest.papers.map((paper) => paper.id);
  // At least 15 neighbours feed topics and the map; a corpus of one paper still gets a (padded) graph.
  const kGraph = Math.max(1, Math.min(Math.max(options.k, 15), count - 1));
  const stateWarnings: string[] = [];
  const previous = await readPreviousRun(options.outDir, (line) => {
    stateWarnings.push(line);
    log(`warning: ${line}`);
  });
  const { index, graph, build } = await timed('index', () =>
    indexAndGraph(options, previous, { ids, vectors, dim, kGraph, embedder }, deps),
  );
  const relatedK = Math.max(1, Math.min(options.k, count - 1));
  const { related, manifest: relatedManifest } = await timed('related', () =>
    relatedStage({
      papers: ingest.papers,
      vectors,
      dim,
      graph,
      k: relatedK,
      indexBuild: build,
      previous: previous?.manifest,
      previousDir: previous?.dir,
    }),
  );
  log(
    relatedManifest.build.mode === 'extended'
      ? `related: extended the previous lists by ${relatedManifest.build.added} papers`
      : `related: hybrid lists for ${count} papers (${relatedManifest.build.reason})`,
  );
  const added = build.mode === 'extended' ? build.added : 0;
  const newRows = Array.from({ length: added }, (_, i) => count - added + i);
  // An index reused unchanged has the recall measured before: same graph, vectors and sample.
  const unchanged = build.mode === 'extended' && added === 0 && previous?.manifest !== undefined;
  const recall = unchanged
    ? {
        recallAt10: previous.manifest!.index.recallAt10,
        sample: previous.manifest!.index.recallSample,
      }
    : await timed('recall', () => measureRecall(graph, vectors, dim, options.index.seed, newRows));
  log(
    `index: ${count} papers, recall@10 ${recall.recallAt10.toFixed(4)} on ${recall.sample} papers`,
  );

  const analysis = await analyseCorpus(
    { ingest, vectors, dim, graph, embedder, previous, themeConfig: themeFile.themes },
    options,
    { log, timed, progress: deps.progress },
  );
  const browser = await timed('emit', async () => {
    const known = await readPreviousTerms(previous, {
      papers: analysis.papers,
      topics: analysis.topics,
      themes: analysis.themes,
      tool: toolInfo(),
    });
    log(
      known.terms
        ? `emit: shared terms of the previous run's ${known.terms.size} related pairs reused; other pairs found anew`
        : `emit: shared terms found anew (${known.reason})`,
    );
    return encodeBrowserData(
      {
        papers: analysis.papers,
        related,
        topics: analysis.topics,
        themes: analysis.themes,
        trends: analysis.trends,
      },
      known.terms ? { knownTerms: known.terms } : {},
    );
  });

  const warnings = [
    ...ingest.warnings,
    ...(cache.warning ? [cache.warning] : []),
    ...stateWarnings,
    ...analysis.warnings,
  ];
  const unwritten: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    tool: toolInfo(),
    inputs: ingest.inputs,
    year: options.year ?? null,
    counts: {
      ...ingest.counts,
      truncated: embedded.truncated,
      chunked: embedder.chunksLongTexts ? embedded.long : 0,
      cacheHits: embedded.hits,
      embedded: embedded.computed,
    },
    model: {
      id: embedder.modelId,
      dtype: embedder.dtype,
      pooling: embedder.pooling,
      normalize: true,
      maxTokens: embedder.maxTokens,
      dim,
      files: embedder.files,
    },
    index: {
      space: 'cosine',
      ...options.index,
      k: relatedK,
      graphK: kGraph,
      build,
      recallAt10: recall.recallAt10,
      recallSample: recall.sample,
    },
    related: relatedManifest,
    topics: analysis.manifestTopics,
    themes: { file: recordedThemesPath(options.themesFile), sha256: themeFile.sha256 },
    timingsMs,
    warnings,
  };

  const { value: manifest, dir } = await timed('write', async () => {
    await cache.save();
    return writeGeneration(options.outDir, (generationDir) =>
      writeArtifacts(generationDir, {
        papers: analysis.papers,
        related,
        relatedK,
        topics: analysis.topics,
        themes: analysis.themes,
        trends: analysis.trends,
        rejects: ingest.rejects,
        vectors,
        graph,
        writeIndex: (file) => saveIndex(index, file),
        browser,
        manifest: unwritten,
      }),
    );
  });
  log(
    `wrote ${dir}: public/ (${browser.details.length + 2} browser files and the small ` +
      'artifacts) and private/ (index, vectors, full artifacts)',
  );
  return { manifest, rejected: ingest.counts.rejected };
}
