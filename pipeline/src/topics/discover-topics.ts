/**
 * Topic discovery: papers → fine topics (level 0) and broad topics (level 1), with c-TF-IDF
 * labels, explicit outliers, stable ids across runs and quality figures.
 *
 * Steps: Louvain communities of the k-NN graph in the full embedding space (knn-communities.ts)
 * → topics and outliers (assign-members.ts) → broad topics from the topic graph (hierarchy.ts) →
 * keywords (c-tf-idf.ts) and labels (labels.ts) → ids matched to the previous run
 * (stable-ids.ts) → quality (quality/). A pure function of its input: no I/O, no clock.
 */
import type { KnnGraph } from '../index/knn.ts';
import type { Topic, TopicChanges, TopicSimilarity } from '../schema/artifacts.ts';
import { assignMembers } from './assign-members.ts';
import { buildTermIndex } from './c-tf-idf.ts';
import { closestMembers, groupCentroids, nearestCentroids } from './centroids.ts';
import { groupTopics } from './hierarchy.ts';
import { louvainCommunities, undirectedEdges } from './knn-communities.ts';
import { uniqueLabels, type LabelTerm } from './labels.ts';
import { measureQuality } from './quality/measure-quality.ts';
import type { TopicQuality } from './quality/topic-quality.ts';
import { tokenizeCorpus } from './tokenize.ts';
import { assignIds, membersOf, type Level, type PreviousTopics } from './topic-ids.ts';
import { describeGroups } from './topic-keywords.ts';
import { checkTopicOptions, effectiveScale, type TopicOptions } from './topic-options.ts';

export { DEFAULT_TOPIC_OPTIONS, type TopicOptions } from './topic-options.ts';
export type { TopicQuality } from './quality/topic-quality.ts';
export type { PreviousTopics } from './topic-ids.ts';

/** A paper as topic discovery reads it. */
export interface TopicDoc {
  /** Paper id, as in `papers.json`; the unit of stable topic ids. */
  id: string;
  /** Title; counts as the first sentence for keywords. */
  title: string;
  abstract: string;
}

/** Input of {@link discoverTopics}; row i of `vectors` and `graph` belongs to `docs[i]`. */
export interface TopicInput {
  /** docs.length × dim unit vectors, row-major. */
  vectors: Float32Array;
  dim: number;
  /** k-NN graph over the same rows. */
  graph: KnnGraph;
  docs: readonly TopicDoc[];
  previous?: PreviousTopics;
}

/** Parameters as actually used, for the manifest (see {@link TopicOptions} for each). */
export interface TopicParams {
  seed: number;
  /** Louvain resolution γ used for fine topics, 4 decimals. */
  resolution: number;
  /** Smallest topic, in papers, as used. */
  minTopicSize: number;
  /** Neighbours per paper taken from the k-NN graph, as used. */
  neighbours: number;
  /** Least leave-one-out cosine of a paper to its topic centroid. */
  outlierSimilarity: number;
  /** Louvain resolution of the broad topics, or `'auto'` (see `TopicOptions`). */
  broadTopicResolution: number | 'auto';
  /** Longest keyword phrase, in words. */
  ngramMax: number;
  /** Communities Louvain found before small ones were dissolved. */
  communities: number;
}

/** Everything topic discovery returns. */
export interface TopicResult {
  /** Level-1 topics first, then level-0, each sorted by id. labelX/labelY are 0 (the layout stage sets them). */
  topics: Topic[];
  /** Per row: fine topic id, or null for an outlier. */
  assignment: (number | null)[];
  /** Per row: for an outlier, its two nearest fine topics by centroid cosine (4 decimals); else empty. */
  nearestTopics: TopicSimilarity[][];
  /** Unit centroid of every topic (both levels) by id. */
  centroids: Map<number, Float32Array>;
  /** Changes against `previous`; all lists empty when there is no previous run. */
  changes: TopicChanges;
  quality: TopicQuality;
  params: TopicParams;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function checkInput(input: TopicInput): void {
  const { vectors, dim, graph, docs } = input;
  if (!Number.isInteger(dim) || dim < 1 || vectors.length !== docs.length * dim) {
    throw new RangeError(
      `topics: ${vectors.length} vector values do not make ${docs.length} rows of dim ${dim}; ` +
        'pass the embeddings of exactly these papers',
    );
  }
  if (graph.count !== docs.length) {
    throw new RangeError(
      `topics: the k-NN graph has ${graph.count} rows but there are ${docs.length} papers; ` +
        'build the graph from the same papers',
    );
  }
}

/**
 * Discovers topics. Deterministic: the same input and options give the same result, ids and
 * label order included.
 *
 * @throws {RangeError} when vectors, graph and docs disagree in size, or an option is out of range.
 */
export function discoverTopics(input: TopicInput, options: TopicOptions): TopicResult {
  checkTopicOptions(options);
  checkInput(input);
  const { vectors, dim, graph, docs } = input;
  const papers = docs.length;
  const scale = effectiveScale(options, papers);

  const edges = undirectedEdges(graph, scale.neighbours);
  const communities = louvainCommunities(papers, edges, scale.resolution, options.seed);
  const communityCount = communities.reduce((max, c) => Math.max(max, c + 1), 0);
  const fine = assignMembers(vectors, dim, communities, {
    minTopicSize: scale.minTopicSize,
    outlierSimilarity: options.outlierSimilarity,
  });
  const fineLevel: Level = { groupOf: fine.topicOf, count: fine.count, centroids: fine.centroids };
  const fineMembers = membersOf(fineLevel);
  const broadOfTopic = groupTopics(
    fine.topicOf,
    fineMembers.map((m) => m.length),
    edges,
    options.broadTopicResolution,
    options.seed,
  );
  const broadCount = broadOfTopic.reduce((max, t) => Math.max(max, t + 1), 0);
  const broadOf = Int32Array.from(fine.topicOf, (t) => (t < 0 ? -1 : broadOfTopic[t]!));
  const broadLevel: Level = {
    groupOf: broadOf,
    count: broadCount,
    centroids: groupCentroids(vectors, dim, broadOf, broadCount),
  };
  const broadMembers = membersOf(broadLevel);

  const ids = assignIds(input, options, fineLevel, broadLevel);
  const fineIds = ids.fine;
  const broadIds = ids.broad;

  const corpus = tokenizeCorpus(docs);
  const index = buildTermIndex(corpus, options.ngramMax);
  const fineText = describeGroups(corpus, index, fineLevel, options, undefined, broadOfTopic);
  const broadText = describeGroups(corpus, index, broadLevel, options);

  const labelInput = (text: { labelTerms: LabelTerm[] }, id: number) => {
    const reserved = ids.keptLabels.get(id);
    return { id, ranked: text.labelTerms, ...(reserved === undefined ? {} : { reserved }) };
  };
  const labels = uniqueLabels(
    [
      ...fineText.map((text, g) => labelInput(text, fineIds[g]!)),
      ...broadText.map((text, g) => labelInput(text, broadIds[g]!)),
    ].sort((a, b) => a.id - b.id),
    options.labelTerms,
    options.keywordsPerTopic,
  );

  const representativesOf = (level: Level, members: number[][], g: number) =>
    closestMembers(vectors, dim, members[g]!, level.centroids, g, options.representatives).map(
      (row) => docs[row]!.id,
    );

  const fineTopics: Topic[] = fineMembers.map((members, g) => ({
    id: fineIds[g]!,
    level: 0,
    label: labels.get(fineIds[g]!)!,
    keywords: fineText[g]!.keywords,
    size: members.length,
    parent: broadIds[broadOfTopic[g]!]!,
    children: [],
    representatives: representativesOf(fineLevel, fineMembers, g),
    labelX: 0,
    labelY: 0,
  }));
  const broadTopicList: Topic[] = broadMembers.map((members, g) => ({
    id: broadIds[g]!,
    level: 1,
    label: labels.get(broadIds[g]!)!,
    keywords: broadText[g]!.keywords,
    size: members.length,
    parent: null,
    children: [...broadOfTopic.keys()]
      .filter((t) => broadOfTopic[t] === g)
      .map((t) => fineIds[t]!)
      .sort((a, b) => a - b),
    representatives: representativesOf(broadLevel, broadMembers, g),
    labelX: 0,
    labelY: 0,
  }));

  const assignment = Array.from(fine.topicOf, (g) => (g < 0 ? null : fineIds[g]!));
  const nearestTopics = Array.from(fine.topicOf, (g, row): TopicSimilarity[] =>
    g >= 0
      ? []
      : nearestCentroids(vectors, row, fine.centroids, dim, 2).map(([t, similarity]) => ({
          topic: fineIds[t]!,
          similarity: round4(similarity),
        })),
  );

  const centroids = new Map<number, Float32Array>();
  fineIds.forEach((id, g) => centroids.set(id, fine.centroids.slice(g * dim, (g + 1) * dim)));
  broadIds.forEach((id, g) =>
    centroids.set(id, broadLevel.centroids.slice(g * dim, (g + 1) * dim)),
  );

  const quality = measureQuality({
    corpus,
    index,
    fine: fineLevel,
    broadTopics: { ofTopic: broadOfTopic, count: broadCount },
    sizes: fineMembers.map((m) => m.length),
    papers,
    options,
    shown: {
      docs,
      fine: fineText.map((text) => text.keywords.map((k) => k.term)),
      broadTopics: broadText.map((text) => text.keywords.map((k) => k.term)),
    },
  });

  const byId = (a: Topic, b: Topic) => a.id - b.id;
  return {
    topics: [...broadTopicList.sort(byId), ...fineTopics.sort(byId)],
    assignment,
    nearestTopics,
    centroids,
    changes: ids.changes,
    quality,
    params: {
      seed: options.seed,
      resolution: round4(scale.resolution),
      minTopicSize: scale.minTopicSize,
      neighbours: Math.min(scale.neighbours, graph.k),
      outlierSimilarity: options.outlierSimilarity,
      broadTopicResolution: options.broadTopicResolution,
      ngramMax: options.ngramMax,
      communities: communityCount,
    },
  };
}
