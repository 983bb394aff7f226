/**
 * Topic discovery: papers → fine topics (level 0) and broad themes (level 1), with c-TF-IDF
 * labels, explicit outliers, stable ids across runs and quality figures.
 *
 * Steps: Louvain communities of the k-NN graph in the full embedding space (knn-communities.ts)
 * → topics and outliers (assign-members.ts) → themes from the topic graph (hierarchy.ts) →
 * keywords (c-tf-idf.ts) and labels (labels.ts) → ids matched to the previous run
 * (stable-ids.ts) → quality (quality/). A pure function of its input: no I/O, no clock.
 */
import type { KnnGraph } from '../index/knn.ts';
import type { Keyword, Topic, TopicChanges, TopicSimilarity } from '../schema/artifacts.ts';
import { assignMembers } from './assign-members.ts';
import { buildTermIndex, classTerms, readTerms } from './c-tf-idf.ts';
import { groupCentroids, nearestCentroids, rowDot } from './centroids.ts';
import { groupTopics } from './hierarchy.ts';
import { louvainCommunities, undirectedEdges } from './knn-communities.ts';
import { uniqueLabels, type LabelTerm } from './labels.ts';
import { topicQuality, type TopicQuality } from './quality/topic-quality.ts';
import { matchTopics, type MatchGroup } from './stable-ids.ts';
import { contentKeys, tokenizeCorpus, type TokenizedCorpus } from './tokenize.ts';
import {
  checkTopicOptions,
  effectiveScale,
  type TopicOptions,
} from './topic-options.ts';

export { DEFAULT_TOPIC_OPTIONS, type TopicOptions } from './topic-options.ts';
export type { TopicQuality } from './quality/topic-quality.ts';

/** The previous run's topics, to keep ids and labels stable. */
export interface PreviousTopics {
  /** Both levels, as written in `topics.json`. */
  topics: Topic[];
  /** Fine topic id → ids of its member papers. */
  members: Map<number, string[]>;
}

/** A paper as topic discovery reads it. */
export interface TopicDoc {
  id: string;
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

/** Parameters as actually used, for the manifest. */
export interface TopicParams {
  seed: number;
  /** Louvain resolution γ used for fine topics. */
  resolution: number;
  /** Smallest topic, in papers, as used. */
  minTopicSize: number;
  neighbours: number;
  outlierSimilarity: number;
  themeResolution: number;
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

/** Row groups of one level, before ids. */
interface Level {
  /** Per row: group index or -1. */
  groupOf: Int32Array;
  count: number;
  centroids: Float32Array;
}

function membersOf(level: Level): number[][] {
  const members: number[][] = Array.from({ length: level.count }, () => []);
  level.groupOf.forEach((g, row) => {
    if (g >= 0) members[g]!.push(row);
  });
  return members;
}

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
  const themeOfTopic = groupTopics(
    fine.topicOf,
    fineMembers.map((m) => m.length),
    edges,
    options.themeResolution,
    options.seed,
  );
  const themeCount = themeOfTopic.reduce((max, t) => Math.max(max, t + 1), 0);
  const themeOf = Int32Array.from(fine.topicOf, (t) => (t < 0 ? -1 : themeOfTopic[t]!));
  const themeLevel: Level = {
    groupOf: themeOf,
    count: themeCount,
    centroids: groupCentroids(vectors, dim, themeOf, themeCount),
  };
  const themeMembers = membersOf(themeLevel);

  const ids = assignIds(input, options, fineLevel, themeLevel);
  const fineIds = ids.fine;
  const themeIds = ids.theme;

  const corpus = tokenizeCorpus(docs);
  const index = buildTermIndex(corpus, options.ngramMax);
  // Twice the keywords are ranked, so that enough remain once fragments are dropped.
  const termOptions = {
    top: 2 * options.keywordsPerTopic,
    minDocFrequency: options.minKeywordPapers,
    minClassDocs: options.minKeywordPapers,
    tfExponent: options.tfExponent,
  };
  const fineTerms = classTerms(index, fine.topicOf, fine.count, termOptions);
  const themeTerms = classTerms(index, themeOf, themeCount, termOptions);

  const describe = (terms: typeof fineTerms, members: number[][]) =>
    terms.map((candidates, g) => {
      const reading = readTerms(
        corpus,
        index,
        candidates.map((t) => t.term),
        members[g]!,
        options.fragmentShare,
      );
      const ranked = candidates
        .filter((t) => !reading.get(t.term)!.fragment)
        .slice(0, options.keywordsPerTopic);
      const keywords: Keyword[] = ranked.map((t) => ({
        term: reading.get(t.term)!.display,
        weight: round4(t.weight),
      }));
      const labelTerms: LabelTerm[] = ranked.map((t) => ({
        words: index.termKeys(t.term).map((key) => corpus.keys[key]!),
        text: reading.get(t.term)!.display,
      }));
      return { keywords, labelTerms };
    });
  const fineText = describe(fineTerms, fineMembers);
  const themeText = describe(themeTerms, themeMembers);

  const labels = uniqueLabels(
    [
      ...fineText.map((text, g) => ({
        id: fineIds[g]!,
        ranked: text.labelTerms,
        ...(ids.keptLabels.has(fineIds[g]!) ? { reserved: ids.keptLabels.get(fineIds[g]!)! } : {}),
      })),
      ...themeText.map((text, g) => ({
        id: themeIds[g]!,
        ranked: text.labelTerms,
        ...(ids.keptLabels.has(themeIds[g]!) ? { reserved: ids.keptLabels.get(themeIds[g]!)! } : {}),
      })),
    ].sort((a, b) => a.id - b.id),
    options.labelTerms,
    options.keywordsPerTopic,
  );

  const representativesOf = (level: Level, members: number[][], g: number) =>
    members[g]!
      .map((row) => [row, rowDot(vectors, row, level.centroids, g, dim)] as const)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, options.representatives)
      .map(([row]) => docs[row]!.id);

  const fineTopics: Topic[] = fineMembers.map((members, g) => ({
    id: fineIds[g]!,
    level: 0,
    label: labels.get(fineIds[g]!)!,
    keywords: fineText[g]!.keywords,
    size: members.length,
    parent: themeIds[themeOfTopic[g]!]!,
    children: [],
    representatives: representativesOf(fineLevel, fineMembers, g),
    labelX: 0,
    labelY: 0,
  }));
  const themeTopics: Topic[] = themeMembers.map((members, g) => ({
    id: themeIds[g]!,
    level: 1,
    label: labels.get(themeIds[g]!)!,
    keywords: themeText[g]!.keywords,
    size: members.length,
    parent: null,
    children: [...themeOfTopic.keys()]
      .filter((t) => themeOfTopic[t] === g)
      .map((t) => fineIds[t]!)
      .sort((a, b) => a - b),
    representatives: representativesOf(themeLevel, themeMembers, g),
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
  themeIds.forEach((id, g) =>
    centroids.set(id, themeLevel.centroids.slice(g * dim, (g + 1) * dim)),
  );

  const quality = topicQuality({
    topWords: classTerms(index, fine.topicOf, fine.count, {
      top: 10,
      minDocFrequency: options.minKeywordPapers,
      tfExponent: options.tfExponent,
      wordsOnly: true,
    }).map((ranked) => ranked.map((t) => t.term)),
    ...(options.measureCoherence ? { texts: coherenceTexts(corpus) } : {}),
    sizes: fineMembers.map((m) => m.length),
    themes: themeCount,
    papers,
  });

  const byId = (a: Topic, b: Topic) => a.id - b.id;
  return {
    topics: [...themeTopics.sort(byId), ...fineTopics.sort(byId)],
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
      themeResolution: options.themeResolution,
      ngramMax: options.ngramMax,
      communities: communityCount,
    },
  };
}

function coherenceTexts(corpus: TokenizedCorpus): Int32Array[] {
  return corpus.docs.map((_, doc) => contentKeys(corpus, doc));
}

/** Ids of both levels, labels kept from the previous run, and the changes. */
interface IdAssignment {
  fine: number[];
  theme: number[];
  keptLabels: Map<number, string>;
  changes: TopicChanges;
}

function assignIds(
  input: TopicInput,
  options: TopicOptions,
  fineLevel: Level,
  themeLevel: Level,
): IdAssignment {
  const { previous, docs } = input;
  if (!previous) {
    return {
      fine: [...Array(fineLevel.count).keys()],
      theme: [...Array(themeLevel.count).keys()].map((g) => fineLevel.count + g),
      keptLabels: new Map(),
      changes: { born: [], merged: [], split: [], retired: [] },
    };
  }

  const rowOf = new Map(docs.map((doc, row) => [doc.id, row]));
  const present = new Set(rowOf.keys());
  const previousGroup = (papers: string[]): MatchGroup => {
    const rows = papers.map((id) => rowOf.get(id)).filter((row) => row !== undefined);
    if (rows.length === 0) return { papers, centroid: null };
    const groupOf = new Int32Array(docs.length).fill(-1);
    for (const row of rows) groupOf[row] = 0;
    return { papers, centroid: groupCentroids(input.vectors, input.dim, groupOf, 1) };
  };
  const currentGroups = (level: Level): MatchGroup[] =>
    membersOf(level).map((rows, g) => ({
      papers: rows.map((row) => docs[row]!.id),
      centroid: level.centroids.slice(g * input.dim, (g + 1) * input.dim),
    }));

  const previousFine = previous.topics.filter((t) => t.level === 0).sort((a, b) => a.id - b.id);
  const previousThemes = previous.topics.filter((t) => t.level === 1).sort((a, b) => a.id - b.id);
  const papersOf = (topic: Topic): string[] =>
    topic.level === 0
      ? [...(previous.members.get(topic.id) ?? [])]
      : topic.children.flatMap((child) => previous.members.get(child) ?? []);

  let nextId = previous.topics.reduce((max, t) => Math.max(max, t.id + 1), 0);
  const changes: TopicChanges = { born: [], merged: [], split: [], retired: [] };
  const keptLabels = new Map<number, string>();
  const levelIds = (level: Level, before: Topic[]): number[] => {
    const match = matchTopics(
      currentGroups(level),
      before.map((topic) => previousGroup(papersOf(topic))),
      present,
      {
        minOverlap: options.matchOverlap,
        minCentroidSimilarity: options.matchCentroidSimilarity,
        splitShare: options.splitShare,
      },
    );
    const ids = Array.from(match.continues, (p, g) => {
      if (p < 0) return -1;
      const topic = before[p]!;
      if (match.overlap[g]! >= options.keepLabelOverlap) keptLabels.set(topic.id, topic.label);
      return topic.id;
    });
    ids.forEach((id, g) => {
      if (id < 0) ids[g] = nextId++;
    });
    changes.born.push(...match.born.map((g) => ids[g]!));
    changes.retired.push(...match.retired.map((p) => before[p]!.id));
    changes.merged.push(
      ...match.merged.map((m) => ({
        into: ids[m.into]!,
        from: m.from.map((p) => before[p]!.id).sort((a, b) => a - b),
      })),
    );
    changes.split.push(
      ...match.split.map((s) => ({
        from: before[s.from]!.id,
        into: s.into.map((g) => ids[g]!).sort((a, b) => a - b),
      })),
    );
    return ids;
  };
  const fine = levelIds(fineLevel, previousFine);
  const theme = levelIds(themeLevel, previousThemes);
  changes.born.sort((a, b) => a - b);
  changes.retired.sort((a, b) => a - b);
  changes.merged.sort((a, b) => a.into - b.into);
  changes.split.sort((a, b) => a.from - b.from);
  return { fine, theme, keptLabels, changes };
}

