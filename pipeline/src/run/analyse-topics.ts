/**
 * The analytics half of a run: topics, themes, the map and trends, joined into the papers,
 * topics, themes and trends artifacts.
 */
import type { IngestResult } from '../ingest/types.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { KnnGraph } from '../index/knn.ts';
import type { PreviousRun } from './previous-run.ts';
import type { ProgressFactory } from '../cli/progress.ts';
import type { RunOptions } from './run-options.ts';
import type { Paper, Theme, TopicsFile, TrendsFile } from '../schema/artifacts.ts';
import { DEFAULT_TOPIC_OPTIONS, discoverTopics } from '../topics/discover-topics.ts';
import { embedThemes, loadThemeConfig, scoreThemes } from '../themes/score-themes.ts';
import { DEFAULT_LAYOUT_OPTIONS, labelPositions, layoutMap } from '../layout/map-layout.ts';
import { computeTrends } from '../trends/compute-trends.ts';
import { planTopics, updatedTopics, type TopicFit } from './topic-plan.ts';

/** Inputs of the analytics stages: the ingested papers and their vectors and k-NN graph. */
export interface AnalysisInput {
  ingest: IngestResult;
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
  embedder: Embedder;
  previous: PreviousRun | undefined;
}

/** The analytics artifacts, without schema versions. */
export interface Analysis {
  papers: Paper[];
  topics: Omit<TopicsFile, 'schemaVersion'>;
  themes: Theme[];
  trends: Omit<TrendsFile, 'schemaVersion'>;
  manifestTopics: Record<string, unknown>;
  warnings: string[];
}

type Timed = <T>(stage: string, work: () => Promise<T> | T) => Promise<T>;

/** Runs topics → themes → layout → trends. */
export async function analyseTopics(
  input: AnalysisInput,
  options: RunOptions,
  io: { log: (line: string) => void; timed: Timed; progress?: ProgressFactory },
): Promise<Analysis> {
  const { ingest, vectors, dim, graph, embedder, previous } = input;
  const { log, timed } = io;
  const warnings: string[] = [];

  const plan = planTopics(previous, ingest.papers, options);
  const topics = await timed('topics', () =>
    plan.mode === 'update'
      ? updatedTopics(input, plan, options)
      : discoverTopics(
          {
            vectors,
            dim,
            graph,
            docs: ingest.papers.map(({ id, title, abstract }) => ({ id, title, abstract })),
            ...(previous
              ? { previous: { topics: previous.topics, members: previous.members } }
              : {}),
          },
          { ...DEFAULT_TOPIC_OPTIONS, seed: options.seed },
        ),
  );
  const fit: TopicFit =
    plan.mode === 'update'
      ? {
          mode: 'incremental',
          papersAtFit: plan.fit.papersAtFit,
          addedSinceFit: plan.fit.addedSinceFit + plan.added,
          reason: plan.reason,
        }
      : { mode: 'full', papersAtFit: ingest.papers.length, addedSinceFit: 0, reason: plan.reason };
  log(
    fit.mode === 'full'
      ? `topics: clustered ${ingest.papers.length} papers (${fit.reason})`
      : `topics: added ${plan.mode === 'update' ? plan.added : 0} papers to the existing topics ` +
          `(${fit.addedSinceFit} since the last clustering of ${fit.papersAtFit}; ${fit.reason})`,
  );

  const themeConfig = await loadThemeConfig(options.themesFile);
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
      fit,
      params: topics.params,
      quality: topics.quality,
      layout: layout.params,
    },
    warnings,
  };
}
