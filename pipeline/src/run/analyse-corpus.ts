/**
 * The analytics half of a run: topics → watch-list themes → map → trends, joined into the
 * papers, topics, themes and trends artifacts. Each step is a stage's function; this module
 * only sequences them and joins their results per paper.
 */
import type { IngestResult } from '../ingest/types.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { KnnGraph } from '../index/knn.ts';
import type { PreviousRun } from './previous-run.ts';
import type { ProgressFactory } from '../cli/progress.ts';
import type { RunOptions } from './run-options.ts';
import type { ManifestTopics, Paper, Theme, TopicsFile, TrendsFile } from '../schema/artifacts.ts';
import { fitTopics } from '../topics/topic-plan.ts';
import { embedThemes, scoreThemes } from '../themes/score-themes.ts';
import type { ThemeDefinition } from '../themes/theme-config.ts';
import { DEFAULT_LAYOUT_OPTIONS, labelPositions, layoutMap } from '../layout/map-layout.ts';
import { computeTrends } from '../trends/compute-trends.ts';

/** Inputs of the analytics stages: the ingested papers and their vectors and k-NN graph. */
export interface AnalysisInput {
  ingest: IngestResult;
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
  embedder: Embedder;
  previous: PreviousRun | undefined;
  /** The watch-list, read and checked before the long work started. */
  themeConfig: ThemeDefinition[];
}

/** The analytics artifacts, without schema versions. */
export interface Analysis {
  papers: Paper[];
  topics: Omit<TopicsFile, 'schemaVersion'>;
  /** The watch-list themes with their sizes. */
  themes: Theme[];
  trends: Omit<TrendsFile, 'schemaVersion'>;
  manifestTopics: ManifestTopics;
  warnings: string[];
}

type Timed = <T>(stage: string, work: () => Promise<T> | T) => Promise<T>;

/** Runs topics → watch-list themes → map → trends. */
export async function analyseCorpus(
  input: AnalysisInput,
  options: RunOptions,
  io: { log: (line: string) => void; timed: Timed; progress?: ProgressFactory },
): Promise<Analysis> {
  const { ingest, vectors, dim, graph, embedder, previous, themeConfig } = input;
  const { log, timed } = io;
  const warnings: string[] = [];

  const docs = ingest.papers.map(({ id, title, abstract }) => ({ id, title, abstract }));
  const fitted = await timed('topics', () =>
    fitTopics({ docs, vectors, dim, graph }, previous, options),
  );
  const topics = fitted.topics;
  log(`topics: ${fitted.summary}`);

  const themes = await timed('themes', async () =>
    scoreThemes(vectors, dim, await embedThemes(themeConfig, embedder), themeConfig),
  );

  const mapBar = io.progress?.('map', 'epochs');
  const layout = await timed('layout', () => {
    try {
      return layoutMap(
        {
          ids: ingest.papers.map((paper) => paper.id),
          graph,
          ...(previous && !options.refitLayout ? { previous: previous.places } : {}),
          ...(mapBar
            ? { onEpoch: (done: number, total: number) => mapBar.update(done, total) }
            : {}),
        },
        { ...DEFAULT_LAYOUT_OPTIONS, seed: options.seed },
      );
    } finally {
      mapBar?.stop();
    }
  });
  if (layout.refitAdvised) {
    warnings.push(
      `map: ${layout.projected} of ${ingest.papers.length} papers were placed into the previous ` +
        'layout; run with --refit-layout for a fresh map',
    );
    log(`warning: ${warnings.at(-1)}`);
  }
  const positions = labelPositions(topics.assignment, layout.x, layout.y, topics.topics);
  const topicList = topics.topics.map((topic) => {
    const at = positions.get(topic.id);
    return { ...topic, labelX: at?.x ?? 0, labelY: at?.y ?? 0 };
  });

  const papers: Paper[] = ingest.papers.map((paper, row) => ({
    ...paper,
    topic: topics.assignment[row] ?? null,
    nearestTopics: topics.nearestTopics[row] ?? [],
    x: layout.x[row]!,
    y: layout.y[row]!,
    themes: themes.perPaper[row] ?? [],
  }));

  const trends = await timed('trends', () =>
    computeTrends({ papers, topics: topicList, themes: themes.themes }, {}),
  );

  return {
    papers,
    topics: { topics: topicList, changes: topics.changes },
    themes: themes.themes,
    trends,
    manifestTopics: {
      fit: fitted.fit,
      params: topics.params,
      quality: topics.quality,
      layout: layout.params,
    },
    warnings,
  };
}
