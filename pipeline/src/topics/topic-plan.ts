/**
 * Whether a run clusters all papers anew or adds the new ones to the previous run's topics,
 * and the topics that result.
 *
 * Clustering 75,000 papers takes tens of seconds and may reshuffle borderline papers; adding a
 * day of papers to existing topics takes well under a second. So a run adds papers while those
 * added since the last clustering stay at most {@link REFIT_SHARE} of the corpus, and clusters
 * anew beyond that (merges and splits need a clustering; new topics are also born between
 * clusterings, from papers that fit one another better than the topics), when papers were
 * removed, when the seed changed, or when asked (`--refit-topics`). The manifest records which
 * happened and why.
 */
import type { ManifestTopics, Topic, TopicFit, TopicSimilarity } from '../schema/artifacts.ts';
import {
  DEFAULT_TOPIC_OPTIONS,
  discoverTopics,
  type TopicDoc,
  type TopicParams,
  type TopicQuality,
  type TopicResult,
} from './discover-topics.ts';
import { currentParams, currentQuality } from './legacy-record.ts';
import { sizeSummary } from './quality/topic-quality.ts';
import { updateTopics } from './update-topics.ts';
import type { KnnGraph } from '../index/knn.ts';

export type { TopicFit } from '../schema/artifacts.ts';

/**
 * Papers added since the last clustering, as a share of all papers, up to which a run adds new
 * papers to the existing topics instead of clustering anew: 5 % is a week of HF daily pages on a
 * year of them, or about 19 of the 322 arxiv-cs-daily days.
 */
export const REFIT_SHARE = 0.05;

/** What the plan reads of the previous run in the output folder. */
export interface PreviousTopicRun {
  /** The previous manifest, as far as its topic record goes; undefined when there is none. */
  manifest: { topics?: Partial<ManifestTopics> } | undefined;
  /** Paper ids in the previous run's row order. */
  ids: readonly string[];
  topics: Topic[];
  /** Fine topic id → ids of its member papers. */
  members: Map<number, string[]>;
  /** Each previous paper's fine topic (null for an outlier) and, for an outlier, its nearest topics. */
  assignment: Map<string, { topic: number | null; nearestTopics: TopicSimilarity[] }>;
}

/** What a run asked for. */
export interface TopicPlanOptions {
  /** Cluster anew even when the new papers could be added (`--refit-topics`). */
  refitTopics: boolean;
  /** Seed of the clustering. */
  seed: number;
}

/** The decision: cluster anew (and why), or add the new papers to the previous topics. */
export type TopicPlan =
  | { mode: 'refit'; reason: string }
  | {
      mode: 'update';
      reason: string;
      previous: PreviousTopicRun;
      fit: TopicFit;
      params: TopicParams;
      quality: TopicQuality;
      /** Papers new in this run. */
      added: number;
    };

function previousRecord(previous: PreviousTopicRun): Omit<ManifestTopics, 'layout'> | undefined {
  const record = previous.manifest?.topics;
  if (!record?.fit || !record.params || !record.quality) return undefined;
  return {
    fit: record.fit,
    params: currentParams(record.params),
    quality: currentQuality(record.quality),
  };
}

/** Decides how to get this run's topics; see the module comment. */
export function planTopics(
  previous: PreviousTopicRun | undefined,
  papers: readonly { id: string }[],
  options: TopicPlanOptions,
): TopicPlan {
  const refit = (reason: string): TopicPlan => ({ mode: 'refit', reason });
  if (options.refitTopics) return refit('asked for (--refit-topics)');
  if (!previous) return refit('no previous run in the output folder');
  const record = previousRecord(previous);
  if (!record) return refit('the previous run recorded no topic fit');
  if (!previous.topics.some((topic) => topic.level === 0)) {
    return refit('the previous run has no topics');
  }
  if (record.params.seed !== options.seed) return refit('the seed changed');
  const current = new Set(papers.map((paper) => paper.id));
  const removed = previous.ids.filter((id) => !current.has(id)).length;
  if (removed > 0) return refit(`${removed} papers of the previous run are gone`);
  const added = papers.length - previous.ids.length;
  const share = (record.fit.addedSinceFit + added) / papers.length;
  if (share > REFIT_SHARE) {
    return refit(
      `${record.fit.addedSinceFit + added} papers added since the last clustering, ` +
        `over ${REFIT_SHARE * 100} % of ${papers.length}`,
    );
  }
  return {
    mode: 'update',
    reason: `at most ${REFIT_SHARE * 100} % of the papers are new; --refit-topics clusters anew`,
    previous,
    fit: record.fit,
    params: record.params,
    quality: record.quality,
    added,
  };
}

/** The papers, vectors and k-NN graph topics are fitted to; row i of each belongs to docs[i]. */
export interface TopicFitInput {
  docs: readonly TopicDoc[];
  /** docs.length × dim unit vectors, row-major. */
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
}

/** The part of a clustering's result a run keeps. */
export type FittedTopics = Pick<
  TopicResult,
  'topics' | 'assignment' | 'nearestTopics' | 'changes' | 'params' | 'quality'
>;

/**
 * The previous topics with this run's new papers added, in the shape of a full clustering's
 * result: no topic changes, the previous parameters, and the previous quality figures with the
 * outlier and size figures brought up to date (coherence is measured at each clustering).
 */
export function updatedTopics(
  input: TopicFitInput,
  plan: Extract<TopicPlan, { mode: 'update' }>,
  options: TopicPlanOptions,
): FittedTopics {
  const { vectors, dim, graph, docs } = input;
  const topicOptions = {
    ...DEFAULT_TOPIC_OPTIONS,
    seed: options.seed,
    ngramMax: plan.params.ngramMax,
  };
  const update = updateTopics(
    { vectors, dim, graph, docs, topics: plan.previous.topics, previous: plan.previous.assignment },
    {
      neighbours: Math.min(plan.params.neighbours, graph.k),
      outlierSimilarity: plan.params.outlierSimilarity,
      minTopicSize: plan.params.minTopicSize,
      topics: topicOptions,
    },
  );
  const fineSizes = update.topics.filter((t: Topic) => t.level === 0).map((t) => t.size);
  const outliers = update.assignment.filter((topic) => topic === null).length;
  const papers = update.assignment.length;
  return {
    topics: update.topics,
    assignment: update.assignment,
    nearestTopics: update.nearestTopics,
    changes: { born: update.born, merged: [], split: [], retired: [] },
    params: plan.params,
    quality: {
      ...plan.quality,
      outliers,
      outlierRate: papers === 0 ? 0 : Math.round((outliers / papers) * 10_000) / 10_000,
      size: sizeSummary(fineSizes),
    },
  };
}

/**
 * This run's topics: the previous ones with the new papers added when {@link planTopics} allows
 * it, else a full clustering (ids carried over from the previous run where topics match), with
 * the fit record for the manifest and one line saying which happened.
 */
export function fitTopics(
  input: TopicFitInput,
  previous: PreviousTopicRun | undefined,
  options: TopicPlanOptions,
): { topics: FittedTopics; fit: TopicFit; summary: string } {
  const plan = planTopics(previous, input.docs, options);
  if (plan.mode === 'update') {
    const fit: TopicFit = {
      mode: 'incremental',
      papersAtFit: plan.fit.papersAtFit,
      addedSinceFit: plan.fit.addedSinceFit + plan.added,
      reason: plan.reason,
    };
    return {
      topics: updatedTopics(input, plan, options),
      fit,
      summary:
        `added ${plan.added} papers to the existing topics ` +
        `(${fit.addedSinceFit} since the last clustering of ${fit.papersAtFit}; ${fit.reason})`,
    };
  }
  const count = input.docs.length;
  return {
    topics: discoverTopics(
      {
        ...input,
        ...(previous ? { previous: { topics: previous.topics, members: previous.members } } : {}),
      },
      { ...DEFAULT_TOPIC_OPTIONS, seed: options.seed },
    ),
    fit: { mode: 'full', papersAtFit: count, addedSinceFit: 0, reason: plan.reason },
    summary: `clustered ${count} papers (${plan.reason})`,
  };
}
