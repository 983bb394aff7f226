/**
 * Whether a run clusters all papers anew or adds the new ones to the previous run's topics.
 *
 * Clustering 75,000 papers takes tens of seconds and may reshuffle borderline papers; adding a
 * day of papers to existing topics takes well under a second. So a run adds papers while those
 * added since the last clustering stay at most {@link REFIT_SHARE} of the corpus, and clusters
 * anew beyond that (merges and splits need a clustering; new topics are also born between
 * clusterings, from papers that fit one another better than the topics), when papers were
 * removed, when the seed changed, or when asked (`--refit-topics`). The manifest records which happened and why.
 */
import type { IngestedPaper } from '../ingest/types.ts';
import type { Topic } from '../schema/artifacts.ts';
import {
  DEFAULT_TOPIC_OPTIONS,
  type TopicParams,
  type TopicQuality,
  type TopicResult,
} from '../topics/discover-topics.ts';
import { sizeSummary } from '../topics/quality/topic-quality.ts';
import { updateTopics } from '../topics/update-topics.ts';
import type { AnalysisInput } from './analyse-topics.ts';
import type { PreviousRun } from './previous-run.ts';
import type { RunOptions } from './run-options.ts';

/**
 * Papers added since the last clustering, as a share of all papers, up to which a run adds new
 * papers to the existing topics instead of clustering anew: 5 % is a week of HF daily pages on a
 * year of them, or about 19 of the 322 arxiv-cs-daily days.
 */
export const REFIT_SHARE = 0.05;

/** How this run's topics came about, as recorded in `manifest.topics.fit`. */
export interface TopicFit {
  /** `full`: all papers clustered in this run; `incremental`: new papers added to earlier topics. */
  mode: 'full' | 'incremental';
  /** Papers in the last full clustering. */
  papersAtFit: number;
  /** Papers added to the topics since then (0 after a full clustering). */
  addedSinceFit: number;
  /** Why this mode was chosen. */
  reason: string;
}

/** What the previous manifest says about its topics, as far as this module reads it. */
interface PreviousTopicsRecord {
  fit: TopicFit;
  params: TopicParams;
  quality: TopicQuality;
}

/** The decision: cluster anew (and why), or add the new papers to the previous topics. */
export type TopicPlan =
  | { mode: 'refit'; reason: string }
  | {
      mode: 'update';
      reason: string;
      previous: PreviousRun;
      fit: TopicFit;
      params: TopicParams;
      quality: TopicQuality;
      /** Papers new in this run. */
      added: number;
    };

function previousRecord(previous: PreviousRun): PreviousTopicsRecord | undefined {
  const record = previous.manifest?.topics as Partial<PreviousTopicsRecord> | undefined;
  if (!record?.fit || !record.params || !record.quality) return undefined;
  return record as PreviousTopicsRecord;
}

/** Decides how to get this run's topics; see the module comment. */
export function planTopics(
  previous: PreviousRun | undefined,
  papers: readonly IngestedPaper[],
  options: RunOptions,
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

/**
 * The previous topics with this run's new papers added, in the shape of a full clustering's
 * result: no topic changes, the previous parameters, and the previous quality figures with the
 * outlier and size figures brought up to date (coherence is measured at each clustering).
 */
export function updatedTopics(
  input: AnalysisInput,
  plan: Extract<TopicPlan, { mode: 'update' }>,
  options: RunOptions,
): Pick<TopicResult, 'topics' | 'assignment' | 'nearestTopics' | 'changes' | 'params' | 'quality'> {
  const { ingest, vectors, dim, graph } = input;
  const topicOptions = {
    ...DEFAULT_TOPIC_OPTIONS,
    seed: options.seed,
    ngramMax: plan.params.ngramMax,
  };
  const update = updateTopics(
    {
      vectors,
      dim,
      graph,
      docs: ingest.papers.map(({ id, title, abstract }) => ({ id, title, abstract })),
      topics: plan.previous.topics,
      previous: plan.previous.assignment,
    },
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
